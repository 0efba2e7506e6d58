// The case state machine: every command that touches a case, the states it
// is allowed in and the states it may lead to. The table in
// case_transitions.cc is the one place that lists them; docs/process.md
// describes them and a unit test checks the two agree.
//
// A command's own decision (delegation.h, mediation_outcome.h …) first asks
// CheckCommandAllowed, then applies its rules in a documented order, and
// returns either a refusal or the next state; services load the facts, call
// the decision and store what it says.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/case_types.h"

namespace caitiao::domain {

enum class CaseCommand {
  kUpdateContent,          // UpdateCase: correct the application
  kWithdrawCase,           // WithdrawCase: 撤回申请
  kRecordConsent,          // RecordConsent
  kWithdrawConsent,        // WithdrawConsent: during mediation it ends mediation
  kAssessEligibility,      // AssessEligibility
  kDelegate,               // DelegateCase: 委托调解
  kAcceptDelegation,       // AcceptDelegation
  kDeclineDelegation,      // DeclineDelegation
  kDeclareConflict,        // DeclareConflict: 回避
  kRecordSession,          // RecordSession: 调解记录
  kDraftAgreement,         // DraftAgreement: 调解协议书
  kRecordSignature,        // RecordSignature: one item of the checklist
  kVoidAgreement,          // VoidAgreement
  kTerminateMediation,     // TerminateMediation: 调解终止
  kRecordPerformance,      // RecordPerformance: 履行
  kFileCase,               // FileCase: 立案受理
  kRefuseAcceptance,       // RefuseAcceptance: 不予受理
  kCloseCase,              // CloseCase: 结案 by arbitration
  kApplyForReview,         // ApplyForReview: 申请仲裁审查 (path B)
  kExtendReview,           // ExtendReview
  kMakeDocument,           // MakeArbitralDocument: 仲裁调解书
  kRefuseReview,           // RefuseReview (the Rules Art. 78)
  kRecordServiceReceipt,   // RecordServiceReceipt: 签收
  kRecordServiceRefusal,   // RecordServiceRefusal: 拒绝签收
  kExtendMediation,        // ExtendMediation: both parties agree to a longer period
};

// Every command, in the order above.
const std::vector<CaseCommand>& AllCaseCommands();
// Every state a case can be in (UNSPECIFIED excluded).
const std::vector<CaseState>& AllCaseStates();

const char* CaseCommandName(CaseCommand command);  // "DELEGATE"

struct Transition {
  CaseState from;
  CaseCommand command;
  // The states the command may lead to from `from` (several where the facts
  // decide, e.g. a declined delegation returns to RECEIVED or FILED by route).
  std::vector<CaseState> to;
};

// The whole table.
const std::vector<Transition>& TransitionTable();

// The table's entry, or nullptr when `command` is not allowed in `state`.
const Transition* FindTransition(CaseState state, CaseCommand command);

// OK when the table allows `command` in `state`; otherwise
// FAILED_PRECONDITION naming the current state and the states that allow it,
// with reason INVALID_STATE (UpdateCase and WithdrawCase keep their older
// reasons: CASE_NOT_EDITABLE, CASE_ALREADY_WITHDRAWN / CASE_NOT_WITHDRAWABLE).
absl::Status CheckCommandAllowed(CaseState state, CaseCommand command);

// The reason CheckCommandAllowed gives for `command` in `state` when refused.
std::string_view RefusalReasonOf(CaseCommand command, CaseState state);

// The states in which a case is a room's (delegated to it and not finished):
// DELEGATED, IN_MEDIATION, AGREEMENT_EFFECTIVE, UNDER_REVIEW,
// DOCUMENT_SERVICE. The room's queue lists them.
bool IsWithRoom(CaseState state);

// True if no command leads anywhere from `state`.
bool IsTerminal(CaseState state);

}  // namespace caitiao::domain
