#include "services/common/rpc.h"

#include <chrono>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/common/grpc_status.h"
#include "services/common/ids.h"
#include "services/common/log.h"
#include "services/domain/refusal_tally.h"
#include "services/metrics/metrics_registry.h"

namespace caitiao::services {
namespace {

// Even a client without a deadline does not hold a server thread longer.
constexpr absl::Duration kMaxCallTime = absl::Seconds(60);

bool IsRefusal(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnauthenticated || s.code() == absl::StatusCode::kPermissionDenied;
}

// The metrics of a call's method. Every method of the permission table is
// looked up once, on the first call, and then found by its policy's place in
// the table: no lock, no allocation. Only a method missing from the table
// (refused by default) takes the registry's lock.
metrics::MethodStats& StatsOf(const domain::MethodPolicy* policy, std::string_view method) {
  static const std::vector<metrics::MethodStats*>* const known = [] {
    auto* stats = new std::vector<metrics::MethodStats*>();
    for (const domain::MethodPolicy& p : domain::AccessPolicyTable()) {
      stats->push_back(&metrics::Registry::Default().Method(p.method));
    }
    return stats;
  }();
  if (policy != nullptr) {
    const auto& table = domain::AccessPolicyTable();
    const size_t index = static_cast<size_t>(policy - table.data());
    if (index < known->size()) return *(*known)[index];
  }
  return metrics::Registry::Default().Method(method);
}

}  // namespace

grpc::Status RpcRunner::Run(grpc::ServerContext* ctx, std::string_view method,
                            const std::function<absl::Status(const CallContext&)>& handler) const {
  const auto started = std::chrono::steady_clock::now();
  CallContext call;
  call.request_id = NewRequestId();
  call.method = absl::StrCat(service_, "/", std::string(method));
  call.peer = domain::PeerHost(ctx->peer());
  call.now = absl::Now();
  call.deadline = std::min(absl::FromChrono(ctx->deadline()), call.now + kMaxCallTime);
  ctx->AddTrailingMetadata("x-request-id", call.request_id);

  const domain::MethodPolicy* policy = domain::FindMethodPolicy(call.method);
  call.mutating = policy == nullptr || policy->mutating;  // unknown: audit it

  absl::Status status;
  auto principal = authenticator_.Authenticate(*ctx);
  bool identified = principal.ok();
  if (!principal.ok()) {
    status = principal.status();
    if (auto known = RefusedPrincipalOf(status)) {
      call.principal.id = *known;  // role stays unspecified: the credential grants nothing
      identified = true;
    }
  } else {
    call.principal = *principal;
    status = domain::Authorize(call.principal, call.method, policy);
    if (status.ok()) {
      try {
        status = handler(call);
      } catch (const std::exception& e) {
        status = absl::InternalError(absl::StrCat("unhandled exception: ", e.what()));
      }
    }
  }

  bool folded = false;
  if ((call.mutating || IsRefusal(status)) && !(status.ok() && call.audited)) {
    folded = !audit_.RecordAfter(call, identified, status);
  }

  const bool internal =
      status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss;
  // A refusal folded into the audit log's count is logged at debug only: a
  // flood of them must not become a flood of log lines either.
  const log::Level level = internal ? log::Level::kError : (folded ? log::Level::kDebug : log::Level::kInfo);
  if (log::Enabled(level)) {
    const std::string latency = absl::StrFormat("%.2f", absl::ToDoubleMilliseconds(absl::Now() - call.now));
    const std::string code = absl::StatusCodeToString(status.code());
    const std::string reason = status.ok() ? "" : ReasonFor(status);
    const std::string caller = identified ? call.principal.id : "-";
    const std::string role = principal.ok() ? domain::RoleName(call.principal.role) : "-";
    log::Write(level, "rpc",
               {{"request_id", call.request_id},
                {"method", call.method},
                {"caller", caller},
                {"role", role},
                {"status", code},
                {"reason", reason},
                {"latency_ms", latency},
                // Internal errors are logged with their cause (storage keeps
                // personal data out of it); clients see a generic text.
                {"error", internal ? status.message() : ""}});
  }
  // Counted here, once per call, whatever path it took.
  StatsOf(policy, call.method)
      .Record(static_cast<int>(status.code()), absl::FromChrono(std::chrono::steady_clock::now() - started));
  return ToGrpcStatus(status, call.request_id);
}

}  // namespace caitiao::services
