# Writes ${OUT}: a C++ file defining BuiltInRegionList() with the text of
# ${CSV} (deploy/data/cn-regions-2023.csv). Run at build time, so the server
# needs no data file at run time.
file(READ "${CSV}" csv)
file(WRITE "${OUT}.tmp" "// Generated from deploy/data by embed_regions.cmake. Do not edit.
#include \"services/coverage/builtin_regions.h\"

namespace caitiao::services {

std::string_view BuiltInRegionList() {
  static constexpr char kList[] = R\"caitiao_csv(${csv})caitiao_csv\";
  return std::string_view(kList, sizeof(kList) - 1);
}

}  // namespace caitiao::services
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
