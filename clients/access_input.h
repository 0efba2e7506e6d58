// What `admin token issue` and `admin cert map` grant, from their flags:
// --role, --label, the scope (--commission, --room, --region) and --unmask;
// and the --ttl of a token.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/access.pb.h"

namespace caitiao::cli {

struct Grant {
  std::string label;
  caitiao::v1::Role role = caitiao::v1::ROLE_UNSPECIFIED;
  caitiao::v1::AccessScope scope;
  bool unmask_personal_data = false;
};

// "admin", "arbitration_staff", "room_staff", "reporting" (any case, with or
// without the ROLE_ prefix); INVALID_ARGUMENT otherwise.
absl::StatusOr<caitiao::v1::Role> ParseRole(const std::string& text);

// INVALID_ARGUMENT (a usage error) for a missing or unknown role or a missing
// label. Whether the scope fits the role is the server's to judge.
absl::StatusOr<Grant> GrantFromFlags();

// "90d", "12h", "30m", "1h30m", ...: days as a whole number followed by "d",
// anything else as absl::ParseDuration reads it. Must be positive.
absl::StatusOr<absl::Duration> ParseTtl(const std::string& text);

}  // namespace caitiao::cli
