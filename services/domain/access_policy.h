// The permission table: for every RPC, the roles that may call it, the scope
// rule applied to what it touches, and whether it changes anything (mutating
// calls are always audited). It is the single place that says who may do
// what; an RPC missing from it is refused (default deny), and a test walks the
// server's services to prove every method is listed.
//
// Scope rules are enforced by the use cases and, for cases, inside the
// storage queries themselves (see CaseScopeOf): a resource outside the
// caller's scope is NOT_FOUND, never PERMISSION_DENIED, so its existence is
// not revealed. PERMISSION_DENIED means the role may never call the method.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/principal.h"

namespace caitiao::domain {

enum class ScopeRule {
  kNone,            // the directory: public within the system, any role may read
  kGlobal,          // system administration: tokens, audit, directory changes
  kCommission,      // the commission named in the request must be in scope
  kCase,            // the case's commission, delegated room or region must be in scope
  kReportingRegion, // only cases in the caller's regions are counted or exported
  kRoom,            // the caller's own mediation room (admins name one)
  kFundingRegion,   // the region named (of a standard, budget, batch, entry) must be in the caller's regions
};

struct MethodPolicy {
  std::string_view method;  // "caitiao.v1.CaseService/GetCase"
  std::vector<Role> roles;
  ScopeRule scope;
  bool mutating;
};

// The whole table, in service order.
const std::vector<MethodPolicy>& AccessPolicyTable();

// nullptr when the method is not in the table.
const MethodPolicy* FindMethodPolicy(std::string_view method);

// OK when the principal's role may call the method. PERMISSION_DENIED with
// reason METHOD_NOT_IN_POLICY (default deny) or ROLE_NOT_ALLOWED.
absl::Status Authorize(const Principal& p, std::string_view method, const MethodPolicy* policy);

}  // namespace caitiao::domain
