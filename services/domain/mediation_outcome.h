// How mediation ends, decided by pure functions: the agreement's signature
// checklist, performance, the one success function, termination and the
// return of a failed case to arbitration, and the commission's decisions on
// a case that is not (or no longer) mediated. Each Decide* function checks
// the transition table first, then its own rules in the order its comment
// gives, and returns the first refusal or what to store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/case_types.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/delegation.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_types.h"

namespace caitiao::domain {

// Why mediation failed (values equal caitiao.v1.MediationFailure).
enum class MediationFailure {
  kUnspecified = 0,
  kPeriodExpired = 1,     // no effective agreement by the mediation due date
  kConsentWithdrawn = 2,  // a party withdrew its consent
  kPartyRefused = 3,      // a party refuses to mediate further
  kRoomTerminated = 4,    // 调解终止: the room gave up, with its reason
  kNotPerformed = 5,      // an obligation is overdue and unperformed
  kReviewRefused = 6,     // the commission refused the arbitral mediation document
  kServiceRefused = 7,    // a party refused to sign for receipt of the document
};
const char* MediationFailureName(MediationFailure failure);
std::optional<MediationFailure> MediationFailureFromName(std::string_view name);

// How mediation succeeded.
enum class SuccessPath { kPerformed = 1 /* 履行完毕 */, kArbitralDocument = 2 /* 仲裁调解书 */ };
// "SUCCEEDED_PERFORMED", "SUCCEEDED_DOCUMENT": stored as the case's outcome.
const char* SuccessOutcomeName(SuccessPath path);
inline constexpr char kFailedOutcome[] = "FAILED";

// The checklist items an agreement between these parties needs: each party
// ("APPLICANT/0" …), "MEDIATOR" and "ROOM_SEAL" (the Law Art. 14).
std::vector<std::string> RequiredSignatureItems(int applicants, int respondents);
// The required items not yet recorded, in checklist order.
std::vector<std::string> MissingSignatureItems(const Agreement& agreement, int applicants, int respondents);
bool IsAgreementEffective(const Agreement& agreement, int applicants, int respondents);

// What has been performed of obligation `position` (fen for money; 1 or 0
// for an act).
int64_t PerformedOf(const std::vector<Performance>& performances, int position);
bool IsObligationPerformed(const Obligation& obligation, const std::vector<Performance>& performances);

// THE definition of success: the agreement is effective and either every
// obligation is performed (path A) or an arbitral mediation document is in
// effect (path B). Reports and subsidies use only this. nullopt: not (yet)
// succeeded.
std::optional<SuccessPath> MediationSuccess(const std::optional<Agreement>& agreement, int applicants,
                                            int respondents, const std::vector<Performance>& performances,
                                            bool arbitral_document_in_effect);

// An agreement as drafted by the room, before numbering.
struct AgreementDraft {
  std::string terms;
  std::vector<Obligation> obligations;
};
// Field checks of a draft: terms 1..20000 characters; at least one
// obligation (at most 50), each between two existing parties of opposite
// sides, money with an amount of 1 fen .. 10^12 fen, an act with a
// description, a due date not before `today`. Fields are named as in
// DraftAgreementRequest ("obligations[0].amount_fen").
FieldViolations ValidateAgreementDraft(const AgreementDraft& draft, int applicants, int respondents,
                                       absl::CivilDay today);

// Drafting: the table; then no current (unvoided) agreement (AGREEMENT_OPEN).
absl::Status DecideDraft(CaseState state, const std::optional<Agreement>& current);

// Voiding: the table; then the agreement is not voided already
// (AGREEMENT_VOIDED). Its terms were frozen by any signature, so voiding is
// the only way to change them.
absl::Status DecideVoid(CaseState state, const Agreement& agreement);

struct SignatureDecision {
  CaseState next = CaseState::kUnspecified;
  bool takes_effect = false;  // this was the last item: effective at its record time
};
// Recording a checklist item: the table; the agreement is not voided
// (AGREEMENT_VOIDED); the item is one the agreement needs (INVALID_ARGUMENT
// at `item`); it is not recorded yet (SIGNATURE_RECORDED).
absl::StatusOr<SignatureDecision> DecideSignature(CaseState state, const Agreement& agreement,
                                                  const std::string& item, int applicants, int respondents);

struct PerformanceDecision {
  CaseState next = CaseState::kUnspecified;
  std::optional<SuccessPath> success;
};
// Recording performance: the table; the obligation exists
// (OBLIGATION_NOT_FOUND); money: 1 fen .. what is still owed, an act: done
// and not done before (PERFORMANCE_EXCEEDS_OBLIGATION otherwise). Success when, with it,
// MediationSuccess holds.
absl::StatusOr<PerformanceDecision> DecidePerformance(CaseState state, const Agreement& agreement,
                                                      int applicants, int respondents,
                                                      const std::vector<Performance>& so_far,
                                                      const Performance& next);

struct ReturnDecision {
  CaseState next = CaseState::kUnspecified;  // RECEIVED before filing, FILED after
  // Before filing the commission must now decide acceptance (within the
  // policy's days); after filing the hearing simply proceeds.
  bool acceptance_decision_due = false;
};
// Where a failed mediation returns the case, by route.
ReturnDecision ReturnToArbitration(DelegationRoute route);

// An extension of the mediation period (IN_MEDIATION). In order: the table;
// 1..policy.max_extension_days days (INVALID_ARGUMENT at `days`; no
// extension at all when the policy allows 0); fewer extensions so far than
// policy.max_mediation_extensions (EXTENSION_LIMIT_REACHED); a consent of
// every party, by its label ("APPLICANT/0") (EXTENSION_CONSENT_MISSING);
// a reason (INVALID_ARGUMENT at `reason`).
absl::Status DecideMediationExtension(CaseState state, int days, int extensions_so_far,
                                      const std::vector<std::string>& consenting_parties, int applicants,
                                      int respondents, const std::string& reason, const DeadlinePolicy& policy);

// The facts TerminateMediation is decided on.
struct TerminationFacts {
  CaseState state = CaseState::kUnspecified;
  DelegationRoute route = DelegationRoute::kUnspecified;
  MediationFailure reason = MediationFailure::kUnspecified;
  std::string note;
  std::optional<absl::CivilDay> mediation_due;
  std::optional<Agreement> agreement;  // the current one
  std::vector<Performance> performances;
  absl::CivilDay today;
};
// The room ends mediation. In order: the table; the reason is one the room
// may give (CONSENT_WITHDRAWN is recorded with WithdrawConsent; INVALID_ARGUMENT
// at `reason`); ROOM_TERMINATED needs a note (INVALID_ARGUMENT at `note`);
// PARTY_REFUSED and ROOM_TERMINATED only before the agreement takes effect,
// PERIOD_EXPIRED only once the mediation due date has passed and NOT_PERFORMED only
// once an obligation is past its due date and unperformed (INVALID_STATE
// otherwise, saying what must change).
absl::StatusOr<ReturnDecision> DecideTermination(const TerminationFacts& facts);

// A consent withdrawn while the case is DELEGATED or IN_MEDIATION ends
// mediation (CONSENT_WITHDRAWN); elsewhere the table decides and the state
// stays. nullopt: no return.
absl::StatusOr<std::optional<ReturnDecision>> DecideConsentWithdrawal(CaseState state, DelegationRoute route);

// How arbitration closed a case that was not mediated (values equal
// caitiao.v1.ClosingManner).
enum class ClosingManner {
  kUnspecified = 0,
  kAward = 1,              // 裁决
  kTribunalMediation = 2,  // 仲裁庭调解: mediation by the tribunal itself
  kTerminated = 3,         // 终结审理
};
const char* ClosingMannerName(ClosingManner manner);
std::optional<ClosingManner> ClosingMannerFromName(std::string_view name);

}  // namespace caitiao::domain
