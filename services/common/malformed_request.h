// A request that does not parse as its protobuf message (a string field with
// invalid UTF-8, truncated bytes) never reaches a handler: gRPC answers
// INTERNAL with an empty message. This server interceptor turns that answer
// into INVALID_ARGUMENT (REQUEST_MALFORMED) with a message a client can act
// on and a request id in the trailers, and logs it. Answers of handlers that
// ran (they carry x-request-id) pass unchanged.
#pragma once

#include <memory>
#include <vector>

#include <grpcpp/support/server_interceptor.h>

namespace caitiao::services {

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> MalformedRequestInterceptors();

}  // namespace caitiao::services
