#include "storage/migrations.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::storage {
namespace {

// An arbitrary constant shared by every Caitiao server ("caitiao" in ASCII).
constexpr int64_t kMigrationLockKey = 0x63616974'69616f;

constexpr char kCreateTable[] = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     int PRIMARY KEY,
  name        text NOT NULL,
  checksum    bytea NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
))sql";

// Returns OK if `m` is already applied with the same text, NOT_FOUND if it is
// not applied, FAILED_PRECONDITION if it was applied with other text.
absl::Status CheckApplied(pqxx::connection& conn, const Migration& m) {
  pqxx::work tx(conn);
  pqxx::result r = tx.exec_params(
      "SELECT checksum = sha256(convert_to($2, 'UTF8')) FROM schema_migrations WHERE version = $1",
      m.version, std::string(m.sql));
  tx.commit();
  if (r.empty()) return absl::NotFoundError("not applied");
  if (r[0][0].as<bool>()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("migration ", std::string(m.name),
                   " was changed after it was applied; released migrations must never be edited: "
                   "add a new numbered migration instead"));
}

void Apply(pqxx::connection& conn, const Migration& m) {
  pqxx::work tx(conn, "migrate");
  tx.exec(std::string(m.sql));
  tx.exec_params(
      "INSERT INTO schema_migrations (version, name, checksum) "
      "VALUES ($1, $2, sha256(convert_to($3, 'UTF8')))",
      m.version, std::string(m.name), std::string(m.sql));
  tx.commit();
}

}  // namespace

absl::StatusOr<int> Migrate(const std::string& dsn, const std::vector<Migration>& migrations) {
  int applied = 0;
  try {
    pqxx::connection conn(dsn);
    pqxx::nontransaction(conn).exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    {
      pqxx::work tx(conn);
      tx.exec(kCreateTable);
      tx.commit();
    }
    for (const Migration& m : migrations) {
      absl::Status s = CheckApplied(conn, m);
      if (s.ok()) continue;
      if (!absl::IsNotFound(s)) return s;
      Apply(conn, m);
      ++applied;
    }
    pqxx::nontransaction(conn).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
  } catch (const pqxx::broken_connection& e) {
    return domain::WithReason(absl::UnavailableError(absl::StrCat("cannot reach the database: ", e.what())),
                              domain::reasons::kDatabaseUnavailable);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("migration failed: ", e.what()));
  }
  return applied;
}

}  // namespace caitiao::storage
