# Writes ${OUT}: a C++ file defining BuiltInMigrations() with the text of
# every storage/migrations/NNNN_*.sql file, in order. Run at build time.
file(GLOB sql_files "${MIGRATIONS_DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT sql_files)
set(body "")
foreach(f IN LISTS sql_files)
  get_filename_component(fname "${f}" NAME)
  string(SUBSTRING "${fname}" 0 4 version)
  math(EXPR version_num "${version}")
  file(READ "${f}" sql)
  string(APPEND body "      {${version_num}, \"${fname}\", R\"caitiao_sql(${sql})caitiao_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from storage/migrations by embed_migrations.cmake. Do not edit.
#include \"storage/migrations.h\"

namespace caitiao::storage {

const std::vector<Migration>& BuiltInMigrations() {
  static const std::vector<Migration> kMigrations = {
${body}  };
  return kMigrations;
}

}  // namespace caitiao::storage
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
