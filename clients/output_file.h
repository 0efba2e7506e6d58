// Writing a command's output to --output=FILE instead of stdout.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace caitiao::cli {

// Writes `text` to `path` whole or not at all: into "PATH.tmp" first, then
// renamed over PATH, so a reader never sees half a report. The file's mode
// follows the umask. FAILED_PRECONDITION naming the path and the system's
// reason when it cannot be written.
absl::Status WriteOutputFile(const std::string& path, absl::string_view text);

}  // namespace caitiao::cli
