#include "services/domain/case_transitions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

using S = CaseState;
using C = CaseCommand;

// Where a failed mediation (or a declined delegation) returns: the
// commission, RECEIVED before filing or FILED after, by route.
const std::vector<CaseState> kBackToCommission = {S::kReceived, S::kFiled};

std::vector<Transition> BuildTable() {
  return {
      // At the commission, before filing (立案前).
      {S::kReceived, C::kUpdateContent, {S::kReceived}},
      {S::kReceived, C::kWithdrawCase, {S::kWithdrawn}},
      {S::kReceived, C::kRecordConsent, {S::kReceived}},
      {S::kReceived, C::kWithdrawConsent, {S::kReceived}},
      {S::kReceived, C::kAssessEligibility, {S::kReceived}},
      {S::kReceived, C::kDelegate, {S::kDelegated}},
      {S::kReceived, C::kFileCase, {S::kFiled}},
      {S::kReceived, C::kRefuseAcceptance, {S::kNotAccepted}},
      // Filed, before the hearing (立案后).
      {S::kFiled, C::kUpdateContent, {S::kFiled}},
      {S::kFiled, C::kWithdrawCase, {S::kWithdrawn}},
      {S::kFiled, C::kRecordConsent, {S::kFiled}},
      {S::kFiled, C::kWithdrawConsent, {S::kFiled}},
      {S::kFiled, C::kAssessEligibility, {S::kFiled}},
      {S::kFiled, C::kDelegate, {S::kDelegated}},
      {S::kFiled, C::kCloseCase, {S::kClosed}},
      // Delegated, waiting for the room.
      {S::kDelegated, C::kRecordConsent, {S::kDelegated}},
      {S::kDelegated, C::kWithdrawConsent, kBackToCommission},
      {S::kDelegated, C::kAcceptDelegation, {S::kInMediation}},
      {S::kDelegated, C::kDeclineDelegation, kBackToCommission},
      {S::kDelegated, C::kDeclareConflict, {S::kDelegated}},
      // In the room.
      {S::kInMediation, C::kRecordConsent, {S::kInMediation}},
      {S::kInMediation, C::kWithdrawConsent, kBackToCommission},
      {S::kInMediation, C::kDeclareConflict, {S::kInMediation}},
      {S::kInMediation, C::kRecordSession, {S::kInMediation}},
      {S::kInMediation, C::kExtendMediation, {S::kInMediation}},
      {S::kInMediation, C::kDraftAgreement, {S::kInMediation}},
      {S::kInMediation, C::kRecordSignature, {S::kInMediation, S::kAgreementEffective}},
      {S::kInMediation, C::kVoidAgreement, {S::kInMediation}},
      {S::kInMediation, C::kTerminateMediation, kBackToCommission},
      // The agreement is in effect: performance (path A), or it fails.
      {S::kAgreementEffective, C::kRecordPerformance, {S::kAgreementEffective, S::kMediated}},
      {S::kAgreementEffective, C::kTerminateMediation, kBackToCommission},
      {S::kAgreementEffective, C::kApplyForReview, {S::kUnderReview}},
      // Path B: the commission reviews the agreement (performance may go on).
      {S::kUnderReview, C::kRecordPerformance, {S::kUnderReview, S::kMediated}},
      {S::kUnderReview, C::kExtendReview, {S::kUnderReview}},
      {S::kUnderReview, C::kMakeDocument, {S::kDocumentService}},
      {S::kUnderReview, C::kRefuseReview, kBackToCommission},
      {S::kDocumentService, C::kRecordPerformance, {S::kDocumentService, S::kMediated}},
      {S::kDocumentService, C::kRecordServiceReceipt, {S::kDocumentService, S::kMediated}},
      {S::kDocumentService, C::kRecordServiceRefusal, kBackToCommission},
  };
}

}  // namespace

const std::vector<CaseCommand>& AllCaseCommands() {
  static const std::vector<CaseCommand>* all = new std::vector<CaseCommand>{
      C::kUpdateContent,     C::kWithdrawCase,     C::kRecordConsent,      C::kWithdrawConsent,
      C::kAssessEligibility, C::kDelegate,         C::kAcceptDelegation,   C::kDeclineDelegation,
      C::kDeclareConflict,   C::kRecordSession,    C::kDraftAgreement,     C::kRecordSignature,
      C::kVoidAgreement,     C::kTerminateMediation, C::kRecordPerformance, C::kFileCase,
      C::kRefuseAcceptance,  C::kCloseCase,        C::kApplyForReview,     C::kExtendReview,
      C::kMakeDocument,      C::kRefuseReview,     C::kRecordServiceReceipt, C::kRecordServiceRefusal,
      C::kExtendMediation,
  };
  return *all;
}

