// Who is calling: a principal with a role and a region scope, resolved once
// per call before any handler runs, and the permission rules over it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace caitiao::domain {

enum class Role {
  kArbitrationStaff,  // 仲裁委员会工作人员
  kRoomStaff,         // 裁调对接工作室工作人员
  kReporting,         // reporting jobs: read only
  kAdmin,             // directory administration
};

const char* RoleName(Role role);  // "arbitration_staff", ...
std::optional<Role> RoleFromName(std::string_view name);

struct Principal {
  std::string id;    // a stable user or job id; logged, never personal data
  Role role = Role::kReporting;
  // Region code this principal acts within (its subtree); empty = everywhere.
  std::string region_scope;
};

// PERMISSION_DENIED (reason ROLE_NOT_ALLOWED) unless the role may do it.
absl::Status CheckCanWriteCases(const Principal& p);
absl::Status CheckCanReadCases(const Principal& p);
absl::Status CheckCanAdministerDirectory(const Principal& p);

// True if the principal's scope covers `region_code`.
bool InScope(const Principal& p, std::string_view region_code);

}  // namespace caitiao::domain
