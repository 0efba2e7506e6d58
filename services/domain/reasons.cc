#include "services/domain/reasons.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

using absl::StatusCode;
namespace r = reasons;

std::vector<ReasonInfo> BuildCatalogue() {
  return {
      {r::kFieldInvalid, StatusCode::kInvalidArgument, "a request field is missing or malformed; see field_violations"},
      {r::kRequestMalformed, StatusCode::kInvalidArgument,
       "the request bytes do not parse as its message (e.g. invalid UTF-8 in a string)"},
      {r::kFilterInvalid, StatusCode::kInvalidArgument, "the list filter does not parse or names an unknown field"},
      {r::kFilterNotAllowed, StatusCode::kInvalidArgument, "the filter uses a field this caller may not filter on"},
      {r::kPageTokenInvalid, StatusCode::kInvalidArgument, "the page token is corrupt or was made for other filters"},
      {r::kRequestIdReused, StatusCode::kInvalidArgument, "the request_id was used before with a different request"},
      {r::kRequestInProgress, StatusCode::kAborted, "the same request_id is being processed right now; retry"},
      {r::kEtagMismatch, StatusCode::kAborted, "the resource changed since it was read; re-read and retry"},
      {r::kConcurrentUpdate, StatusCode::kAborted, "a concurrent transaction conflicted; retry"},
      {r::kCredentialsMissing, StatusCode::kUnauthenticated, "no bearer token and no client certificate"},
      {r::kTokenMalformed, StatusCode::kUnauthenticated, "the authorization metadata is not a Caitiao token"},
      {r::kTokenUnknown, StatusCode::kUnauthenticated, "no such token"},
      {r::kTokenExpired, StatusCode::kUnauthenticated, "the token expired"},
      {r::kTokenRevoked, StatusCode::kUnauthenticated, "the token was revoked"},
      {r::kTokenNotFound, StatusCode::kNotFound, "no token with that id (RevokeToken)"},
      {r::kCertificateNotMapped, StatusCode::kUnauthenticated, "the client certificate's subject has no mapping"},
      {r::kCertificateMappingNotFound, StatusCode::kNotFound, "no certificate mapping with that id"},
      {r::kCertificateMappingExists, StatusCode::kAlreadyExists, "the subject is already mapped"},
      {r::kMethodNotInPolicy, StatusCode::kPermissionDenied, "the method is not in the permission table"},
      {r::kRoleNotAllowed, StatusCode::kPermissionDenied, "the caller's role may never call this method"},
      {r::kUnmaskNotAllowed, StatusCode::kPermissionDenied, "the caller may not see unmasked personal data"},
      {r::kDatabaseUnavailable, StatusCode::kUnavailable, "the database cannot be reached; safe to retry"},
      {r::kCommitUnknown, StatusCode::kUnavailable, "the connection broke during commit; retry with the same request_id"},
      {r::kDatabaseDiskFull, StatusCode::kResourceExhausted,
       "the database's disk is full; nothing was saved: retry with the same request_id once space is freed"},
      {r::kDatabaseResources, StatusCode::kResourceExhausted,
       "the database is out of memory or connections; nothing was saved: retry shortly"},
      {r::kPoolExhausted, StatusCode::kResourceExhausted, "every database connection is busy; retry shortly"},
      {r::kShuttingDown, StatusCode::kUnavailable, "the server is shutting down; retry on another"},
      {r::kTooManyWatchers, StatusCode::kResourceExhausted, "this server streams its maximum of room queues"},
      {r::kDataKeyMismatch, StatusCode::kFailedPrecondition, "the data key does not match the database's"},
      {r::kDataKeyMissing, StatusCode::kFailedPrecondition,
       "no data key, but the database holds personal data sealed with one"},
      {r::kReplicaLagging, StatusCode::kUnavailable,
       "the reporting replica lags behind the primary past --reporting_max_lag; retry once it caught up"},
      {r::kReplicaUnavailable, StatusCode::kUnavailable, "the reporting replica cannot be reached; retry later"},
      {r::kRegionNotFound, StatusCode::kNotFound, "no such region"},
      {r::kRegionExists, StatusCode::kAlreadyExists, "a region with that code exists"},
      {r::kRegionListInvalid, StatusCode::kInvalidArgument, "the region list (CSV) does not parse; the message names the line"},
      {r::kCommissionNotFound, StatusCode::kNotFound, "no such commission (or not the caller's)"},
      {r::kCommissionExists, StatusCode::kAlreadyExists, "a commission with that code exists"},
      {r::kRoomNotFound, StatusCode::kNotFound, "no such mediation room (or not the caller's)"},
      {r::kRoomExists, StatusCode::kAlreadyExists, "a room with that name exists in the region"},
      {r::kMediatorNotFound, StatusCode::kNotFound, "no such mediator"},
      {r::kMediatorExists, StatusCode::kAlreadyExists, "a mediator with that certificate number exists"},
      {r::kPolicyVersionExists, StatusCode::kAlreadyExists, "a policy version for that region and date exists"},
      {r::kHolidayCalendarInvalid, StatusCode::kInvalidArgument, "the holiday calendar text does not parse"},
      {r::kCaseNotFound, StatusCode::kNotFound, "no such case (or outside the caller's scope)"},
      {r::kCaseNotEditable, StatusCode::kFailedPrecondition, "only RECEIVED or FILED cases can be corrected"},
      {r::kCaseAlreadyWithdrawn, StatusCode::kFailedPrecondition, "the case is already withdrawn"},
      {r::kCaseNotWithdrawable, StatusCode::kFailedPrecondition, "the case is not at the commission"},
      {r::kInvalidState, StatusCode::kFailedPrecondition, "the command is not allowed in the case's current state"},
      {r::kConsentNotFound, StatusCode::kNotFound, "no such consent"},
      {r::kConsentExists, StatusCode::kAlreadyExists, "the party already has a current consent"},
      {r::kConsentWithdrawn, StatusCode::kFailedPrecondition, "the consent is already withdrawn"},
      {r::kConsentMissing, StatusCode::kFailedPrecondition, "a party has not (freshly) consented to mediation"},
      {r::kAssessmentNotFound, StatusCode::kNotFound, "the case has no eligibility assessment"},
      {r::kNotEligible, StatusCode::kFailedPrecondition, "no assessment, or an eligibility criterion failed"},
      {r::kEligibilityStale, StatusCode::kFailedPrecondition, "content or consents changed since the assessment"},
      {r::kLaborRelationshipConfirmation, StatusCode::kFailedPrecondition,
       "a labor-relationship confirmation dispute: never delegated, never reviewed"},
      {r::kRoomInactive, StatusCode::kFailedPrecondition, "the room is inactive"},
      {r::kRoomAtCapacity, StatusCode::kFailedPrecondition, "the room has no capacity left"},
      {r::kRoomNotServingCommission, StatusCode::kFailedPrecondition, "the room does not serve the case's commission"},
      {r::kMediatorNotActive, StatusCode::kFailedPrecondition, "the mediator is not active"},
      {r::kMediatorNotInRoom, StatusCode::kFailedPrecondition, "the mediator is not a member of the room"},
      {r::kCertificateExpired, StatusCode::kFailedPrecondition, "the mediator's certificate has expired"},
      {r::kMediatorOutOfTerm, StatusCode::kFailedPrecondition, "the mediator is outside the term of appointment"},
      {r::kMediatorConflict, StatusCode::kFailedPrecondition, "the mediator declared a conflict with the case"},
      {r::kAgreementNotFound, StatusCode::kNotFound, "no such agreement on the case"},
      {r::kAgreementOpen, StatusCode::kFailedPrecondition,
       "the case already has a current agreement; void it before drafting another"},
      {r::kAgreementVoided, StatusCode::kFailedPrecondition, "the agreement was voided"},
      {r::kSignatureRecorded, StatusCode::kAlreadyExists, "that signature item is already recorded"},
      {r::kObligationNotFound, StatusCode::kNotFound, "no such obligation in the agreement"},
      {r::kPerformanceExceedsObligation, StatusCode::kFailedPrecondition, "the performance exceeds what is still owed"},
      {r::kDocumentNotFound, StatusCode::kNotFound, "no such document (or outside the caller's scope)"},
      {r::kExtensionLimitReached, StatusCode::kFailedPrecondition,
       "the mediation period was extended as often as the policy allows"},
      {r::kExtensionConsentMissing, StatusCode::kFailedPrecondition, "an extension needs every party's consent"},
      {r::kReviewNotFound, StatusCode::kNotFound, "the case has no arbitral review"},
      {r::kReviewWindowPassed, StatusCode::kFailedPrecondition,
       "the joint application for review came after its window (15 days from the agreement by default)"},
      {r::kReviewAlreadyExtended, StatusCode::kFailedPrecondition, "the review may be extended once"},
      {r::kReceiptRecorded, StatusCode::kAlreadyExists, "that party's service is already recorded"},
      {r::kSubsidyStandardNotFound, StatusCode::kNotFound, "no such subsidy standard (or none in force)"},
      {r::kStandardVersionOverlaps, StatusCode::kFailedPrecondition,
       "the region has a standard version from that day or a later one: versions only supersede forward"},
      {r::kTierLocked, StatusCode::kFailedPrecondition, "the case's mediation has an outcome: its tier is fixed"},
      {r::kLedgerEntryNotFound, StatusCode::kNotFound, "no such ledger entry (or outside the caller's scope)"},
      {r::kEntryNotReversible, StatusCode::kFailedPrecondition,
       "a reversal, or an entry in a batch being settled, cannot be reversed"},
      {r::kEntryAlreadyReversed, StatusCode::kFailedPrecondition, "the entry was reversed before"},
      {r::kBatchNotFound, StatusCode::kNotFound, "no such settlement batch (or outside the caller's scope)"},
      {r::kSettlementPeriodMismatch, StatusCode::kFailedPrecondition,
       "the region's standard settles by another kind of period"},
      {r::kNothingToSettle, StatusCode::kFailedPrecondition, "no unsettled entry in the region and period"},
      {r::kBudgetInsufficient, StatusCode::kFailedPrecondition, "the remaining budget cannot pay the batch"},
      {r::kFourEyesRequired, StatusCode::kFailedPrecondition,
       "a batch is approved by a funding officer who neither drafted nor checked it"},
  };
}

}  // namespace

const std::vector<ReasonInfo>& ReasonCatalogue() {
  static const std::vector<ReasonInfo>* catalogue = new std::vector<ReasonInfo>(BuildCatalogue());
  return *catalogue;
}

const ReasonInfo* FindReason(std::string_view reason) {
  for (const auto& info : ReasonCatalogue()) {
    if (info.reason == reason) return &info;
  }
  return nullptr;
}

absl::Status Refuse(std::string_view reason, std::string message) {
  const ReasonInfo* info = FindReason(reason);
  if (info == nullptr) {
    return absl::InternalError(absl::StrCat("reason ", std::string(reason), " is not in the catalogue"));
  }
  return WithReason(absl::Status(info->code, std::move(message)), reason);
}

}  // namespace caitiao::domain
