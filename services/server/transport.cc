#include "services/server/transport.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace caitiao::server {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(flag, ": cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string pem = buffer.str();
  if (!absl::StrContains(pem, "-----BEGIN ")) {
    return absl::FailedPreconditionError(absl::StrCat(flag, ": ", path, " is not a PEM file"));
  }
  return pem;
}

}  // namespace

bool IsLoopbackListenAddress(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  const std::string host = colon == std::string::npos ? listen : listen.substr(0, colon);
  return absl::StartsWith(host, "127.") || host == "[::1]" || host == "localhost";
}

const char* TransportName(const Config& config) {
  if (config.tls_cert.empty()) return "plaintext";
  return config.tls_client_ca.empty() ? "tls" : "mutual-tls";
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(const Config& config) {
  if (config.tls_cert.empty()) {
    if (!IsLoopbackListenAddress(config.listen) && !config.allow_plaintext_remote) {
      return absl::InvalidArgumentError(
          absl::StrCat("refusing plaintext on ", config.listen,
                       ": tokens and personal data would cross the network in clear; give --tls_cert and "
                       "--tls_key (or, for a closed test network only, --allow_plaintext_remote)"));
    }
    return grpc::InsecureServerCredentials();
  }
  grpc::SslServerCredentialsOptions options(
      config.tls_client_ca.empty() ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                   : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  auto cert = ReadPem(config.tls_cert, "--tls_cert");
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(config.tls_key, "--tls_key");
  if (!key.ok()) return key.status();
  pair.cert_chain = *cert;
  pair.private_key = *key;
  options.pem_key_cert_pairs.push_back(pair);
  if (!config.tls_client_ca.empty()) {
    auto ca = ReadPem(config.tls_client_ca, "--tls_client_ca");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace caitiao::server
