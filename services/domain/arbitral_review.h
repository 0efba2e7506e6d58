// Path B of success: the parties jointly apply for arbitral review of their
// effective agreement (the Rules Art. 74-78), the commission reviews it and
// either makes an arbitral mediation document (仲裁调解书) or refuses it; the
// document takes legal effect once every party has signed for receipt
// (送达/签收). Pure decisions, as in mediation_outcome.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/case_types.h"
#include "services/domain/deadline.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/delegation.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/mediation_types.h"

namespace caitiao::domain {

// The Rules Art. 78's grounds for refusing to make the document (values
// equal caitiao.v1.ReviewRefusal).
enum class ReviewRefusal {
  kUnspecified = 0,
  kViolatesMandatoryLaw = 1,    // 违反法律、行政法规的强制性规定
  kHarmsOtherInterests = 2,     // 损害国家利益、社会公共利益或者他人合法权益
  kSuspectedFalseEvidence = 3,  // 当事人提供证据材料有弄虚作假嫌疑
  kNotVoluntary = 4,            // 违背自愿原则
  kUnclear = 5,                 // 内容不明确
  kOther = 6,                   // 其他, with a note
};
const char* ReviewRefusalName(ReviewRefusal refusal);
std::optional<ReviewRefusal> ReviewRefusalFromName(std::string_view name);

// One party's signature for receipt of the document, or its refusal.
struct ServiceReceipt {
  std::string item;  // "APPLICANT/0" …
  bool refused = false;
  absl::Time time;
  std::string evidence_ref;
  std::string recorded_by;
};

struct ArbitralReview {
  std::string id;
  std::string case_id;
  std::string agreement_id;
  absl::Time apply_time;
  std::string applied_by;
  std::string evidence_ref;  // the joint application
  Deadline review_due;
  std::string review_policy;
  std::optional<Deadline> extended_due;  // once extended
  std::string extension_reason;
  std::optional<absl::Time> decide_time;
  bool document_made = false;
  ReviewRefusal refusal = ReviewRefusal::kUnspecified;
  std::string refusal_note;
  std::string document_number;
  std::vector<ServiceReceipt> receipts;
};

// The window for the joint application: calendar days from the day the
// agreement took effect (15, the Rules Art. 74; policy).
DeadlineRule ReviewApplicationRule(const DeadlinePolicy& policy);
// The review: working days from the application (5, the Rules Art. 76;
// policy), and its one extension (5 more working days; policy).
DeadlineRule ReviewPeriodRule(const DeadlinePolicy& policy);
DeadlineRule ReviewExtensionRule(const DeadlinePolicy& policy);

// The joint application. In order: the table (INVALID_STATE); a dispute
// over confirming a labor relationship is never reviewed (the Rules Art.
// 75(4); LABOR_RELATIONSHIP_CONFIRMATION); the application is within the
// window that ends on `window_due` (REVIEW_WINDOW_PASSED). UNDER_REVIEW.
absl::StatusOr<CaseState> DecideReviewApplication(CaseState state, const std::vector<DisputeType>& claim_types,
                                                  bool respondent_contests, absl::CivilDay window_due,
                                                  absl::CivilDay applied_on);

// The one extension: the table; not extended before (REVIEW_ALREADY_EXTENDED);
// a reason (INVALID_ARGUMENT at `reason`).
absl::Status DecideReviewExtension(CaseState state, const ArbitralReview& review, const std::string& reason);

// Making the document: the table. DOCUMENT_SERVICE.
absl::StatusOr<CaseState> DecideDocument(CaseState state);

// Refusing it: the table; a ground (INVALID_ARGUMENT at `refusal`), OTHER
// with a note (at `note`). The case returns to arbitration (REVIEW_REFUSED).
absl::StatusOr<ReturnDecision> DecideReviewRefusal(CaseState state, DelegationRoute route, ReviewRefusal refusal,
                                                   const std::string& note);

struct ReceiptDecision {
  CaseState next = CaseState::kUnspecified;
  std::optional<SuccessPath> success;  // every party has signed for receipt
};
// A party's receipt: the table; the item is a party of the case
// (INVALID_ARGUMENT at `item`); not recorded before (RECEIPT_RECORDED). When
// every party has signed, the document is in effect and MediationSuccess
// decides (path B).
absl::StatusOr<ReceiptDecision> DecideServiceReceipt(CaseState state, const ArbitralReview& review,
                                                     const std::string& item, const Agreement& agreement,
                                                     int applicants, int respondents,
                                                     const std::vector<Performance>& performances);

// A party refuses to sign for receipt before service is complete: the table;
// the item as for a receipt. The case returns to arbitration
// (SERVICE_REFUSED).
absl::StatusOr<ReturnDecision> DecideServiceRefusal(CaseState state, DelegationRoute route,
                                                    const ArbitralReview& review, const std::string& item,
                                                    int applicants, int respondents);

}  // namespace caitiao::domain
