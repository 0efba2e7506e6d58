// The one catalogue of machine-readable reasons (caitiao.v1.ErrorDetail.reason):
// a constant for each, the canonical code it travels with, and one line of
// what it means. Code refers to reasons only through these constants; a unit
// test checks that every reason a proto comment names is here and that every
// one here is named by some proto comment.
//
//   return Refuse(reasons::kInvalidState, "the case is FILED; ...");
//       // FAILED_PRECONDITION, reason INVALID_STATE
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace caitiao::domain {

struct ReasonInfo {
  std::string_view reason;
  absl::StatusCode code;
  std::string_view meaning;
};

namespace reasons {
// Input and paging.
inline constexpr char kFieldInvalid[] = "FIELD_INVALID";
inline constexpr char kRequestMalformed[] = "REQUEST_MALFORMED";
inline constexpr char kFilterInvalid[] = "FILTER_INVALID";
inline constexpr char kFilterNotAllowed[] = "FILTER_NOT_ALLOWED";
inline constexpr char kPageTokenInvalid[] = "PAGE_TOKEN_INVALID";
inline constexpr char kRequestIdReused[] = "REQUEST_ID_REUSED";
inline constexpr char kRequestInProgress[] = "REQUEST_IN_PROGRESS";
inline constexpr char kEtagMismatch[] = "ETAG_MISMATCH";
inline constexpr char kConcurrentUpdate[] = "CONCURRENT_UPDATE";
// Credentials and permissions.
inline constexpr char kCredentialsMissing[] = "CREDENTIALS_MISSING";
inline constexpr char kTokenMalformed[] = "TOKEN_MALFORMED";
inline constexpr char kTokenUnknown[] = "TOKEN_UNKNOWN";
inline constexpr char kTokenExpired[] = "TOKEN_EXPIRED";
inline constexpr char kTokenRevoked[] = "TOKEN_REVOKED";
inline constexpr char kTokenNotFound[] = "TOKEN_NOT_FOUND";
inline constexpr char kCertificateNotMapped[] = "CERTIFICATE_NOT_MAPPED";
inline constexpr char kCertificateMappingNotFound[] = "CERTIFICATE_MAPPING_NOT_FOUND";
inline constexpr char kCertificateMappingExists[] = "CERTIFICATE_MAPPING_EXISTS";
inline constexpr char kMethodNotInPolicy[] = "METHOD_NOT_IN_POLICY";
inline constexpr char kRoleNotAllowed[] = "ROLE_NOT_ALLOWED";
inline constexpr char kUnmaskNotAllowed[] = "UNMASK_NOT_ALLOWED";
// The server and its database.
inline constexpr char kDatabaseUnavailable[] = "DATABASE_UNAVAILABLE";
inline constexpr char kCommitUnknown[] = "COMMIT_UNKNOWN";
inline constexpr char kDatabaseDiskFull[] = "DATABASE_DISK_FULL";
inline constexpr char kDatabaseResources[] = "DATABASE_RESOURCES";
inline constexpr char kPoolExhausted[] = "POOL_EXHAUSTED";
inline constexpr char kShuttingDown[] = "SHUTTING_DOWN";
inline constexpr char kTooManyWatchers[] = "TOO_MANY_WATCHERS";
inline constexpr char kDataKeyMismatch[] = "DATA_KEY_MISMATCH";
inline constexpr char kDataKeyMissing[] = "DATA_KEY_MISSING";
inline constexpr char kReplicaLagging[] = "REPLICA_LAGGING";
inline constexpr char kReplicaUnavailable[] = "REPLICA_UNAVAILABLE";
// The directory and policy.
inline constexpr char kRegionNotFound[] = "REGION_NOT_FOUND";
inline constexpr char kRegionExists[] = "REGION_EXISTS";
inline constexpr char kRegionListInvalid[] = "REGION_LIST_INVALID";
inline constexpr char kCommissionNotFound[] = "COMMISSION_NOT_FOUND";
inline constexpr char kCommissionExists[] = "COMMISSION_EXISTS";
inline constexpr char kRoomNotFound[] = "ROOM_NOT_FOUND";
inline constexpr char kRoomExists[] = "ROOM_EXISTS";
inline constexpr char kMediatorNotFound[] = "MEDIATOR_NOT_FOUND";
inline constexpr char kMediatorExists[] = "MEDIATOR_EXISTS";
inline constexpr char kPolicyVersionExists[] = "POLICY_VERSION_EXISTS";
inline constexpr char kHolidayCalendarInvalid[] = "HOLIDAY_CALENDAR_INVALID";
// Cases and their states.
inline constexpr char kCaseNotFound[] = "CASE_NOT_FOUND";
inline constexpr char kCaseNotEditable[] = "CASE_NOT_EDITABLE";
inline constexpr char kCaseAlreadyWithdrawn[] = "CASE_ALREADY_WITHDRAWN";
inline constexpr char kCaseNotWithdrawable[] = "CASE_NOT_WITHDRAWABLE";
inline constexpr char kInvalidState[] = "INVALID_STATE";
// Consent, eligibility and delegation.
inline constexpr char kConsentNotFound[] = "CONSENT_NOT_FOUND";
inline constexpr char kConsentExists[] = "CONSENT_EXISTS";
inline constexpr char kConsentWithdrawn[] = "CONSENT_WITHDRAWN";
inline constexpr char kConsentMissing[] = "CONSENT_MISSING";
inline constexpr char kAssessmentNotFound[] = "ASSESSMENT_NOT_FOUND";
inline constexpr char kNotEligible[] = "NOT_ELIGIBLE";
inline constexpr char kEligibilityStale[] = "ELIGIBILITY_STALE";
inline constexpr char kLaborRelationshipConfirmation[] = "LABOR_RELATIONSHIP_CONFIRMATION";
inline constexpr char kRoomInactive[] = "ROOM_INACTIVE";
inline constexpr char kRoomAtCapacity[] = "ROOM_AT_CAPACITY";
inline constexpr char kRoomNotServingCommission[] = "ROOM_NOT_SERVING_COMMISSION";
inline constexpr char kMediatorNotActive[] = "MEDIATOR_NOT_ACTIVE";
inline constexpr char kMediatorNotInRoom[] = "MEDIATOR_NOT_IN_ROOM";
inline constexpr char kCertificateExpired[] = "CERTIFICATE_EXPIRED";
inline constexpr char kMediatorOutOfTerm[] = "MEDIATOR_OUT_OF_TERM";
inline constexpr char kMediatorConflict[] = "MEDIATOR_CONFLICT";
// Mediation, agreements and documents.
inline constexpr char kAgreementNotFound[] = "AGREEMENT_NOT_FOUND";
inline constexpr char kAgreementOpen[] = "AGREEMENT_OPEN";
inline constexpr char kAgreementVoided[] = "AGREEMENT_VOIDED";
inline constexpr char kSignatureRecorded[] = "SIGNATURE_RECORDED";
inline constexpr char kObligationNotFound[] = "OBLIGATION_NOT_FOUND";
inline constexpr char kPerformanceExceedsObligation[] = "PERFORMANCE_EXCEEDS_OBLIGATION";
inline constexpr char kDocumentNotFound[] = "DOCUMENT_NOT_FOUND";
inline constexpr char kExtensionLimitReached[] = "EXTENSION_LIMIT_REACHED";
inline constexpr char kExtensionConsentMissing[] = "EXTENSION_CONSENT_MISSING";
// Arbitral review (path B).
inline constexpr char kReviewNotFound[] = "REVIEW_NOT_FOUND";
inline constexpr char kReviewWindowPassed[] = "REVIEW_WINDOW_PASSED";
inline constexpr char kReviewAlreadyExtended[] = "REVIEW_ALREADY_EXTENDED";
inline constexpr char kReceiptRecorded[] = "RECEIPT_RECORDED";
// Subsidies and funding.
inline constexpr char kSubsidyStandardNotFound[] = "SUBSIDY_STANDARD_NOT_FOUND";
inline constexpr char kStandardVersionOverlaps[] = "STANDARD_VERSION_OVERLAPS";
inline constexpr char kTierLocked[] = "TIER_LOCKED";
inline constexpr char kLedgerEntryNotFound[] = "LEDGER_ENTRY_NOT_FOUND";
inline constexpr char kEntryNotReversible[] = "ENTRY_NOT_REVERSIBLE";
inline constexpr char kEntryAlreadyReversed[] = "ENTRY_ALREADY_REVERSED";
inline constexpr char kBatchNotFound[] = "BATCH_NOT_FOUND";
inline constexpr char kSettlementPeriodMismatch[] = "SETTLEMENT_PERIOD_MISMATCH";
inline constexpr char kNothingToSettle[] = "NOTHING_TO_SETTLE";
inline constexpr char kBudgetInsufficient[] = "BUDGET_INSUFFICIENT";
inline constexpr char kFourEyesRequired[] = "FOUR_EYES_REQUIRED";
}  // namespace reasons

// Every reason, in the order above.
const std::vector<ReasonInfo>& ReasonCatalogue();
// The catalogue's entry for `reason`, or nullptr.
const ReasonInfo* FindReason(std::string_view reason);

// A status with the catalogue's code for `reason` and `message`. A reason
// missing from the catalogue is a bug: INTERNAL.
absl::Status Refuse(std::string_view reason, std::string message);

}  // namespace caitiao::domain
