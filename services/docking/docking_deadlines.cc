#include "services/docking/docking_deadlines.h"

#include "services/domain/status_macros.h"
#include "storage/policy_repository.h"

namespace caitiao::services {

absl::StatusOr<domain::EffectivePolicy> PolicyInForce(storage::Tx& tx, const std::string& region_code,
                                                      absl::CivilDay day) {
  CAITIAO_ASSIGN_OR_RETURN(auto versions, storage::DeadlinePoliciesFor(tx, region_code));
  return domain::EffectiveDeadlinePolicy(versions, region_code, day);
}

absl::StatusOr<PolicyDeadline> DockingDeadline(storage::Tx& tx, const std::string& region_code,
                                               absl::CivilDay start, const RuleOf& rule_of) {
  CAITIAO_ASSIGN_OR_RETURN(auto versions, storage::DeadlinePoliciesFor(tx, region_code));
  const domain::EffectivePolicy effective = domain::EffectiveDeadlinePolicy(versions, region_code, start);
  CAITIAO_ASSIGN_OR_RETURN(const domain::CalendarSet calendars, storage::LoadCalendarSet(tx));
  CAITIAO_ASSIGN_OR_RETURN(domain::Deadline deadline,
                           domain::ComputeDeadline(start, rule_of(effective.policy), calendars));
  return PolicyDeadline{std::move(deadline), effective.source};
}

}  // namespace caitiao::services
