#include "services/domain/case_closing.h"

#include "services/domain/case_transitions.h"
#include "services/domain/errors.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

absl::StatusOr<CaseState> NextOf(CaseState state, CaseCommand command) {
  if (absl::Status s = CheckCommandAllowed(state, command); !s.ok()) return s;
  return FindTransition(state, command)->to.front();
}

}  // namespace

absl::StatusOr<CaseState> DecideFiling(CaseState state) { return NextOf(state, CaseCommand::kFileCase); }

absl::StatusOr<CaseState> DecideAcceptanceRefusal(CaseState state, const std::string& reason) {
  if (auto p = TextProblem(reason, 1, 2000, /*multiline=*/true)) return InvalidField("reason", *p);
  return NextOf(state, CaseCommand::kRefuseAcceptance);
}

absl::StatusOr<CaseState> DecideClosing(CaseState state, ClosingManner manner, const std::string& note) {
  FieldViolations v;
  if (manner == ClosingManner::kUnspecified || !ClosingMannerFromName(ClosingMannerName(manner))) {
    v.Add("manner", "must be AWARD, TRIBUNAL_MEDIATION or TERMINATED");
  }
  if (auto p = TextProblem(note, 0, 2000, /*multiline=*/true)) v.Add("note", *p);
  if (!v.empty()) return v.ToStatus();
  return NextOf(state, CaseCommand::kCloseCase);
}

}  // namespace caitiao::domain
