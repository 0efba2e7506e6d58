#include "services/review/review_work.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/docking/docking_deadlines.h"
#include "services/domain/case_events.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_types.h"
#include "services/domain/document_rendering.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/mediation/documents.h"
#include "services/mediation/mediation_work.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/mediation_repository.h"
#include "storage/review_repository.h"

namespace caitiao::services {
namespace {

using domain::CaseState;

// The case with what path B decides on: its effective agreement and its
// latest review.
struct ReviewCase {
  MediationCase mc;
  std::optional<domain::Agreement> agreement;
  std::optional<domain::ArbitralReview> review;
};

absl::StatusOr<ReviewCase> LockReviewCase(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                          const std::string& etag) {
  ReviewCase rc;
  CAITIAO_ASSIGN_OR_RETURN(rc.mc, LockMediationCase(tx, call, case_id, etag));
  CAITIAO_ASSIGN_OR_RETURN(rc.agreement, storage::FindAgreement(tx, rc.mc.c.id));
  CAITIAO_ASSIGN_OR_RETURN(rc.review, storage::LatestReview(tx, rc.mc.c.id));
  return rc;
}

absl::Status NeedReview(const ReviewCase& rc) {
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(rc.mc));
  if (!rc.agreement || !rc.review) return absl::InternalError("a case under review without its agreement or review");
  return absl::OkStatus();
}

absl::Status SetDue(storage::Tx& tx, MediationCase& mc, std::optional<absl::CivilDay> due) {
  mc.c.current_due = due;
  return storage::SetCaseDelegation(tx, mc.c.id, mc.d->room_id, due);
}

}  // namespace

absl::StatusOr<ReviewAnswer> ApplyForReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                            const std::string& etag, absl::Time applied,
                                            const std::string& evidence_ref) {
  CAITIAO_ASSIGN_OR_RETURN(ReviewCase rc, LockReviewCase(tx, call, case_id, etag));
  domain::CaseRecord& c = rc.mc.c;
  std::vector<domain::DisputeType> claims;
  for (const auto& claim : c.content.claims) claims.push_back(claim.dispute_type);
  CAITIAO_ASSIGN_OR_RETURN(auto assessment, storage::LatestAssessment(tx, c.id));
  const bool contests = assessment && assessment->respondent_contests_labor_relationship;
  // The window runs from the day the agreement took effect.
  absl::CivilDay effective_on = domain::ChinaDay(call.now);
  if (rc.agreement && rc.agreement->effective_time) effective_on = domain::ChinaDay(*rc.agreement->effective_time);
  CAITIAO_ASSIGN_OR_RETURN(auto window, DockingDeadline(tx, c.region_code, effective_on, domain::ReviewApplicationRule));
  const absl::CivilDay applied_on = domain::ChinaDay(applied);
  CAITIAO_ASSIGN_OR_RETURN(const CaseState next, domain::DecideReviewApplication(c.state, claims, contests,
                                                                                 window.deadline.due, applied_on));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(rc.mc));
  if (!rc.agreement) return absl::InternalError("an AGREEMENT_EFFECTIVE case without its agreement");
  CAITIAO_ASSIGN_OR_RETURN(auto period, DockingDeadline(tx, c.region_code, applied_on, domain::ReviewPeriodRule));
  domain::ArbitralReview r;
  r.id = NewUuid();
  r.case_id = c.id;
  r.agreement_id = rc.agreement->id;
  r.apply_time = applied;
  r.applied_by = call.principal.id;
  r.evidence_ref = evidence_ref;
  r.review_due = period.deadline;
  r.review_policy = period.policy_source;
  CAITIAO_RETURN_IF_ERROR(storage::InsertReview(tx, r));
  const CaseState from = c.state;
  c.state = next;
  CAITIAO_RETURN_IF_ERROR(SetDue(tx, rc.mc, r.review_due.due));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, c, from, rc.mc.d->room_id, domain::events::kReviewApplied,
                                            absl::StrCat("agreement=", rc.agreement->number, " review_due=",
                                                         absl::FormatCivilTime(r.review_due.due))));
  return ReviewAnswer{std::move(r), c};
}

