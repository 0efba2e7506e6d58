// The audit log (审计日志): who called what, on which resource, with what
// outcome — never the payload. A successful change writes its record in its
// own transaction (RecordInTransaction); refusals and failed changes are
// written by the RPC runner afterwards (RecordAfter). Refusals of one kind
// are folded per interval (domain::RefusalTally), so that a flood of refused
// calls costs a few rows, not one each.
#pragma once

#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "services/domain/access_types.h"
#include "services/domain/refusal_tally.h"
#include "absl/status/status.h"
#include "services/common/call_context.h"
#include "storage/connection_pool.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Inside the call's own transaction: outcome OK, plus the personal-data
// fields the call revealed, if any. Once that transaction commits, the caller
// sets call.audited so that the runner writes no second record.
absl::Status RecordAuditInTransaction(storage::Tx& tx, const CallContext& call,
                                      const std::vector<std::string>& unmasked_fields = {});

class AuditLog {
 public:
  // Refusals of a kind are folded for `fold_interval`; at most `max_kinds`
  // kinds are tracked (past it, new peers fold under "*").
  explicit AuditLog(storage::ConnectionPool& pool, absl::Duration fold_interval = absl::Seconds(10),
                    size_t max_kinds = 10000);
  // Writes what is still folded (Stop).
  ~AuditLog();

  // Starts writing folded refusals as their intervals end.
  void Start();
  // Writes every folded refusal now and stops; call before the pool closes.
  void Stop();

  // In a transaction of its own, for a call that ended with `status`. A
  // failure to write is logged, never returned: the caller's answer stands.
  // A refusal (UNAUTHENTICATED, PERMISSION_DENIED) is written only if it is
  // the first of its kind in its interval; the rest are counted. Returns
  // false for a refusal so counted (folded).
  bool RecordAfter(const CallContext& call, bool identified, const absl::Status& status);

 private:
  void Write(const domain::AuditRecord& r);
  void WriteDue(absl::Time now);

  storage::ConnectionPool& pool_;
  absl::Mutex mu_;
  domain::RefusalTally tally_ ABSL_GUARDED_BY(mu_);
  absl::Notification stopping_;
  std::thread flusher_;
};

}  // namespace caitiao::services
