// Prepares every statement of every repository on a new pooled connection.
#pragma once

#include <pqxx/pqxx>

namespace caitiao::storage {

void PrepareAllStatements(pqxx::connection& conn);

}  // namespace caitiao::storage
