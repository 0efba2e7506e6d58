// How mediation ends: the signature checklist, performance, the one success
// function, termination reasons and where a failed case returns.
#include <gtest/gtest.h>

#include "services/domain/arbitral_review.h"
#include "services/domain/case_closing.h"
#include "services/domain/document_rendering.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"

namespace caitiao::domain {
namespace {

using S = CaseState;

Obligation Money(int position, int64_t fen, absl::CivilDay due = absl::CivilDay(2026, 12, 31)) {
  Obligation o;
  o.position = position;
  o.obligor_side = PartySide::kRespondent;
  o.obligee_side = PartySide::kApplicant;
  o.kind = ObligationKind::kMoney;
  o.amount_fen = fen;
  o.due = due;
  return o;
}

Obligation Act(int position, absl::CivilDay due = absl::CivilDay(2026, 12, 31)) {
  Obligation o = Money(position, 0, due);
  o.kind = ObligationKind::kAct;
  o.description = "出具离职证明";
  return o;
}

SignatureItem Signed(std::string item) {
  SignatureItem s;
  s.item = std::move(item);
  return s;
}

Agreement Drafted(std::vector<Obligation> obligations) {
  Agreement a;
  a.number = "鄂武劳人仲调协字〔2026〕第1号";
  a.obligations = std::move(obligations);
  return a;
}

Agreement Effective(std::vector<Obligation> obligations) {
  Agreement a = Drafted(std::move(obligations));
  for (const char* item : {"APPLICANT/0", "RESPONDENT/0", "MEDIATOR", "ROOM_SEAL"}) a.signatures.push_back(Signed(item));
  return a;
}

Performance Paid(int obligation, int64_t fen) {
  Performance p;
  p.obligation = obligation;
  p.amount_fen = fen;
  return p;
}

Performance Done(int obligation) {
  Performance p;
  p.obligation = obligation;
  p.act_done = true;
  return p;
}

TEST(MediationSuccess, NeedsAnEffectiveAgreementAndEitherPerformanceOrADocument) {
  const auto obligations = std::vector<Obligation>{Money(0, 1000), Act(1)};
  const std::vector<Performance> all = {Paid(0, 600), Paid(0, 400), Done(1)};
  const std::vector<Performance> part = {Paid(0, 600), Done(1)};
  struct Row {
    const char* what;
    std::optional<Agreement> agreement;
    std::vector<Performance> performances;
    bool document;
    std::optional<SuccessPath> want;
  };
  Agreement voided = Effective(obligations);
  voided.void_time = absl::UnixEpoch();
  Agreement unsigned_room = Effective(obligations);
  unsigned_room.signatures.pop_back();
  const std::vector<Row> rows = {
      {"no agreement", std::nullopt, all, true, std::nullopt},
      {"draft, all performed", Drafted(obligations), all, false, std::nullopt},
      {"draft, document", Drafted(obligations), {}, true, std::nullopt},
      {"room seal missing", unsigned_room, all, true, std::nullopt},
      {"voided", voided, all, true, std::nullopt},
      {"effective, nothing performed", Effective(obligations), {}, false, std::nullopt},
      {"effective, partly performed", Effective(obligations), part, false, std::nullopt},
      {"effective, all performed", Effective(obligations), all, false, SuccessPath::kPerformed},
      {"effective, all performed and a document", Effective(obligations), all, true, SuccessPath::kPerformed},
      {"effective, partly performed, document", Effective(obligations), part, true, SuccessPath::kArbitralDocument},
      {"effective, nothing performed, document", Effective(obligations), {}, true, SuccessPath::kArbitralDocument},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(MediationSuccess(r.agreement, 1, 1, r.performances, r.document), r.want) << r.what;
  }
}

TEST(MediationSuccess, EveryPartyOfEverySideMustSign) {
  Agreement a = Effective({Money(0, 1)});
  EXPECT_FALSE(IsAgreementEffective(a, 2, 1));
  EXPECT_EQ(MissingSignatureItems(a, 2, 1), std::vector<std::string>{"APPLICANT/1"});
  a.signatures.push_back(Signed("APPLICANT/1"));
  EXPECT_TRUE(IsAgreementEffective(a, 2, 1));
}

TEST(DecideSignature, TheLastItemMakesItEffective) {
  Agreement a = Drafted({Money(0, 100)});
  for (const char* item : {"MEDIATOR", "APPLICANT/0", "ROOM_SEAL"}) {
    auto d = DecideSignature(S::kInMediation, a, item, 1, 1);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_FALSE(d->takes_effect) << item;
    EXPECT_EQ(d->next, S::kInMediation);
    a.signatures.push_back(Signed(item));
  }
  auto last = DecideSignature(S::kInMediation, a, "RESPONDENT/0", 1, 1);
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(last->takes_effect);
  EXPECT_EQ(last->next, S::kAgreementEffective);
}

TEST(DecideSignature, RefusalsInOrder) {
  Agreement a = Drafted({Money(0, 100)});
  a.signatures.push_back(Signed("MEDIATOR"));
  EXPECT_EQ(ReasonOf(DecideSignature(S::kFiled, a, "MEDIATOR", 1, 1).status()), "INVALID_STATE");
  EXPECT_EQ(ReasonOf(DecideSignature(S::kInMediation, a, "MEDIATOR", 1, 1).status()), "SIGNATURE_RECORDED");
  EXPECT_EQ(DecideSignature(S::kInMediation, a, "MEDIATOR", 1, 1).status().code(),
            absl::StatusCode::kAlreadyExists);
  const auto unknown = DecideSignature(S::kInMediation, a, "APPLICANT/1", 1, 1).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(unknown).at(0).field, "item");
  a.void_time = absl::UnixEpoch();
  EXPECT_EQ(ReasonOf(DecideSignature(S::kInMediation, a, "APPLICANT/1", 1, 1).status()), "AGREEMENT_VOIDED");
}

TEST(DecidePerformance, PartialPaymentsAccumulateAndOverpaymentIsRefused) {
  const Agreement a = Effective({Money(0, 1000), Act(1)});
  std::vector<Performance> so_far;
  auto d = DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(0, 600));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->next, S::kAgreementEffective);
  so_far.push_back(Paid(0, 600));
  const auto over = DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(0, 401)).status();
  EXPECT_EQ(ReasonOf(over), "PERFORMANCE_EXCEEDS_OBLIGATION");
  EXPECT_EQ(FieldsOf(over).at(0).field, "amount_fen");
  ASSERT_TRUE(DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(0, 400)).ok());
  so_far.push_back(Paid(0, 400));
  EXPECT_EQ(PerformedOf(so_far, 0), 1000);
  EXPECT_EQ(ReasonOf(DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(0, 1)).status()),
            "PERFORMANCE_EXCEEDS_OBLIGATION");
  EXPECT_EQ(ReasonOf(DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(5, 1)).status()),
            "OBLIGATION_NOT_FOUND");
  EXPECT_EQ(DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Paid(1, 5)).status().code(),
            absl::StatusCode::kInvalidArgument);
  auto done = DecidePerformance(S::kAgreementEffective, a, 1, 1, so_far, Done(1));
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->next, S::kMediated);
  EXPECT_EQ(done->success, SuccessPath::kPerformed);
  EXPECT_EQ(ReasonOf(DecidePerformance(S::kInMediation, a, 1, 1, so_far, Done(1)).status()), "INVALID_STATE");
}

