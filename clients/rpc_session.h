// The connection and caller identity shared by every command, built from the
// global flags.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace caitiao::cli {

struct Session {
  std::shared_ptr<grpc::Channel> channel;
  std::string user;
  std::string role;
  std::string region;  // empty: no scope header
  absl::Duration timeout;
  bool json = false;

  // Readies a context for one call: the development identity metadata the
  // server's authenticator reads, and the deadline.
  void Prepare(grpc::ClientContext& ctx) const;
};

Session SessionFromFlags();

// The idempotency key for a change: --request_id, or a new UUID v4. A new
// one is announced on stderr before the call so that, should the outcome be
// unknown (timeout, lost connection), the user can retry the same change.
std::string RequestIdForChange();

// A random (version 4) UUID.
std::string NewUuid();

}  // namespace caitiao::cli