const std::vector<CaseState>& AllCaseStates() {
  static const std::vector<CaseState>* all = new std::vector<CaseState>{
      S::kReceived,           S::kFiled,    S::kWithdrawn,   S::kDelegated, S::kInMediation,
      S::kAgreementEffective, S::kUnderReview, S::kDocumentService, S::kMediated, S::kNotAccepted, S::kClosed,
  };
  return *all;
}

const char* CaseCommandName(CaseCommand command) {
  switch (command) {
    case C::kUpdateContent: return "UPDATE_CONTENT";
    case C::kWithdrawCase: return "WITHDRAW_CASE";
    case C::kRecordConsent: return "RECORD_CONSENT";
    case C::kWithdrawConsent: return "WITHDRAW_CONSENT";
    case C::kAssessEligibility: return "ASSESS_ELIGIBILITY";
    case C::kDelegate: return "DELEGATE";
    case C::kAcceptDelegation: return "ACCEPT_DELEGATION";
    case C::kDeclineDelegation: return "DECLINE_DELEGATION";
    case C::kDeclareConflict: return "DECLARE_CONFLICT";
    case C::kRecordSession: return "RECORD_SESSION";
    case C::kDraftAgreement: return "DRAFT_AGREEMENT";
    case C::kRecordSignature: return "RECORD_SIGNATURE";
    case C::kVoidAgreement: return "VOID_AGREEMENT";
    case C::kTerminateMediation: return "TERMINATE_MEDIATION";
    case C::kRecordPerformance: return "RECORD_PERFORMANCE";
    case C::kFileCase: return "FILE_CASE";
    case C::kRefuseAcceptance: return "REFUSE_ACCEPTANCE";
    case C::kCloseCase: return "CLOSE_CASE";
    case C::kApplyForReview: return "APPLY_FOR_REVIEW";
    case C::kExtendReview: return "EXTEND_REVIEW";
    case C::kMakeDocument: return "MAKE_DOCUMENT";
    case C::kRefuseReview: return "REFUSE_REVIEW";
    case C::kRecordServiceReceipt: return "RECORD_SERVICE_RECEIPT";
    case C::kRecordServiceRefusal: return "RECORD_SERVICE_REFUSAL";
    case C::kExtendMediation: return "EXTEND_MEDIATION";
  }
  return "UNKNOWN";
}

const std::vector<Transition>& TransitionTable() {
  static const std::vector<Transition>* table = new std::vector<Transition>(BuildTable());
  return *table;
}

const Transition* FindTransition(CaseState state, CaseCommand command) {
  for (const auto& t : TransitionTable()) {
    if (t.from == state && t.command == command) return &t;
  }
  return nullptr;
}

std::string_view RefusalReasonOf(CaseCommand command, CaseState state) {
  if (command == C::kUpdateContent) return reasons::kCaseNotEditable;
  if (command == C::kWithdrawCase) {
    return state == S::kWithdrawn ? reasons::kCaseAlreadyWithdrawn : reasons::kCaseNotWithdrawable;
  }
  return reasons::kInvalidState;
}

absl::Status CheckCommandAllowed(CaseState state, CaseCommand command) {
  if (FindTransition(state, command) != nullptr) return absl::OkStatus();
  std::vector<std::string> allowed;
  for (const auto& t : TransitionTable()) {
    if (t.command == command) allowed.push_back(CaseStateName(t.from));
  }
  return Refuse(RefusalReasonOf(command, state),
                absl::StrCat("the case is ", CaseStateName(state), "; ", CaseCommandName(command),
                             " is allowed only in ", absl::StrJoin(allowed, " or ")));
}

bool IsWithRoom(CaseState state) {
  return state == S::kDelegated || state == S::kInMediation || state == S::kAgreementEffective ||
         state == S::kUnderReview || state == S::kDocumentService;
}

bool IsTerminal(CaseState state) {
  const auto& table = TransitionTable();
  return std::none_of(table.begin(), table.end(), [&](const Transition& t) { return t.from == state; });
}

}  // namespace caitiao::domain