TerminationFacts Facts(S state, MediationFailure reason, DelegationRoute route = DelegationRoute::kBeforeFiling) {
  TerminationFacts f;
  f.state = state;
  f.route = route;
  f.reason = reason;
  f.today = absl::CivilDay(2026, 12, 10);
  f.mediation_due = absl::CivilDay(2026, 12, 15);
  return f;
}

TEST(DecideTermination, EachReasonOnlyWhenItHolds) {
  using F = MediationFailure;
  auto refused = DecideTermination(Facts(S::kInMediation, F::kPartyRefused));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->next, S::kReceived);
  EXPECT_TRUE(refused->acceptance_decision_due);
  auto after = DecideTermination(Facts(S::kInMediation, F::kPartyRefused, DelegationRoute::kAfterFiling));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->next, S::kFiled);
  EXPECT_FALSE(after->acceptance_decision_due);

  EXPECT_EQ(FieldsOf(DecideTermination(Facts(S::kInMediation, F::kRoomTerminated)).status()).at(0).field, "note");
  auto noted = Facts(S::kInMediation, F::kRoomTerminated);
  noted.note = "被申请人下落不明";
  EXPECT_TRUE(DecideTermination(noted).ok());

  EXPECT_EQ(ReasonOf(DecideTermination(Facts(S::kInMediation, F::kPeriodExpired)).status()), "INVALID_STATE");
  auto expired = Facts(S::kInMediation, F::kPeriodExpired);
  expired.today = absl::CivilDay(2026, 12, 16);
  EXPECT_TRUE(DecideTermination(expired).ok());

  EXPECT_EQ(FieldsOf(DecideTermination(Facts(S::kInMediation, F::kConsentWithdrawn)).status()).at(0).field,
            "reason");

  auto unpaid = Facts(S::kAgreementEffective, F::kNotPerformed);
  unpaid.agreement = Effective({Money(0, 100, absl::CivilDay(2026, 12, 12))});
  EXPECT_EQ(ReasonOf(DecideTermination(unpaid).status()), "INVALID_STATE") << "not overdue yet";
  unpaid.today = absl::CivilDay(2026, 12, 13);
  EXPECT_TRUE(DecideTermination(unpaid).ok());
  unpaid.performances = {Paid(0, 100)};
  EXPECT_EQ(ReasonOf(DecideTermination(unpaid).status()), "INVALID_STATE") << "performed in full";
  EXPECT_EQ(ReasonOf(DecideTermination(Facts(S::kAgreementEffective, F::kPartyRefused)).status()), "INVALID_STATE");
  EXPECT_EQ(ReasonOf(DecideTermination(Facts(S::kMediated, F::kPartyRefused)).status()), "INVALID_STATE");
}

