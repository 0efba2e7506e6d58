// Resolves who is calling, once per call, before any handler runs.
//
// For now the only implementation reads a development identity from request
// metadata; the security issue adds real authentication behind the same
// interface without touching handlers.
#pragma once

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "services/domain/principal.h"

namespace caitiao::services {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // UNAUTHENTICATED (with a reason) when the caller cannot be identified.
  virtual absl::StatusOr<domain::Principal> Authenticate(const grpc::ServerContext& ctx) const = 0;
};

// Development identity, from metadata:
//   x-caitiao-user:   a user or job id (1..64 of [A-Za-z0-9._@-])
//   x-caitiao-role:   arbitration_staff | room_staff | reporting | admin
//   x-caitiao-region: optional 6-digit region code limiting the caller's scope
// Trusts the client completely: never expose it beyond a development machine.
class DevIdentityAuthenticator final : public Authenticator {
 public:
  absl::StatusOr<domain::Principal> Authenticate(const grpc::ServerContext& ctx) const override;
};

}  // namespace caitiao::services
