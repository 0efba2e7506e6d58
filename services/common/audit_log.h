// The audit log (审计日志): who called what, on which resource, with what
// outcome — never the payload. A successful change writes its record in its
// own transaction (RecordInTransaction); refusals and failed changes are
// written by the RPC runner afterwards (RecordAfter).
#pragma once

#include <string>
#include <vector>

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
  explicit AuditLog(storage::ConnectionPool& pool) : pool_(pool) {}

  // In a transaction of its own, for a call that ended with `status`. A
  // failure to write is logged, never returned: the caller's answer stands.
  void RecordAfter(const CallContext& call, bool identified, const absl::Status& status);

 private:
  storage::ConnectionPool& pool_;
};

}  // namespace caitiao::services