absl::StatusOr<ReviewAnswer> ReviewOf(storage::Tx& tx, const CallContext& call, const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  CAITIAO_ASSIGN_OR_RETURN(auto review, storage::LatestReview(tx, c.id));
  if (!review) return domain::Refuse(domain::reasons::kReviewNotFound, "the case has no arbitral review");
  return ReviewAnswer{*std::move(review), std::move(c)};
}

absl::StatusOr<ReviewAnswer> ExtendReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                          const std::string& etag, const std::string& reason) {
  CAITIAO_ASSIGN_OR_RETURN(ReviewCase rc, LockReviewCase(tx, call, case_id, etag));
  domain::ArbitralReview empty;
  CAITIAO_RETURN_IF_ERROR(domain::DecideReviewExtension(rc.mc.c.state, rc.review ? *rc.review : empty, reason));
  CAITIAO_RETURN_IF_ERROR(NeedReview(rc));
  domain::ArbitralReview& r = *rc.review;
  CAITIAO_ASSIGN_OR_RETURN(auto extended,
                           DockingDeadline(tx, rc.mc.c.region_code, r.review_due.due, domain::ReviewExtensionRule));
  r.extended_due = extended.deadline;
  r.extension_reason = reason;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateReview(tx, r));
  CAITIAO_RETURN_IF_ERROR(SetDue(tx, rc.mc, r.extended_due->due));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, rc.mc.c, rc.mc.c.state, rc.mc.d->room_id,
                                            domain::events::kReviewExtended,
                                            absl::StrCat("review_due=", absl::FormatCivilTime(r.extended_due->due))));
  return ReviewAnswer{r, rc.mc.c};
}

absl::StatusOr<ReviewAnswer> MakeArbitralDocument(storage::Tx& tx, const CallContext& call,
                                                  const std::string& case_id, const std::string& etag) {
  CAITIAO_ASSIGN_OR_RETURN(ReviewCase rc, LockReviewCase(tx, call, case_id, etag));
  CAITIAO_ASSIGN_OR_RETURN(const CaseState next, domain::DecideDocument(rc.mc.c.state));
  CAITIAO_RETURN_IF_ERROR(NeedReview(rc));
  domain::CaseRecord& c = rc.mc.c;
  CAITIAO_ASSIGN_OR_RETURN(auto agreement_doc, storage::FindDocumentByNumber(tx, rc.agreement->number));
  if (!agreement_doc) return absl::InternalError("an effective agreement without its document");
  CAITIAO_ASSIGN_OR_RETURN(const std::string number,
                           NextDocumentNumber(tx, call, c, domain::DocumentKind::kArbitralMediationDocument,
                                              domain::kArbitralDocumentWord));
  CAITIAO_RETURN_IF_ERROR(IssueDocument(tx, call, domain::DocumentKind::kArbitralMediationDocument, number, c,
                                        c.commission_id,
                                        domain::RenderArbitralDocument(c, *rc.agreement, number,
                                                                       agreement_doc->sha256, call.now))
                              .status());
  domain::ArbitralReview& r = *rc.review;
  r.decide_time = call.now;
  r.document_made = true;
  r.document_number = number;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateReview(tx, r));
  c.arbitral_document_number = number;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, c));
  const CaseState from = c.state;
  c.state = next;
  CAITIAO_RETURN_IF_ERROR(SetDue(tx, rc.mc, std::nullopt));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, c, from, rc.mc.d->room_id, domain::events::kArbitralDocumentMade,
                                            absl::StrCat("document=", number)));
  return ReviewAnswer{r, c};
}

