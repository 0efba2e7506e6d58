#include "services/common/audit_log.h"

#include "absl/strings/str_cat.h"
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
  r.peer = call.peer;
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

AuditLog::AuditLog(storage::ConnectionPool& pool, absl::Duration fold_interval, size_t max_kinds)
    : pool_(pool), tally_(fold_interval, max_kinds) {}

AuditLog::~AuditLog() { Stop(); }

void AuditLog::Start() {
  flusher_ = std::thread([this] {
    while (!stopping_.WaitForNotificationWithTimeout(absl::Seconds(1))) WriteDue(absl::Now());
  });
}

void AuditLog::Stop() {
  if (!stopping_.HasBeenNotified()) stopping_.Notify();
  if (flusher_.joinable()) flusher_.join();
  WriteDue(absl::InfiniteFuture());
}

void AuditLog::WriteDue(absl::Time now) {
  std::vector<domain::RepeatedRefusal> due;
  {
    absl::MutexLock lock(&mu_);
    due = tally_.Due(now);
  }
  for (const auto& folded : due) {
    domain::AuditRecord r;
    r.time = folded.last;
    r.principal = folded.kind.principal;
    r.role = folded.kind.role;
    r.method = folded.kind.method;
    r.outcome = folded.kind.outcome;
    r.reason = folded.kind.reason;
    r.request_id = folded.last_request_id;
    r.peer = folded.kind.peer;
    r.repeats = folded.repeats;
    Write(r);
  }
}

bool AuditLog::RecordAfter(const CallContext& call, bool identified, const absl::Status& status) {
  const domain::AuditRecord r = RecordOf(call, identified, status);
  if (status.code() == absl::StatusCode::kUnauthenticated || status.code() == absl::StatusCode::kPermissionDenied) {
    absl::MutexLock lock(&mu_);
    if (!tally_.Admit({r.peer, r.principal, r.role, r.method, r.outcome, r.reason}, r.time, r.request_id)) {
      return false;
    }
  }
  Write(r);
  return true;
}

void AuditLog::Write(const domain::AuditRecord& r) {
  absl::Status written = storage::RunTransaction(pool_, absl::Now() + kAuditWriteTime, "AppendAuditRecord",
                                                 [&](storage::Tx& tx) -> absl::Status {
                                                   return storage::AppendAuditRecord(tx, r).status();
                                                 });
  if (!written.ok()) {
    log::Error("audit record not written", {{"request_id", r.request_id},
                                            {"method", r.method},
                                            {"error", written.ToString()}});
  }
}

}  // namespace caitiao::services
