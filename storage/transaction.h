// One database transaction per request: acquire a pooled connection, bound
// the statements by the caller's deadline (the session's statement_timeout,
// set only when the one in force does not fit the deadline), run the body,
// commit only if it returned OK. libpqxx exceptions become absl::Status here and nowhere else:
//   serialization failure, deadlock  -> ABORTED (CONCURRENT_UPDATE): retry
//   broken connection                -> UNAVAILABLE (DATABASE_UNAVAILABLE);
//                                       the connection is discarded
//   statement timeout / cancel       -> DEADLINE_EXCEEDED
//   commit outcome unknown           -> UNAVAILABLE (COMMIT_UNKNOWN): retry
//                                       with the same request_id
//   anything else                    -> INTERNAL (the cause is logged)
#pragma once

#include <functional>
#include <string_view>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "storage/connection_pool.h"

namespace caitiao::storage {

// What a body sends its statements through: a transaction, or for
// TxMode::kOneStatement the connection's own autocommit.
using Tx = pqxx::transaction_base;
using TxBody = std::function<absl::Status(Tx&)>;

// Runs `body` in a READ COMMITTED transaction that must finish by `deadline`.
absl::Status RunTransaction(ConnectionPool& pool, absl::Time deadline, std::string_view name,
                            const TxBody& body);

// How a transaction reads and writes.
enum class TxMode {
  kReadWrite,  // READ COMMITTED, the default
  // REPEATABLE READ, READ ONLY: every statement sees one snapshot, so the
  // figures of one report agree; allowed on a hot standby.
  kSnapshotReadOnly,
  // The body sends exactly one statement, which PostgreSQL runs as its own
  // transaction with one snapshot: no BEGIN or COMMIT round trip. For reads
  // that one statement answers (a case with its parties, a page of cases).
  kOneStatement,
};

// As RunTransaction, in `mode`.
absl::Status RunTransaction(ConnectionPool& pool, absl::Time deadline, std::string_view name, TxMode mode,
                            const TxBody& body);

// As RunTransaction, on a connection already leased (e.g. after checking
// what it is connected to).
absl::Status RunTransactionOn(ConnectionPool::Lease& lease, absl::Time deadline, std::string_view name,
                              TxMode mode, const TxBody& body);

}  // namespace caitiao::storage