TEST(DecideConsentWithdrawal, EndsMediationOnlyWhileTheCaseIsTheRooms) {
  auto in_room = DecideConsentWithdrawal(S::kInMediation, DelegationRoute::kAfterFiling);
  ASSERT_TRUE(in_room.ok());
  ASSERT_TRUE(in_room->has_value());
  EXPECT_EQ((*in_room)->next, S::kFiled);
  auto waiting = DecideConsentWithdrawal(S::kDelegated, DelegationRoute::kBeforeFiling);
  ASSERT_TRUE(waiting.ok() && waiting->has_value());
  EXPECT_EQ((*waiting)->next, S::kReceived);
  auto at_commission = DecideConsentWithdrawal(S::kReceived, DelegationRoute::kUnspecified);
  ASSERT_TRUE(at_commission.ok());
  EXPECT_FALSE(at_commission->has_value());
  EXPECT_EQ(ReasonOf(DecideConsentWithdrawal(S::kAgreementEffective, DelegationRoute::kBeforeFiling).status()),
            "INVALID_STATE");
}

TEST(DecideMediationExtension, WithinPolicyOnceAndWithEveryParty) {
  const DeadlinePolicy policy;  // 15 days, once
  const std::vector<std::string> both = {"APPLICANT/0", "RESPONDENT/0"};
  EXPECT_TRUE(DecideMediationExtension(S::kInMediation, 15, 0, both, 1, 1, "同意延期", policy).ok());
  EXPECT_EQ(FieldsOf(DecideMediationExtension(S::kInMediation, 16, 0, both, 1, 1, "x", policy)).at(0).field, "days");
  EXPECT_EQ(ReasonOf(DecideMediationExtension(S::kInMediation, 5, 1, both, 1, 1, "x", policy)),
            "EXTENSION_LIMIT_REACHED");
  const absl::Status missing = DecideMediationExtension(S::kInMediation, 5, 0, {"APPLICANT/0"}, 2, 1, "x", policy);
  EXPECT_EQ(ReasonOf(missing), "EXTENSION_CONSENT_MISSING");
  EXPECT_NE(missing.message().find("APPLICANT/1, RESPONDENT/0"), std::string::npos) << missing;
  EXPECT_EQ(FieldsOf(DecideMediationExtension(S::kInMediation, 5, 0, both, 1, 1, "", policy)).at(0).field, "reason");
  EXPECT_EQ(ReasonOf(DecideMediationExtension(S::kAgreementEffective, 5, 0, both, 1, 1, "x", policy)),
            "INVALID_STATE");
  DeadlinePolicy none;
  none.max_extension_days = 0;
  EXPECT_EQ(FieldsOf(DecideMediationExtension(S::kInMediation, 1, 0, both, 1, 1, "x", none)).at(0).field, "days");
  DeadlinePolicy twice;
  twice.max_mediation_extensions = 2;
  EXPECT_TRUE(DecideMediationExtension(S::kInMediation, 5, 1, both, 1, 1, "x", twice).ok());
}

