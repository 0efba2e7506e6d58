#include "storage/database_probe.h"

#include "absl/strings/str_cat.h"
#include "storage/idempotency_repository.h"

namespace caitiao::storage {

pqxx::connection& DatabaseProbe::Connection() {
  if (!conn_ || !conn_->is_open()) {
    conn_.reset();
    conn_ = std::make_unique<pqxx::connection>(absl::StrCat(dsn_, dsn_.find("://") == std::string::npos
                                                                      ? " connect_timeout=2"
                                                                      : ""));
    PrepareIdempotencyStatements(*conn_);
  }
  return *conn_;
}

bool DatabaseProbe::Ping() {
  try {
    pqxx::work tx(Connection());
    tx.exec("SET LOCAL statement_timeout = 2000");
    tx.exec("SELECT 1");
    tx.commit();
    return true;
  } catch (const std::exception&) {
    conn_.reset();
    return false;
  }
}

absl::StatusOr<int64_t> DatabaseProbe::ExpireIdempotencyKeys(int max_age_hours) {
  try {
    pqxx::work tx(Connection());
    auto deleted = DeleteExpiredKeys(tx, max_age_hours);
    tx.commit();
    return deleted;
  } catch (const std::exception& e) {
    conn_.reset();
    return absl::UnavailableError(absl::StrCat("expiring idempotency keys: ", e.what()));
  }
}

}  // namespace caitiao::storage
