// The states a case starts in, and the intake commands on them (editing,
// withdrawal). Every other transition is in case_transitions.h.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_types.h"

namespace caitiao::domain {

// The state a new case starts in for its route stage: RECEIVED (立案前) or
// FILED (立案后). INVALID_ARGUMENT for an unknown stage.
absl::StatusOr<CaseState> InitialState(RouteStage stage);

// OK if staff may still correct the case's content: only at the commission,
// before delegation. FAILED_PRECONDITION (CASE_NOT_EDITABLE) otherwise.
absl::Status CheckEditable(CaseState state);

// The state after the applicant withdraws (撤回申请): WITHDRAWN, from RECEIVED
// or FILED. FAILED_PRECONDITION (CASE_ALREADY_WITHDRAWN) otherwise.
absl::StatusOr<CaseState> Withdraw(CaseState state);

}  // namespace caitiao::domain
