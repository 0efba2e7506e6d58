// Everything around a handler, in one place: a request id, the caller's
// identity (resolved before the handler runs), the permission table (default
// deny), the deadline, exception safety, the absl -> gRPC status mapping, the
// request id in trailing metadata (x-request-id), the audit record of every
// mutating or refused call, and one structured log line per call.
//
//   grpc::Status CaseGrpcService::GetCase(grpc::ServerContext* ctx, const GetCaseRequest* req,
//                                         Case* resp) {
//     return rpc_.Run(ctx, "GetCase", [&](const CallContext& call) { ... return absl::OkStatus(); });
//   }
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/common/audit_log.h"
#include "services/common/authenticator.h"
#include "services/domain/access_policy.h"
#include "services/domain/principal.h"

namespace caitiao::services {

class RpcRunner {
 public:
  // `service` is the full service name, e.g. "caitiao.v1.CaseService".
  RpcRunner(std::string service, const Authenticator& authenticator, AuditLog& audit)
      : service_(std::move(service)), authenticator_(authenticator), audit_(audit) {}

  // Runs `handler` for `method` (the bare method name, e.g. "GetCase") once
  // the caller is authenticated and its role is allowed by the table.
  grpc::Status Run(grpc::ServerContext* ctx, std::string_view method,
                   const std::function<absl::Status(const CallContext&)>& handler) const;

 private:
  const std::string service_;
  const Authenticator& authenticator_;
  AuditLog& audit_;
};

}  // namespace caitiao::services
