// The kinds of events in a case's append-only history (CaseEvent.kind), one
// constant each. Events with a room (RoomQueueEvent) are those written while
// the case is the room's: delegation, acceptance, decline and everything
// from mediation to its outcome.
#pragma once

#include <string_view>
#include <vector>

namespace caitiao::domain::events {

inline constexpr char kCaseCreated[] = "CASE_CREATED";
inline constexpr char kCaseUpdated[] = "CASE_UPDATED";
inline constexpr char kCaseWithdrawn[] = "CASE_WITHDRAWN";
inline constexpr char kConsentRecorded[] = "CONSENT_RECORDED";
inline constexpr char kConsentWithdrawn[] = "CONSENT_WITHDRAWN";
inline constexpr char kEligibilityAssessed[] = "ELIGIBILITY_ASSESSED";
inline constexpr char kCaseDelegated[] = "CASE_DELEGATED";
inline constexpr char kDelegationAccepted[] = "CASE_DELEGATION_ACCEPTED";
inline constexpr char kDelegationDeclined[] = "CASE_DELEGATION_DECLINED";
inline constexpr char kAcceptanceOverdue[] = "DELEGATION_ACCEPTANCE_OVERDUE";
inline constexpr char kMediatorConflictDeclared[] = "MEDIATOR_CONFLICT_DECLARED";
inline constexpr char kSessionRecorded[] = "MEDIATION_SESSION_RECORDED";
inline constexpr char kMediationExtended[] = "MEDIATION_EXTENDED";
inline constexpr char kAgreementDrafted[] = "AGREEMENT_DRAFTED";
inline constexpr char kSignatureRecorded[] = "AGREEMENT_SIGNATURE_RECORDED";
inline constexpr char kAgreementEffective[] = "AGREEMENT_EFFECTIVE";
inline constexpr char kAgreementVoided[] = "AGREEMENT_VOIDED";
inline constexpr char kPerformanceRecorded[] = "PERFORMANCE_RECORDED";
inline constexpr char kMediationSucceeded[] = "MEDIATION_SUCCEEDED";
inline constexpr char kMediationFailed[] = "MEDIATION_FAILED";
inline constexpr char kCaseFiled[] = "CASE_FILED";
inline constexpr char kAcceptanceRefused[] = "CASE_NOT_ACCEPTED";
inline constexpr char kCaseClosed[] = "CASE_CLOSED";
inline constexpr char kReviewApplied[] = "REVIEW_APPLIED";
inline constexpr char kReviewExtended[] = "REVIEW_EXTENDED";
inline constexpr char kArbitralDocumentMade[] = "ARBITRAL_DOCUMENT_MADE";
inline constexpr char kReviewRefusedEvent[] = "ARBITRAL_REVIEW_REFUSED";
inline constexpr char kServiceReceiptRecorded[] = "SERVICE_RECEIPT_RECORDED";
inline constexpr char kServiceRefusalRecorded[] = "SERVICE_REFUSAL_RECORDED";
inline constexpr char kTierDesignated[] = "TIER_DESIGNATED";
inline constexpr char kSubsidyAccrued[] = "SUBSIDY_ACCRUED";

inline const std::vector<std::string_view>& AllEventKinds() {
  static const auto* all = new std::vector<std::string_view>{
      kCaseCreated,       kCaseUpdated,         kCaseWithdrawn,       kConsentRecorded,   kConsentWithdrawn,
      kEligibilityAssessed, kCaseDelegated,     kDelegationAccepted,  kDelegationDeclined, kAcceptanceOverdue, kMediatorConflictDeclared,
      kSessionRecorded,   kMediationExtended, kAgreementDrafted,    kSignatureRecorded,   kAgreementEffective, kAgreementVoided,
      kPerformanceRecorded, kMediationSucceeded, kMediationFailed,    kCaseFiled,         kAcceptanceRefused,
      kCaseClosed,        kReviewApplied,       kReviewExtended,      kArbitralDocumentMade, kReviewRefusedEvent,
      kServiceReceiptRecorded, kServiceRefusalRecorded, kTierDesignated, kSubsidyAccrued};
  return *all;
}

}  // namespace caitiao::domain::events
