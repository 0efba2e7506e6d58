// The one mapping from absl::Status to grpc::Status, at the edge. The reason
// and field violations carried by the status (services/domain/errors.h) go
// into a caitiao.v1.ErrorDetail inside the standard grpc-status-details-bin
// trailer. INTERNAL messages are replaced by a generic text: the original is
// for the server log only.
#pragma once

#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"

namespace caitiao::services {

grpc::Status ToGrpcStatus(const absl::Status& status, const std::string& request_id);

// A reason for statuses that carry none, from their code (e.g. UNAVAILABLE ->
// "UNAVAILABLE").
std::string ReasonFor(const absl::Status& status);

}  // namespace caitiao::services
