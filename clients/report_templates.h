// The mustache templates of the HTML reports, embedded into the binary at
// build time from clients/templates/*.mustache (embed_templates.cmake), so
// that `caitiao` needs no template files at run time.
#pragma once

#include <map>
#include <string>

namespace caitiao::cli {

// Every template by file name without ".mustache": "report" (the layout),
// "table" and "chart" (its partials).
const std::map<std::string, std::string>& EmbeddedReportTemplates();

}  // namespace caitiao::cli
