#include "clients/rpc_session.h"

#include <cstdio>
#include <random>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "clients/cli_flags.h"
#include "clients/uuid.h"

namespace caitiao::cli {

void Session::Prepare(grpc::ClientContext& ctx) const {
  ctx.AddMetadata("x-caitiao-user", user);
  ctx.AddMetadata("x-caitiao-role", role);
  if (!region.empty()) ctx.AddMetadata("x-caitiao-region", region);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

Session SessionFromFlags() {
  Session s;
  s.channel = grpc::CreateChannel(absl::GetFlag(FLAGS_server), grpc::InsecureChannelCredentials());
  s.user = absl::GetFlag(FLAGS_user);
  s.role = absl::GetFlag(FLAGS_role);
  s.region = absl::GetFlag(FLAGS_region);
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
