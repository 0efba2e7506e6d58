// Everything around a handler, in one place: a request id, the caller's
// identity (resolved before the handler runs), the deadline, exception
// safety, the absl -> gRPC status mapping, the request id in trailing
// metadata (x-request-id) and one structured log line per call.
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
#include "services/common/authenticator.h"
#include "services/domain/principal.h"

namespace caitiao::services {

struct CallContext {
  std::string request_id;  // server-assigned, in logs and trailing metadata
  std::string method;
  domain::Principal principal;
  absl::Time now;       // when the call started; the only clock handlers use
  absl::Time deadline;  // the client's deadline, capped by the server's limit
};

class RpcRunner {
 public:
  explicit RpcRunner(const Authenticator& authenticator) : authenticator_(authenticator) {}

  grpc::Status Run(grpc::ServerContext* ctx, std::string_view method,
                   const std::function<absl::Status(const CallContext&)>& handler) const;

 private:
  const Authenticator& authenticator_;
};

}  // namespace caitiao::services
