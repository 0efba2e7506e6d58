// Deadlines of the docking computed from the policy in force for the case's
// region and the holiday calendars loaded in the database, keeping where the
// period's length came from.
#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/deadline.h"
#include "services/domain/deadline_policy.h"
#include "storage/transaction.h"

namespace caitiao::services {

struct PolicyDeadline {
  domain::Deadline deadline;
  std::string policy_source;  // "420100 from 2026-01-01" or "built-in defaults"
};

using RuleOf = std::function<domain::DeadlineRule(const domain::DeadlinePolicy&)>;

// The deadline of the period `rule_of` picks from the policy in force for
// `region_code` on `start`, counted from `start`.
absl::StatusOr<PolicyDeadline> DockingDeadline(storage::Tx& tx, const std::string& region_code,
                                               absl::CivilDay start, const RuleOf& rule_of);

// The deadline policy in force for `region_code` on `day`, with its source.
absl::StatusOr<domain::EffectivePolicy> PolicyInForce(storage::Tx& tx, const std::string& region_code,
                                                      absl::CivilDay day);

}  // namespace caitiao::services
