#include "services/domain/principal.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"

namespace caitiao::domain {
namespace {

absl::Status Denied(const Principal& p, absl::string_view action, absl::string_view allowed) {
  return WithReason(absl::PermissionDeniedError(absl::StrCat("role ", RoleName(p.role), " may not ",
                                                             action, "; ", allowed, " may")),
                    "ROLE_NOT_ALLOWED");
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kArbitrationStaff:
      return "arbitration_staff";
    case Role::kRoomStaff:
      return "room_staff";
    case Role::kReporting:
      return "reporting";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : {Role::kArbitrationStaff, Role::kRoomStaff, Role::kReporting, Role::kAdmin}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

absl::Status CheckCanWriteCases(const Principal& p) {
  if (p.role == Role::kArbitrationStaff || p.role == Role::kAdmin) return absl::OkStatus();
  return Denied(p, "register or change cases", "arbitration_staff and admin");
}

absl::Status CheckCanReadCases(const Principal& p) {
  if (p.role == Role::kArbitrationStaff || p.role == Role::kAdmin || p.role == Role::kReporting) {
    return absl::OkStatus();
  }
  return Denied(p, "read arbitration cases", "arbitration_staff, reporting and admin");
}

absl::Status CheckCanAdministerDirectory(const Principal& p) {
  if (p.role == Role::kAdmin) return absl::OkStatus();
  return Denied(p, "change the directory", "admin");
}

bool InScope(const Principal& p, std::string_view region_code) {
  return p.region_scope.empty() || RegionWithin(region_code, p.region_scope);
}

}  // namespace caitiao::domain