TEST(ValidateAgreementDraft, NamesEveryBadField) {
  AgreementDraft draft;
  Obligation same_side = Money(0, 5);
  same_side.obligee_side = PartySide::kRespondent;
  Obligation no_party = Money(1, 5);
  no_party.obligor_position = 3;
  Obligation too_much = Money(2, 2'000'000'000'000);
  Obligation late = Act(3, absl::CivilDay(2026, 1, 1));
  late.description.clear();
  draft.obligations = {same_side, no_party, too_much, late};
  const auto v = ValidateAgreementDraft(draft, 1, 1, absl::CivilDay(2026, 6, 1));
  std::vector<std::string> fields;
  for (const auto& item : v.items()) fields.push_back(item.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"terms", "obligations[0].obligee", "obligations[1].obligor",
                                              "obligations[2].amount_fen", "obligations[3].description",
                                              "obligations[3].due_date"}));
  EXPECT_TRUE(ValidateAgreementDraft(AgreementDraft{"协议", {Money(0, 1)}}, 1, 1, absl::CivilDay(2026, 6, 1)).empty());
  EXPECT_TRUE(ValidateAgreementDraft(AgreementDraft{"协议", {}}, 1, 1, absl::CivilDay(2026, 6, 1)).Has("obligations"));
}

TEST(CaseClosing, FileRefuseAndCloseFromTheRightStates) {
  EXPECT_EQ(*DecideFiling(S::kReceived), S::kFiled);
  EXPECT_EQ(ReasonOf(DecideFiling(S::kFiled).status()), "INVALID_STATE");
  EXPECT_EQ(*DecideAcceptanceRefusal(S::kReceived, "不属于本委管辖"), S::kNotAccepted);
  EXPECT_EQ(DecideAcceptanceRefusal(S::kReceived, "").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(*DecideClosing(S::kFiled, ClosingManner::kAward, ""), S::kClosed);
  EXPECT_EQ(ReasonOf(DecideClosing(S::kInMediation, ClosingManner::kAward, "").status()), "INVALID_STATE");
  EXPECT_EQ(FieldsOf(DecideClosing(S::kFiled, ClosingManner::kUnspecified, "").status()).at(0).field, "manner");
}

TEST(DocumentNumberTemplate, PutsTheDocumentsWordInPlaceOfTheCaseWord) {
  EXPECT_EQ(DocumentNumberTemplate("鄂武劳人仲案字〔{year}〕第{seq}号", kAgreementWord),
            "鄂武劳人仲调协字〔{year}〕第{seq}号");
  EXPECT_EQ(DocumentNumberTemplate("宜劳仲〔{year}〕{seq}号", kReplyLetterWord), "宜劳仲委调复字〔{year}〕{seq}号");
  EXPECT_EQ(DocumentNumberTemplate("X-{seq}", kAgreementWord), "X-{seq}调协字〔{year}〕第{seq}号");
}

TEST(DocumentRendering, IsStableAndMasksIdentityNumbers) {
  CaseRecord c;
  c.case_number = "鄂武劳人仲案字〔2026〕第3号";
  Party worker;
  worker.name = "赵某";
  worker.resident_id_number = "420106199001011234";
  c.content.applicants = {worker};
  Party employer;
  employer.name = "武汉某公司";
  employer.unified_social_credit_code = "91420100MA4K0000X1";
  c.content.respondents = {employer};
  Agreement a = Effective({Money(0, 123456)});
  a.terms = "分两期支付";
  a.total_fen = 123456;
  a.effective_time = absl::FromUnixSeconds(1'780'000'000);
  const std::string text = RenderAgreement(c, a, "武汉市调解室");
  EXPECT_EQ(text, RenderAgreement(c, a, "武汉市调解室"));
  EXPECT_NE(text.find("420106********1234"), std::string::npos) << text;
  EXPECT_EQ(text.find("420106199001011234"), std::string::npos);
  EXPECT_NE(text.find("1234.56 元"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
}

TEST(ArbitralReview, ApplicationWithinTheWindowAndNeverForALaborRelationship) {
  const absl::CivilDay due(2026, 12, 16);
  const std::vector<DisputeType> wages = {DisputeType::kRemunerationCompensation};
  EXPECT_EQ(*DecideReviewApplication(S::kAgreementEffective, wages, false, due, due), S::kUnderReview);
  EXPECT_EQ(ReasonOf(DecideReviewApplication(S::kAgreementEffective, wages, false, due, due + 1).status()),
            "REVIEW_WINDOW_PASSED");
  EXPECT_EQ(ReasonOf(DecideReviewApplication(S::kAgreementEffective, {DisputeType::kLaborRelationshipConfirmation},
                                             false, due, due)
                         .status()),
            "LABOR_RELATIONSHIP_CONFIRMATION");
  EXPECT_EQ(ReasonOf(DecideReviewApplication(S::kAgreementEffective, wages, true, due, due).status()),
            "LABOR_RELATIONSHIP_CONFIRMATION") << "a contested labor relationship also bars review";
  EXPECT_EQ(ReasonOf(DecideReviewApplication(S::kInMediation, wages, false, due, due).status()), "INVALID_STATE");
  const DeadlinePolicy policy;
  EXPECT_EQ(ReviewApplicationRule(policy).length, 15);
  EXPECT_EQ(ReviewApplicationRule(policy).kind, PeriodKind::kCalendarDays);
  EXPECT_EQ(ReviewPeriodRule(policy).length, 5);
  EXPECT_EQ(ReviewPeriodRule(policy).kind, PeriodKind::kWorkingDays);
  EXPECT_EQ(ReviewExtensionRule(policy).length, 5);
}

TEST(ArbitralReview, ExtendedOnceRefusedOnAGroundServedOnEveryParty) {
  ArbitralReview review;
  EXPECT_TRUE(DecideReviewExtension(S::kUnderReview, review, "补充材料").ok());
  EXPECT_EQ(FieldsOf(DecideReviewExtension(S::kUnderReview, review, "")).at(0).field, "reason");
  review.extended_due = Deadline{};
  EXPECT_EQ(ReasonOf(DecideReviewExtension(S::kUnderReview, review, "再延")), "REVIEW_ALREADY_EXTENDED");

  EXPECT_EQ(FieldsOf(DecideReviewRefusal(S::kUnderReview, DelegationRoute::kBeforeFiling, ReviewRefusal::kOther, "")
                         .status())
                .at(0)
                .field,
            "note");
  auto refused = DecideReviewRefusal(S::kUnderReview, DelegationRoute::kAfterFiling, ReviewRefusal::kUnclear, "");
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->next, S::kFiled);
  EXPECT_EQ(*DecideDocument(S::kUnderReview), S::kDocumentService);

  const Agreement a = Effective({Money(0, 1000)});
  ArbitralReview served;
  auto first = DecideServiceReceipt(S::kDocumentService, served, "APPLICANT/0", a, 1, 1, {});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->next, S::kDocumentService);
  EXPECT_FALSE(first->success);
  served.receipts.push_back(ServiceReceipt{"APPLICANT/0", false, absl::UnixEpoch(), "回证", "clerk"});
  EXPECT_EQ(ReasonOf(DecideServiceReceipt(S::kDocumentService, served, "APPLICANT/0", a, 1, 1, {}).status()),
            "RECEIPT_RECORDED");
  EXPECT_EQ(FieldsOf(DecideServiceReceipt(S::kDocumentService, served, "MEDIATOR", a, 1, 1, {}).status()).at(0).field,
            "item");
  auto last = DecideServiceReceipt(S::kDocumentService, served, "RESPONDENT/0", a, 1, 1, {});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->next, S::kMediated);
  EXPECT_EQ(last->success, SuccessPath::kArbitralDocument);
  auto refusal = DecideServiceRefusal(S::kDocumentService, DelegationRoute::kBeforeFiling, served, "RESPONDENT/0", 1, 1);
  ASSERT_TRUE(refusal.ok());
  EXPECT_EQ(refusal->next, S::kReceived);
}

}  // namespace
}  // namespace caitiao::domain

