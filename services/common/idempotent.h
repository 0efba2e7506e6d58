// Runs a mutating RPC exactly once per (caller, method, request_id): the
// change, its events and the stored response commit in one transaction; a
// retry gets the stored response; the same id with another request is
// INVALID_ARGUMENT (REQUEST_ID_REUSED).
#pragma once

#include <functional>
#include <string>

#include <google/protobuf/message.h>

#include "absl/status/status.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"
#include "storage/transaction.h"

namespace caitiao::services {

// INVALID_ARGUMENT unless 1..128 characters of [A-Za-z0-9._:-] (a UUID fits).
absl::Status ValidateRequestId(const std::string& request_id);

using ChangeFn = std::function<absl::Status(storage::Tx&, google::protobuf::Message* response)>;

absl::Status RunIdempotent(storage::ConnectionPool& pool, const CallContext& call,
                           const google::protobuf::Message& request, const std::string& request_id,
                           google::protobuf::Message* response, const ChangeFn& change);

}  // namespace caitiao::services
