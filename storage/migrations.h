// Schema migrations: numbered SQL files in storage/migrations/
// (NNNN_name.sql), compiled into the binary, applied in order at start-up.
//
// Each migration runs in its own transaction and is recorded in
// schema_migrations with a checksum of its text. The whole run holds a
// PostgreSQL advisory lock, so servers starting together apply each migration
// once. A released migration must never change: a checksum mismatch stops
// the start with FAILED_PRECONDITION.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace caitiao::storage {

struct Migration {
  int version;            // NNNN from the file name
  std::string_view name;  // the file name
  std::string_view sql;
};

// The migrations built into this binary, in version order.
const std::vector<Migration>& BuiltInMigrations();

// Applies the migrations not yet recorded; returns how many it applied.
absl::StatusOr<int> Migrate(const std::string& dsn, const std::vector<Migration>& migrations);

}  // namespace caitiao::storage
