# Writes ${OUT}: a C++ file defining EmbeddedReportTemplates() with the text of
# every clients/templates/*.mustache file, by name without the extension.
# Run at build time (as storage/embed_migrations.cmake).
file(GLOB template_files "${TEMPLATES_DIR}/*.mustache")
list(SORT template_files)
set(body "")
foreach(f IN LISTS template_files)
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" text)
  string(FIND "${text}" ")caitiao_tpl" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${f} contains the raw-string delimiter )caitiao_tpl")
  endif()
  string(APPEND body "      {\"${name}\", R\"caitiao_tpl(${text})caitiao_tpl\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from clients/templates by embed_templates.cmake. Do not edit.
#include \"clients/report_templates.h\"

namespace caitiao::cli {

const std::map<std::string, std::string>& EmbeddedReportTemplates() {
  static const std::map<std::string, std::string> kTemplates = {
${body}  };
  return kTemplates;
}

}  // namespace caitiao::cli
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
