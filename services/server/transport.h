// Transport security of the listening port: plaintext (loopback only unless
// explicitly allowed), TLS, or mutual TLS that requires and verifies client
// certificates.
#pragma once

#include <memory>
#include <string>

#include <grpcpp/security/server_credentials.h>

#include "absl/status/statusor.h"
#include "services/server/config.h"

namespace caitiao::server {

// INVALID_ARGUMENT for plaintext on a non-loopback address without
// --allow_plaintext_remote; NOT_FOUND / FAILED_PRECONDITION for unreadable
// certificate files.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(const Config& config);

// "plaintext", "tls" or "mutual-tls", for the log.
const char* TransportName(const Config& config);

// True for 127.0.0.0/8, [::1] and localhost.
bool IsLoopbackListenAddress(const std::string& listen);

}  // namespace caitiao::server