absl::StatusOr<ReviewAnswer> RefuseReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                          const std::string& etag, domain::ReviewRefusal refusal,
                                          const std::string& note) {
  CAITIAO_ASSIGN_OR_RETURN(ReviewCase rc, LockReviewCase(tx, call, case_id, etag));
  const domain::DelegationRoute route = rc.mc.d ? rc.mc.d->route : domain::DelegationRoute::kUnspecified;
  CAITIAO_ASSIGN_OR_RETURN(auto decision, domain::DecideReviewRefusal(rc.mc.c.state, route, refusal, note));
  CAITIAO_RETURN_IF_ERROR(NeedReview(rc));
  domain::ArbitralReview& r = *rc.review;
  r.decide_time = call.now;
  r.refusal = refusal;
  r.refusal_note = note;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateReview(tx, r));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, rc.mc.c, rc.mc.c.state, rc.mc.d->room_id,
                                            domain::events::kReviewRefusedEvent,
                                            absl::StrCat("ground=", domain::ReviewRefusalName(refusal))));
  const std::string why = note.empty() ? domain::ReviewRefusalName(refusal)
                                       : absl::StrCat(domain::ReviewRefusalName(refusal), ": ", note);
  CAITIAO_RETURN_IF_ERROR(ReturnToArbitration(tx, call, rc.mc.c, *rc.mc.d, domain::MediationFailure::kReviewRefused,
                                              why, decision));
  return ReviewAnswer{r, rc.mc.c};
}

absl::StatusOr<ReviewAnswer> RecordService(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                           const std::string& etag, domain::PartySide side, int position,
                                           absl::Time when, const std::string& evidence_ref, bool refused) {
  CAITIAO_ASSIGN_OR_RETURN(ReviewCase rc, LockReviewCase(tx, call, case_id, etag));
  domain::CaseRecord& c = rc.mc.c;
  const std::string item = domain::PartyLabel(side, position);
  domain::ArbitralReview empty;
  const domain::ArbitralReview& known = rc.review ? *rc.review : empty;
  domain::ServiceReceipt receipt{item, refused, when, evidence_ref, call.principal.id};
  if (refused) {
    const domain::DelegationRoute route = rc.mc.d ? rc.mc.d->route : domain::DelegationRoute::kUnspecified;
    CAITIAO_ASSIGN_OR_RETURN(auto decision, domain::DecideServiceRefusal(c.state, route, known, item, Applicants(c),
                                                                         Respondents(c)));
    CAITIAO_RETURN_IF_ERROR(NeedReview(rc));
    CAITIAO_RETURN_IF_ERROR(storage::InsertReceipt(tx, rc.review->id, receipt));
    rc.review->receipts.push_back(receipt);
    CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, c, c.state, rc.mc.d->room_id,
                                              domain::events::kServiceRefusalRecorded, absl::StrCat("party=", item)));
    CAITIAO_RETURN_IF_ERROR(ReturnToArbitration(tx, call, c, *rc.mc.d, domain::MediationFailure::kServiceRefused,
                                                absl::StrCat(item, " refused to sign for receipt"), decision));
    return ReviewAnswer{*rc.review, c};
  }
  const domain::Agreement no_agreement;
  std::vector<domain::Performance> performances;
  if (rc.agreement) {
    CAITIAO_ASSIGN_OR_RETURN(performances, storage::ListPerformances(tx, rc.agreement->id));
  }
  CAITIAO_ASSIGN_OR_RETURN(auto decision,
                           domain::DecideServiceReceipt(c.state, known, item, rc.agreement ? *rc.agreement : no_agreement,
                                                        Applicants(c), Respondents(c), performances));
  CAITIAO_RETURN_IF_ERROR(NeedReview(rc));
  CAITIAO_RETURN_IF_ERROR(storage::InsertReceipt(tx, rc.review->id, receipt));
  rc.review->receipts.push_back(receipt);
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, c, c.state, rc.mc.d->room_id,
                                            domain::events::kServiceReceiptRecorded, absl::StrCat("party=", item)));
  if (decision.success) CAITIAO_RETURN_IF_ERROR(SucceedMediation(tx, call, rc.mc, *decision.success));
  return ReviewAnswer{*rc.review, rc.mc.c};
}

}  // namespace caitiao::services
