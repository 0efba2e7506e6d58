#include "services/domain/case_state.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

absl::StatusOr<CaseState> InitialState(RouteStage stage) {
  switch (stage) {
    case RouteStage::kReceived:
      return CaseState::kReceived;
    case RouteStage::kFiled:
      return CaseState::kFiled;
    case RouteStage::kUnspecified:
      break;
  }
  return InvalidField("route_stage", "must be RECEIVED (not yet filed) or FILED");
}

absl::Status CheckEditable(CaseState state) {
  if (state == CaseState::kReceived || state == CaseState::kFiled) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "the case is ", CaseStateName(state),
                        " and can no longer be edited; only received or filed cases can")),
                    "CASE_NOT_EDITABLE");
}

absl::StatusOr<CaseState> Withdraw(CaseState state) {
  if (state == CaseState::kReceived || state == CaseState::kFiled) return CaseState::kWithdrawn;
  if (state == CaseState::kWithdrawn) {
    return WithReason(absl::FailedPreconditionError("the case is already withdrawn"),
                      "CASE_ALREADY_WITHDRAWN");
  }
  return WithReason(absl::FailedPreconditionError(
                        absl::StrCat("a ", CaseStateName(state), " case cannot be withdrawn")),
                    "CASE_NOT_WITHDRAWABLE");
}

bool IsTerminal(CaseState state) { return state == CaseState::kWithdrawn; }

}  // namespace caitiao::domain
