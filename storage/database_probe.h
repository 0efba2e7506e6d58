// A connection of its own for background checks: is the database
// answering, and housekeeping that must not wait for a busy pool. Not
// thread-safe: one owner thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"

namespace caitiao::storage {

class DatabaseProbe {
 public:
  explicit DatabaseProbe(std::string dsn) : dsn_(std::move(dsn)) {}

  // True if the database answered a trivial query within 2 seconds. A failed
  // connection is dropped and reopened on the next call.
  bool Ping();

  // Deletes idempotency keys older than `max_age_hours`; returns how many.
  absl::StatusOr<int64_t> ExpireIdempotencyKeys(int max_age_hours);

 private:
  pqxx::connection& Connection();

  const std::string dsn_;
  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace caitiao::storage
