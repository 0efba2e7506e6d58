// The connection and caller credentials shared by every command, built from
// the global flags.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace caitiao::cli {

struct Session {
  std::shared_ptr<grpc::Channel> channel;
  // "Bearer <token>", or empty: no token (a client certificate may still
  // identify the caller). Never printed.
  std::string authorization;
  absl::Duration timeout;
  // --timeout was on the command line (streams honour it only then).
  bool timeout_given = false;
  bool json = false;

  // Readies a context for one call: the credentials metadata and the
  // deadline.
  void Prepare(grpc::ClientContext& ctx) const;
  // As Prepare, for a stream that may rightly run for minutes: a deadline
  // only when --timeout was given.
  void PrepareStream(grpc::ClientContext& ctx) const;
};

// INVALID_ARGUMENT (a usage error) for unreadable token or certificate files
// and contradictory flags.
absl::StatusOr<Session> SessionFromFlags();

// The idempotency key for a change: --request_id, or a new UUID v4. A new
// one is announced on stderr before the call so that, should the outcome be
// unknown (timeout, lost connection), the user can retry the same change.
std::string RequestIdForChange();

// A random (version 4) UUID.
std::string NewUuid();

}  // namespace caitiao::cli
