#include "services/domain/principal.h"

#include <set>

#include "absl/strings/str_cat.h"

namespace caitiao::domain {
namespace {

constexpr size_t kMaxScopeEntries = 50;

template <typename Check>
void CheckList(const std::vector<std::string>& values, const std::string& path, FieldViolations& problems,
               Check check) {
  if (values.empty()) problems.Add(path, "needs at least one entry for this role");
  if (values.size() > kMaxScopeEntries) problems.Add(path, absl::StrCat("at most ", kMaxScopeEntries, " entries"));
  std::set<std::string> seen;
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string item = absl::StrCat(path, "[", i, "]");
    if (!seen.insert(values[i]).second) problems.Add(item, "is listed twice");
    check(values[i], item);
  }
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kArbitrationStaff:
      return "arbitration_staff";
    case Role::kRoomStaff:
      return "room_staff";
    case Role::kReporting:
      return "reporting";
    case Role::kFunding:
      return "funding";
    case Role::kUnspecified:
      break;
  }
  return "unspecified";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kArbitrationStaff, Role::kRoomStaff, Role::kReporting, Role::kFunding}) {
    if (name == RoleName(r)) return r;
  }
  return std::nullopt;
}

FieldViolations ValidateAccessGrant(Role role, const AccessScope& scope, bool may_unmask) {
  FieldViolations problems;
  const bool staff = role == Role::kArbitrationStaff;
  const bool room = role == Role::kRoomStaff;
  // Reporting jobs and funding officers are scoped by region.
  const bool reporting = role == Role::kReporting || role == Role::kFunding;
  if (role == Role::kUnspecified) {
    problems.Add("role", "is required: ADMIN, ARBITRATION_STAFF, ROOM_STAFF, REPORTING or FUNDING");
    return problems;
  }
  if (staff) {
    CheckList(scope.commission_ids, "scope.commission_ids", problems, [&](const std::string& id, const std::string& path) {
      if (id.empty()) problems.Add(path, "is empty");
    });
  } else if (!scope.commission_ids.empty()) {
    problems.Add("scope.commission_ids", absl::StrCat("must be empty for role ", RoleName(role)));
  }
  if (room) {
    if (scope.room_id.empty()) problems.Add("scope.room_id", "is required for role room_staff");
  } else if (!scope.room_id.empty()) {
    problems.Add("scope.room_id", absl::StrCat("must be empty for role ", RoleName(role)));
  }
  if (reporting) {
    CheckList(scope.region_codes, "scope.region_codes", problems, [&](const std::string& code, const std::string& path) {
      if (auto problem = RegionCodeProblem(code)) problems.Add(path, *problem);
    });
    if (may_unmask) {
      problems.Add("unmask_personal_data",
                   absl::StrCat(RoleName(role), " principals never see personal data unmasked"));
    }
  } else if (!scope.region_codes.empty()) {
    problems.Add("scope.region_codes", absl::StrCat("must be empty for role ", RoleName(role)));
  }
  return problems;
}

CaseScope AllCases() {
  CaseScope s;
  s.everything = true;
  return s;
}

CaseScope CaseScopeOf(const Principal& p) {
  CaseScope s;
  switch (p.role) {
    case Role::kAdmin:
      return AllCases();
    case Role::kArbitrationStaff:
      s.commission_ids = p.scope.commission_ids;
      break;
    case Role::kRoomStaff:
      s.delegated_room_id = p.scope.room_id;
      break;
    case Role::kReporting:
    case Role::kFunding:
      for (const auto& code : p.scope.region_codes) s.regions.push_back(SubtreeRange(code));
      break;
    case Role::kUnspecified:
      break;  // sees nothing
  }
  return s;
}

bool RegionInScope(const CaseScope& scope, std::string_view code) {
  if (scope.everything) return true;
  for (const auto& r : scope.regions) {
    if (code >= r.first && code <= r.last) return true;
  }
  return false;
}

bool MayActForCommission(const Principal& p, std::string_view commission_id) {
  if (p.role == Role::kAdmin) return true;
  if (p.role != Role::kArbitrationStaff) return false;
  for (const auto& id : p.scope.commission_ids) {
    if (id == commission_id) return true;
  }
  return false;
}

}  // namespace caitiao::domain