#include "services/domain/builtin_calendars.h"
#include "services/domain/deadline.h"

namespace caitiao::domain {
namespace {

// The review periods and an extension of the mediation period, computed with
// the real 2026 calendar (春节 Feb 15-23, make-up Saturdays Feb 14 and 28).
TEST(ReviewDeadlines, CountWorkingDaysAcrossTheSpringFestivalAndRollCalendarDays) {
  const CalendarSet cn = BuiltInCalendars().value();
  const DeadlinePolicy policy;
  // Applied Thu Feb 12: Fri 13, Sat 14 (make-up), Feb 24, 25, 26.
  auto review = ComputeDeadline(absl::CivilDay(2026, 2, 12), ReviewPeriodRule(policy), cn);
  ASSERT_TRUE(review.ok()) << review.status();
  EXPECT_EQ(review->due, absl::CivilDay(2026, 2, 26));
  // Extended from Feb 26 by 5 more: Feb 27, Sat 28 (make-up), Mar 2, 3, 4.
  auto extended = ComputeDeadline(review->due, ReviewExtensionRule(policy), cn);
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->due, absl::CivilDay(2026, 3, 4));
  // The 15-day application window from Feb 5 ends on Feb 20, a holiday: it
  // rolls to the next working day, Tue Feb 24.
  auto window = ComputeDeadline(absl::CivilDay(2026, 2, 5), ReviewApplicationRule(policy), cn);
  ASSERT_TRUE(window.ok());
  EXPECT_EQ(window->due, absl::CivilDay(2026, 2, 24));
  // An agreed 10-day extension of a mediation period due Feb 8 ends Feb 18
  // (a holiday), so on Feb 24.
  auto longer = ComputeDeadline(absl::CivilDay(2026, 2, 8), DeadlineRule{PeriodKind::kCalendarDays, 10, true}, cn);
  ASSERT_TRUE(longer.ok());
  EXPECT_EQ(longer->due, absl::CivilDay(2026, 2, 24));
}

}  // namespace
}  // namespace caitiao::domain
