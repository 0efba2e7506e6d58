#include "services/common/audit_log.h"

#include "absl/time/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/log.h"
#include "storage/audit_repository.h"

namespace caitiao::services {
namespace {

domain::AuditRecord RecordOf(const CallContext& call, bool identified, const absl::Status& status) {
  domain::AuditRecord r;
  r.time = call.now;
  r.principal = identified ? call.principal.id : "-";
  r.role = identified && call.principal.role != domain::Role::kUnspecified ? domain::RoleName(call.principal.role)
                                                                            : "-";
  r.method = call.method;
  r.resource = call.resource;
  r.outcome = absl::StatusCodeToString(status.code());
  r.reason = status.ok() ? "" : ReasonFor(status);
  r.request_id = call.request_id;
  return r;
}

// A refused or failed call is answered even when the audit write fails, so
// it must not wait long for it.
constexpr absl::Duration kAuditWriteTime = absl::Seconds(2);

}  // namespace

absl::Status RecordAuditInTransaction(storage::Tx& tx, const CallContext& call,
                                      const std::vector<std::string>& unmasked_fields) {
  domain::AuditRecord r = RecordOf(call, true, absl::OkStatus());
  r.unmasked_fields = unmasked_fields;
  return storage::AppendAuditRecord(tx, r).status();
}

void AuditLog::RecordAfter(const CallContext& call, bool identified, const absl::Status& status) {
  const domain::AuditRecord r = RecordOf(call, identified, status);
  absl::Status written = storage::RunTransaction(pool_, absl::Now() + kAuditWriteTime, "AppendAuditRecord",
                                                 [&](storage::Tx& tx) -> absl::Status {
                                                   return storage::AppendAuditRecord(tx, r).status();
                                                 });
  if (!written.ok()) {
    log::Error("audit record not written", {{"request_id", call.request_id},
                                            {"method", call.method},
                                            {"error", written.ToString()}});
  }
}

}  // namespace caitiao::services
