// Who is calling: a principal with one role and a scope, resolved once per
// call (from an API token or a mapped client certificate) before any handler
// runs, and what that scope lets it see.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"

namespace caitiao::domain {

enum class Role {
  kUnspecified = 0,
  kAdmin = 1,             // everything, including the directory, tokens and audit
  kArbitrationStaff = 2,  // 仲裁委员会工作人员: cases of its commissions
  kRoomStaff = 3,         // 裁调对接工作室工作人员: cases delegated to its room
  kReporting = 4,         // reporting jobs: aggregates and exports of its regions
  kFunding = 5,           // 经费管理: HRSS or union funding officers of its regions
};

const char* RoleName(Role role);  // "admin", "arbitration_staff", ...
std::optional<Role> RoleFromName(std::string_view name);

// The scope part of a principal; which members count depends on the role.
struct AccessScope {
  std::vector<std::string> commission_ids;  // kArbitrationStaff
  std::string room_id;                      // kRoomStaff
  std::vector<std::string> region_codes;    // kReporting, kFunding (each with its subtree)
};

struct Principal {
  std::string id;  // "token/<uuid>" or "cert/<uuid>"; logged, never personal data
  Role role = Role::kUnspecified;
  AccessScope scope;
  bool may_unmask = false;  // may read identity numbers and phones in full
};

// Checks that a scope fits its role, as issuing a token or mapping a
// certificate requires: staff name 1..50 distinct commissions, room staff one
// room, reporting and funding 1..50 distinct valid region codes and never unmask; admin
// has no scope. Field paths are relative (e.g. "scope.room_id").
FieldViolations ValidateAccessGrant(Role role, const AccessScope& scope, bool may_unmask);

// Which cases a principal may see, as the storage layer turns it into SQL:
// a case is visible when it matches any member (or `everything`).
struct CaseScope {
  bool everything = false;
  std::vector<std::string> commission_ids;
  std::string delegated_room_id;
  std::vector<RegionCodeRange> regions;
};
CaseScope CaseScopeOf(const Principal& p);
// Whether the region `code` lies in the scope's region ranges (every region
// for `everything`): what regions a reporting job or funding officer may name.
bool RegionInScope(const CaseScope& scope, std::string_view code);
// The scope that sees every case (an admin's).
CaseScope AllCases();

// Whether the principal may act for this commission (register its cases).
bool MayActForCommission(const Principal& p, std::string_view commission_id);

}  // namespace caitiao::domain
