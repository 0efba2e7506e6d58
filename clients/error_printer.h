// Turns a failed call into the client's error report on stderr:
//   error: <CODE_NAME> (<reason>): <message>
//     field <field>: <description>      (one per field violation)
//     request id: <id>
#pragma once

#include <grpcpp/grpcpp.h>

#include <optional>
#include <ostream>
#include <string>

#include "caitiao/v1/common.pb.h"

namespace caitiao::cli {

// "INVALID_ARGUMENT", "NOT_FOUND", ... as in the gRPC spec.
std::string StatusCodeName(grpc::StatusCode code);

// The ErrorDetail the server attaches (caitiao.v1.RpcStatus in
// grpc-status-details-bin), or nullopt when there is none, e.g. for transport
// failures that never reached the server.
std::optional<caitiao::v1::ErrorDetail> DecodeErrorDetail(const grpc::Status& status);

// Writes the report. `ctx` supplies the x-request-id trailer when the status
// carries no ErrorDetail.
void PrintRpcError(const grpc::Status& status, const grpc::ClientContext& ctx, std::ostream& out);

}  // namespace caitiao::cli
