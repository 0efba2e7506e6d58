#include "clients/transport.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace caitiao::cli {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path, ": ", std::strerror(errno)));
  std::ostringstream content;
  content << in.rdbuf();
  if (content.str().find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": ", path, " is not a PEM file"));
  }
  return content.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> NewChannel(const TransportOptions& o) {
  if (o.cert_file.empty() != o.key_file.empty()) {
    return absl::InvalidArgumentError("--cert and --key go together (mutual TLS)");
  }
  const bool tls = !o.ca_file.empty() || !o.cert_file.empty();
  if (!tls) {
    if (!o.server_name.empty()) return absl::InvalidArgumentError("--server_name needs TLS (--ca)");
    return grpc::CreateChannel(o.server, grpc::InsecureChannelCredentials());
  }
  grpc::SslCredentialsOptions ssl;
  if (!o.ca_file.empty()) {
    auto roots = ReadPem(o.ca_file, "--ca");
    if (!roots.ok()) return roots.status();
    ssl.pem_root_certs = *std::move(roots);
  }
  if (!o.cert_file.empty()) {
    auto chain = ReadPem(o.cert_file, "--cert");
    if (!chain.ok()) return chain.status();
    auto key = ReadPem(o.key_file, "--key");
    if (!key.ok()) return key.status();
    ssl.pem_cert_chain = *std::move(chain);
    ssl.pem_private_key = *std::move(key);
  }
  grpc::ChannelArguments args;
  if (!o.server_name.empty()) args.SetSslTargetNameOverride(o.server_name);
  return grpc::CreateCustomChannel(o.server, grpc::SslCredentials(ssl), args);
}

}  // namespace caitiao::cli
