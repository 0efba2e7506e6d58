#include "services/domain/case_state.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

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
  if (FindTransition(state, CaseCommand::kUpdateContent) != nullptr) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "the case is ", CaseStateName(state),
                        " and can no longer be edited; only received or filed cases can")),
                    reasons::kCaseNotEditable);
}

absl::StatusOr<CaseState> Withdraw(CaseState state) {
  if (const Transition* t = FindTransition(state, CaseCommand::kWithdrawCase)) return t->to.front();
  if (state == CaseState::kWithdrawn) {
    return WithReason(absl::FailedPreconditionError("the case is already withdrawn"),
                      reasons::kCaseAlreadyWithdrawn);
  }
  return WithReason(absl::FailedPreconditionError(
                        absl::StrCat("a ", CaseStateName(state), " case cannot be withdrawn")),
                    reasons::kCaseNotWithdrawable);
}

}  // namespace caitiao::domain
