// The client side of caitiaod's transport security: plaintext, TLS (the
// server's certificate verified against --ca), or mutual TLS (also a client
// certificate, --cert/--key).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace caitiao::cli {

struct TransportOptions {
  std::string server;       // host:port
  std::string ca_file;      // PEM roots; TLS when set
  std::string cert_file;    // PEM client certificate chain (mutual TLS)
  std::string key_file;     // its private key
  std::string server_name;  // TLS: name the certificate must carry, if not the host's
};

// Plaintext without ca_file and cert_file; otherwise TLS (system roots when
// only a client certificate is given). INVALID_ARGUMENT for an unreadable
// file, --cert without --key (or the reverse), or --server_name without TLS.
absl::StatusOr<std::shared_ptr<grpc::Channel>> NewChannel(const TransportOptions& options);

}  // namespace caitiao::cli
