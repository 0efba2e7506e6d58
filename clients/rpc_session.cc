#include "clients/rpc_session.h"

#include <cstdio>
#include <random>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "clients/cli_flags.h"
#include "clients/credentials.h"
#include "clients/transport.h"
#include "clients/uuid.h"

namespace caitiao::cli {

void Session::Prepare(grpc::ClientContext& ctx) const {
  if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

void Session::PrepareStream(grpc::ClientContext& ctx) const {
  if (!authorization.empty()) ctx.AddMetadata("authorization", authorization);
  if (timeout_given) ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

namespace {

// 127.0.0.0/8, [::1], localhost or a unix socket: traffic that stays on this
// machine.
bool IsLocalTarget(const std::string& target) {
  if (absl::StartsWith(target, "unix:")) return true;
  const size_t colon = target.rfind(':');
  const std::string host = colon == std::string::npos ? target : target.substr(0, colon);
  return absl::StartsWith(host, "127.") || host == "[::1]" || host == "localhost";
}

}  // namespace

absl::StatusOr<Session> SessionFromFlags() {
  Session s;
  auto token = clients::ResolveBearerToken(absl::GetFlag(FLAGS_token), absl::GetFlag(FLAGS_token_file));
  if (!token.ok()) return token.status();
  s.authorization = clients::AuthorizationValue(*token);
  auto channel = NewChannel({absl::GetFlag(FLAGS_server), absl::GetFlag(FLAGS_ca), absl::GetFlag(FLAGS_cert),
                             absl::GetFlag(FLAGS_key), absl::GetFlag(FLAGS_server_name)});
  if (!channel.ok()) return channel.status();
  s.channel = *std::move(channel);
  const bool tls = !absl::GetFlag(FLAGS_ca).empty() || !absl::GetFlag(FLAGS_cert).empty();
  if (!tls && !token->empty() && !IsLocalTarget(absl::GetFlag(FLAGS_server))) {
    std::fprintf(stderr, "warning: the token crosses the network in clear to %s; use TLS (--ca=PEM)\n",
                 absl::GetFlag(FLAGS_server).c_str());
  }
  s.timeout = absl::GetFlag(FLAGS_timeout);
  s.json = absl::GetFlag(FLAGS_json);
  return s;
}

std::string NewUuid() {
  std::random_device seed;
  std::mt19937_64 rng((static_cast<uint64_t>(seed()) << 32) ^ static_cast<uint64_t>(seed()));
  const uint64_t hi = rng();
  return clients::FormatUuidV4(hi, rng());
}

std::string RequestIdForChange() {
  std::string id = absl::GetFlag(FLAGS_request_id);
  if (!id.empty()) return id;
  id = NewUuid();
  // Worded apart from the server's "request id:" line of an error report,
  // which names the call for the server log, not the change.
  std::fprintf(stderr, "note: to retry this change safely, repeat it with --request_id=%s\n", id.c_str());
  return id;
}

}  // namespace caitiao::cli
