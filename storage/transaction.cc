#include "storage/transaction.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::storage {
namespace {

using domain::WithReason;

// The server's own work is bounded even without a client deadline.
constexpr absl::Duration kMaxStatementTime = absl::Seconds(30);
// SQLSTATE of a statement cancelled by statement_timeout (libpqxx 6 has no
// class of its own for it).
constexpr char kQueryCanceled[] = "57014";
// Class 53, insufficient resources; 53100 is disk_full.
constexpr char kDiskFull[] = "53100";

// Bounds the connection's statements by `deadline` (and kMaxStatementTime).
// The timeout is set on the session, outside any transaction, and kept with
// the pooled connection: a call whose time left is within 10% above the
// value in force sends nothing, which saves every call of a client with a
// steady deadline a round trip. A new value is 95% of the time left, so the
// next calls, a little later into theirs, still fit.
void FitStatementTimeout(ConnectionPool::Lease& lease, absl::Time deadline) {
  const absl::Duration left = std::min(deadline - absl::Now(), kMaxStatementTime);
  const int64_t wanted = std::max<int64_t>(1, absl::ToInt64Milliseconds(left));
  int64_t& in_force = lease.session_statement_timeout_ms();
  if (in_force > 0 && in_force <= wanted && in_force * 10 >= wanted * 9) return;
  const int64_t ms = std::max<int64_t>(1, wanted - wanted / 20);
  in_force = -1;  // unknown until the statement has answered
  pqxx::nontransaction session(lease.connection(), "statement_timeout");
  session.exec_params("SELECT set_config('statement_timeout', $1, false)", absl::StrCat(ms));
  in_force = ms;
}

// Runs `body` in a transaction of type T (or autocommit for
// pqxx::nontransaction), committing when it returns OK.
template <typename T>
absl::Status RunIn(pqxx::connection& conn, std::string_view name, const TxBody& body) {
  T tx(conn, std::string(name));
  absl::Status status = body(tx);
  if (status.ok()) tx.commit();
  return status;  // not OK: the transaction aborts as it goes out of scope
}

// Only the first line: PostgreSQL puts row values (possibly personal data) in
// its DETAIL lines.
std::string FirstLine(std::string_view text) { return std::string(text.substr(0, text.find('\n'))); }

// The message is for the server log; the gRPC edge shows clients only a
// generic text with the request id.
absl::Status Internal(std::string_view tx, const std::string& what) {
  return absl::InternalError(absl::StrCat("transaction ", std::string(tx), ": ", what));
}

}  // namespace

absl::Status RunTransaction(ConnectionPool& pool, absl::Time deadline, std::string_view name,
                            const TxBody& body) {
  return RunTransaction(pool, deadline, name, TxMode::kReadWrite, body);
}

absl::Status RunTransaction(ConnectionPool& pool, absl::Time deadline, std::string_view name, TxMode mode,
                            const TxBody& body) {
  if (absl::Now() >= deadline) {
    return absl::DeadlineExceededError("the request's deadline passed before it could start");
  }
  auto lease = pool.Acquire(deadline);
  if (!lease.ok()) return lease.status();
  return RunTransactionOn(*lease, deadline, name, mode, body);
}

absl::Status RunTransactionOn(ConnectionPool::Lease& lease_ref, absl::Time deadline, std::string_view name,
                              TxMode mode, const TxBody& body) {
  if (absl::Now() >= deadline) {
    return absl::DeadlineExceededError("the request's deadline passed before it could start");
  }
  ConnectionPool::Lease* lease = &lease_ref;
  try {
    FitStatementTimeout(*lease, deadline);
    switch (mode) {
      case TxMode::kReadWrite:
        return RunIn<pqxx::work>(lease->connection(), name, body);
      case TxMode::kSnapshotReadOnly:
        // libpqxx sends BEGIN and SET TRANSACTION in one round trip.
        return RunIn<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(lease->connection(), name, body);
      case TxMode::kOneStatement:
        return RunIn<pqxx::nontransaction>(lease->connection(), name, body);
    }
    return Internal(name, "unknown transaction mode");
  } catch (const pqxx::in_doubt_error&) {
    lease->MarkBroken();
    return WithReason(absl::UnavailableError("the database connection failed during commit; the change "
                                             "may or may not be saved: retry with the same request_id"),
                      domain::reasons::kCommitUnknown);
  } catch (const pqxx::broken_connection&) {
    lease->MarkBroken();
    return WithReason(absl::UnavailableError("the database connection was lost; retry"),
                      domain::reasons::kDatabaseUnavailable);
  } catch (const pqxx::statement_completion_unknown&) {
    lease->MarkBroken();
    return WithReason(absl::UnavailableError("the database connection failed mid-statement; retry with "
                                             "the same request_id"),
                      domain::reasons::kCommitUnknown);
  } catch (const pqxx::transaction_rollback&) {
    // Serialization failure or deadlock: the server rolled back; a retry may pass.
    return WithReason(absl::AbortedError("a concurrent change conflicted with this one; retry"),
                      domain::reasons::kConcurrentUpdate);
  } catch (const pqxx::sql_error& e) {
    if (!lease->connection().is_open()) lease->MarkBroken();
    if (e.sqlstate() == kQueryCanceled) {
      return absl::DeadlineExceededError("the request's deadline passed while the database was working");
    }
    // The statement failed and the transaction rolls back: nothing is half
    // written, and reads go on.
    if (e.sqlstate() == kDiskFull) {
      return WithReason(absl::ResourceExhaustedError("the database's disk is full; nothing was saved: retry "
                                                     "with the same request_id once an operator has freed space"),
                        domain::reasons::kDatabaseDiskFull);
    }
    if (e.sqlstate().rfind("53", 0) == 0) {
      return WithReason(absl::ResourceExhaustedError(absl::StrCat("the database is short of resources (sqlstate ",
                                                                  e.sqlstate(), "); nothing was saved: retry shortly")),
                        domain::reasons::kDatabaseResources);
    }
    return Internal(name, absl::StrCat("sqlstate ", e.sqlstate(), ": ", FirstLine(e.what())));
  } catch (const std::exception& e) {
    if (!lease->connection().is_open()) lease->MarkBroken();
    return Internal(name, FirstLine(e.what()));
  }
}

}  // namespace caitiao::storage
