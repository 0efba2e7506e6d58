#include "services/domain/eligibility.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

testing::AssertionResult Contains(std::string_view text, std::string_view part) {
  if (text.find(part) != std::string_view::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << text << "\" does not contain \"" << part << "\"";
}

std::string_view View(const absl::Status& s) { return {s.message().data(), s.message().size()}; }

const std::vector<DisputeType> kOtherTypes = {
    DisputeType::kLaborContract, DisputeType::kRemovalDismissalResignation,
    DisputeType::kHoursLeaveInsuranceWelfare, DisputeType::kRemunerationCompensation,
    DisputeType::kOther};

absl::Time At(int day) {
  return absl::FromCivil(absl::CivilSecond(2026, 3, day, 10, 0, 0), absl::UTCTimeZone());
}

Consent Agreed(std::string id, PartySide side, int day) {
  Consent c;
  c.party_id = std::move(id);
  c.side = side;
  c.given = At(day);
  c.form = ConsentForm::kWritten;
  c.evidence_ref = "doc-1";
  return c;
}

Consent Withdrawn(std::string id, PartySide side, int day, int withdrawn_day) {
  Consent c = Agreed(std::move(id), side, day);
  c.withdrawn = At(withdrawn_day);
  return c;
}

StaffDetermination Yes(std::string why = "") { return {true, std::move(why)}; }
StaffDetermination No(std::string why) { return {false, std::move(why)}; }

// An input on which every criterion passes and no warning is raised.
EligibilityInput Eligible() {
  EligibilityInput in;
  in.within_scope = Yes();
  in.acceptance_dispute_type = Yes();
  in.acceptance_clear_claim = Yes();
  in.acceptance_parties = Yes();
  in.acceptance_jurisdiction = Yes();
  in.suitable_for_mediation = Yes("wage arrears with a payroll record; both sides want to settle");
  in.claim_types = {DisputeType::kRemunerationCompensation};
  in.consent = SummarizeConsent(
      {"a1"}, {"r1"},
      {Agreed("a1", PartySide::kApplicant, 1), Agreed("r1", PartySide::kRespondent, 2)});
  in.infringement_date = CivilDay(2026, 1, 10);
  in.today = CivilDay(2026, 3, 2);
  return in;
}

std::vector<std::string> Codes(const std::vector<Criterion>& criteria, bool failed_only) {
  std::vector<std::string> out;
  for (const Criterion& c : criteria) {
    if (!failed_only || !c.passed) out.push_back(c.code);
  }
  return out;
}

std::vector<std::string> WarningCodes(const EligibilityResult& r) {
  std::vector<std::string> out;
  for (const Warning& w : r.warnings) out.push_back(w.code);
  return out;
}

const Criterion& Find(const EligibilityResult& r, std::string_view code) {
  for (const Criterion& c : r.criteria) {
    if (c.code == code) return c;
  }
  ADD_FAILURE() << code << " not reported";
  static const Criterion kNone;
  return kNone;
}

std::string Names(const std::vector<DisputeType>& types) {
  std::vector<std::string> names;
  for (DisputeType t : types) names.push_back(DisputeTypeName(t));
  return absl::StrCat("[", absl::StrJoin(names, ","), "]");
}

// ---- criterion 5: CheckLaborRelationshipExclusion ----

TEST(EligibilityTest, LaborRelationshipExclusion_EveryCombination) {
  struct ClaimSet {
    std::vector<DisputeType> types;
    bool has_confirmation;
  };
  std::vector<ClaimSet> sets = {
      {{}, false},
      {{DisputeType::kLaborRelationshipConfirmation}, true},
      {kOtherTypes, false},
      {{DisputeType::kUnspecified}, false},
  };
  for (DisputeType t : kOtherTypes) {
    sets.push_back({{t}, false});
    sets.push_back({{DisputeType::kLaborRelationshipConfirmation, t}, true});
    sets.push_back({{t, DisputeType::kLaborRelationshipConfirmation}, true});
  }
  for (const ClaimSet& set : sets) {
    for (bool contested : {false, true}) {
      SCOPED_TRACE(absl::StrCat(Names(set.types), contested ? " contested" : " not contested"));
      const absl::Status s = CheckLaborRelationshipExclusion(set.types, contested);
      if (!set.has_confirmation && !contested) {
        EXPECT_TRUE(s.ok()) << s;
        continue;
      }
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_EQ(ReasonOf(s), "LABOR_RELATIONSHIP_CONFIRMATION");
      EXPECT_EQ(View(s).find("to confirm a labor relationship") != std::string_view::npos,
                set.has_confirmation)
          << s.message();
      EXPECT_EQ(View(s).find("the respondent contests") != std::string_view::npos, contested)
          << s.message();
    }
  }
}

TEST(EligibilityTest, LaborRelationshipExclusion_NamesTheClaims) {
  const absl::Status s = CheckLaborRelationshipExclusion(
      {DisputeType::kLaborRelationshipConfirmation, DisputeType::kLaborContract,
       DisputeType::kLaborRelationshipConfirmation},
      false);
  EXPECT_TRUE(Contains(View(s), "claims 1, 3 of 3 ask to confirm a labor relationship"));
  EXPECT_TRUE(Contains(View(s), "the Rules Art. 75(4)"));
  EXPECT_TRUE(Contains(
      View(CheckLaborRelationshipExclusion(
          {DisputeType::kLaborContract, DisputeType::kLaborRelationshipConfirmation}, true)),
      "claim 2 of 2 asks to confirm a labor relationship and the respondent contests"));
}

// ---- criterion 4: SummarizeConsent ----

TEST(EligibilityTest, SummarizeConsent_Table) {
  const PartySide A = PartySide::kApplicant;
  const PartySide R = PartySide::kRespondent;
  struct Case {
    const char* name;
    std::vector<std::string> applicants;
    std::vector<std::string> respondents;
    std::vector<Consent> consents;
    bool applicants_all;
    bool respondents_all;
    bool any_withdrawn;
    std::string explanation;
  };
  const std::vector<Case> cases = {
      {"all present",
       {"a1"},
       {"r1"},
       {Agreed("a1", A, 1), Agreed("r1", R, 2)},
       true,
       true,
       false,
       "all 1 applicant and 1 respondent consent"},
      {"several on each side, all present",
       {"a1", "a2"},
       {"r1", "r2"},
       {Agreed("r2", R, 1), Agreed("a2", A, 2), Agreed("a1", A, 3), Agreed("r1", R, 4)},
       true,
       true,
       false,
       "all 2 applicants and 2 respondents consent"},
      {"missing applicant",
       {"a1"},
       {"r1"},
       {Agreed("r1", R, 2)},
       false,
       true,
       false,
       "no consent from applicant a1"},
      {"missing respondent",
       {"a1"},
       {"r1"},
       {Agreed("a1", A, 1)},
       true,
       false,
       false,
       "no consent from respondent r1"},
      {"nobody consented",
       {"a1"},
       {"r1"},
       {},
       false,
       false,
       false,
       "no consent from applicant a1, respondent r1"},
      {"multiple applicants, one lacks consent",
       {"a1", "a2", "a3"},
       {"r1"},
       {Agreed("a1", A, 1), Agreed("a3", A, 1), Agreed("r1", R, 2)},
       false,
       true,
       false,
       "no consent from applicant a2"},
      {"applicant withdrew",
       {"a1"},
       {"r1"},
       {Withdrawn("a1", A, 1, 5), Agreed("r1", R, 2)},
       false,
       true,
       true,
       "consent withdrawn by applicant a1"},
      {"respondent withdrew, another applicant missing",
       {"a1", "a2"},
       {"r1"},
       {Agreed("a1", A, 1), Withdrawn("r1", R, 2, 3)},
       false,
       false,
       true,
       "no consent from applicant a2; consent withdrawn by respondent r1"},
      {"consented again after withdrawing",
       {"a1"},
       {"r1"},
       {Withdrawn("a1", A, 1, 2), Agreed("a1", A, 4), Agreed("r1", R, 2)},
       true,
       true,
       false,
       "all 1 applicant and 1 respondent consent"},
      {"the latest record decides, wherever it is listed",
       {"a1"},
       {"r1"},
       {Withdrawn("a1", A, 6, 7), Agreed("a1", A, 4), Agreed("r1", R, 2)},
       false,
       true,
       true,
       "consent withdrawn by applicant a1"},
      {"consent on the wrong side does not count",
       {"a1"},
       {"r1"},
       {Agreed("a1", A, 1), Agreed("r1", A, 2)},
       true,
       false,
       false,
       "no consent from respondent r1"},
      {"consents of other parties are ignored",
       {"a1"},
       {"r1"},
       {Agreed("a1", A, 1), Agreed("r1", R, 2), Withdrawn("x9", R, 1, 2)},
       true,
       true,
       false,
       "all 1 applicant and 1 respondent consent"},
      {"no respondent listed",
       {"a1"},
       {},
       {Agreed("a1", A, 1)},
       true,
       false,
       false,
       "no respondent is listed"},
      {"no parties listed",
       {},
       {},
       {},
       false,
       false,
       false,
       "no applicant is listed; no respondent is listed"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const ConsentSummary s = SummarizeConsent(c.applicants, c.respondents, c.consents);
    EXPECT_EQ(s.applicants_all, c.applicants_all);
    EXPECT_EQ(s.respondents_all, c.respondents_all);
    EXPECT_EQ(s.any_withdrawn, c.any_withdrawn);
    EXPECT_EQ(s.explanation, c.explanation);
  }
}

TEST(EligibilityTest, ValidateConsent_ReportsEachMissingPart) {
  EXPECT_TRUE(ValidateConsent(Agreed("a1", PartySide::kApplicant, 1)).empty());
  EXPECT_TRUE(ValidateConsent(Withdrawn("a1", PartySide::kApplicant, 1, 1)).empty());

  std::vector<std::string> fields;
  const FieldViolations empty = ValidateConsent(Consent{});
  for (const FieldViolation& v : empty.items()) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"party_id", "side", "form", "evidence_ref"}));

  const FieldViolations early = ValidateConsent(Withdrawn("a1", PartySide::kApplicant, 5, 4));
  ASSERT_EQ(early.items().size(), 1u);
  EXPECT_EQ(early.items()[0].field, "withdrawn");
}

// ---- AssessEligibility ----

TEST(EligibilityTest, Assess_AllPassInTheFixedOrder) {
  const EligibilityResult r = AssessEligibility(Eligible()).value();
  EXPECT_TRUE(r.eligible);
  EXPECT_EQ(Codes(r.criteria, false),
            (std::vector<std::string>{
                "WITHIN_ARBITRATION_SCOPE", "ACCEPTANCE_DISPUTE_TYPE", "ACCEPTANCE_CLEAR_CLAIM",
                "ACCEPTANCE_PARTIES", "ACCEPTANCE_JURISDICTION", "SUITABLE_FOR_MEDIATION",
                "BOTH_PARTIES_CONSENT", "NOT_LABOR_RELATIONSHIP_CONFIRMATION"}));
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(Find(r, kSuitableForMediation).explanation,
            "wage arrears with a payroll record; both sides want to settle");
  EXPECT_EQ(Find(r, kBothPartiesConsent).explanation, "all 1 applicant and 1 respondent consent");
  EXPECT_TRUE(CheckDelegable(r).ok());
}

TEST(EligibilityTest, Assess_EachFailedCriterionCarriesItsExplanation) {
  struct Case {
    const char* code;
    void (*spoil)(EligibilityInput&);
    std::string explanation;
  };
  const std::vector<Case> cases = {
      {kWithinArbitrationScope,
       [](EligibilityInput& in) { in.within_scope = No("a civil loan, not a labor dispute"); },
       "a civil loan, not a labor dispute"},
      {kAcceptanceDisputeType,
       [](EligibilityInput& in) {
         in.acceptance_dispute_type = No("a social-insurance registration matter");
       },
       "a social-insurance registration matter"},
      {kAcceptanceClearClaim,
       [](EligibilityInput& in) { in.acceptance_clear_claim = No("no amount or facts stated"); },
       "no amount or facts stated"},
      {kAcceptanceParties,
       [](EligibilityInput& in) {
         in.acceptance_parties = No("the employer cannot be identified");
       },
       "the employer cannot be identified"},
      {kAcceptanceJurisdiction,
       [](EligibilityInput& in) { in.acceptance_jurisdiction = No("the workplace is in Hunan"); },
       "the workplace is in Hunan"},
      {kSuitableForMediation,
       [](EligibilityInput& in) {
         in.suitable_for_mediation = No("the employer refuses any contact");
       },
       "the employer refuses any contact"},
      {kBothPartiesConsent,
       [](EligibilityInput& in) {
         in.consent = SummarizeConsent({"a1"}, {"r1"}, {Agreed("a1", PartySide::kApplicant, 1)});
       },
       "no consent from respondent r1"},
      {kNotLaborRelationshipConfirmation,
       [](EligibilityInput& in) { in.respondent_contests_labor_relationship = true; },
       "the respondent contests that a labor relationship exists"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    EligibilityInput in = Eligible();
    c.spoil(in);
    const EligibilityResult r = AssessEligibility(in).value();
    EXPECT_FALSE(r.eligible);
    EXPECT_EQ(Codes(r.criteria, true), std::vector<std::string>{c.code});
    EXPECT_EQ(r.criteria.size(), 8u);
    EXPECT_TRUE(Contains(Find(r, c.code).explanation, c.explanation));
  }
}

TEST(EligibilityTest, Assess_ConsentSummaryWithoutExplanationStillFails) {
  EligibilityInput in = Eligible();
  in.consent = ConsentSummary{};
  const EligibilityResult r = AssessEligibility(in).value();
  EXPECT_FALSE(Find(r, kBothPartiesConsent).passed);
  EXPECT_EQ(Find(r, kBothPartiesConsent).explanation, "consent is missing");
}

TEST(EligibilityTest, Assess_RequiresExplanationsForFailuresAndForSuitability) {
  EligibilityInput in = Eligible();
  in.within_scope = No("");
  in.acceptance_dispute_type = No(" ");
  in.acceptance_clear_claim = No("");
  in.acceptance_parties = No("");
  in.acceptance_jurisdiction = No("\t");
  in.suitable_for_mediation = Yes("");
  in.infringement_date = CivilDay(2026, 3, 3);
  in.other_open_cases_same_parties = -1;
  const absl::StatusOr<EligibilityResult> r = AssessEligibility(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldsOf(r.status())) fields.push_back(v.field);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "within_arbitration_scope.explanation", "acceptance_dispute_type.explanation",
                        "acceptance_clear_claim.explanation", "acceptance_parties.explanation",
                        "acceptance_jurisdiction.explanation", "suitable_for_mediation.explanation",
                        "infringement_date", "other_open_cases_same_parties"}));
}

TEST(EligibilityTest, Assess_SuitabilityNeedsAReasonEvenWhenItFails) {
  EligibilityInput in = Eligible();
  in.suitable_for_mediation = No("");
  const absl::StatusOr<EligibilityResult> r = AssessEligibility(in);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(FieldsOf(r.status()).size(), 1u);
  EXPECT_EQ(FieldsOf(r.status())[0].field, "suitable_for_mediation.explanation");
}

TEST(EligibilityTest, Assess_PassedStaffDeterminationsNeedNoExplanation) {
  const EligibilityResult r = AssessEligibility(Eligible()).value();
  EXPECT_EQ(Find(r, kWithinArbitrationScope).explanation, "determined by staff");
}

// ---- warnings ----

TEST(EligibilityTest, LimitationWarning_AfterExactlyOneYear) {
  struct Case {
    CivilDay infringement;
    CivilDay today;
    bool warned;
  };
  const std::vector<Case> cases = {
      {CivilDay(2025, 3, 10), CivilDay(2026, 3, 9), false},
      {CivilDay(2025, 3, 10), CivilDay(2026, 3, 10), false},  // exactly 1 year: last day
      {CivilDay(2025, 3, 10), CivilDay(2026, 3, 11), true},   // 1 year + 1 day
      {CivilDay(2025, 3, 10), CivilDay(2025, 3, 10), false},  // same day
      // Across a leap day: 2027-03-01 .. 2028-03-01 is 366 days, still in time.
      {CivilDay(2027, 3, 1), CivilDay(2028, 3, 1), false},
      {CivilDay(2027, 3, 1), CivilDay(2028, 3, 2), true},
      {CivilDay(2027, 2, 28), CivilDay(2028, 2, 28), false},
      {CivilDay(2027, 2, 28), CivilDay(2028, 2, 29), true},
      // From a leap day: no 29 Feb next year, so the period ends on 28 Feb.
      {CivilDay(2028, 2, 29), CivilDay(2029, 2, 28), false},
      {CivilDay(2028, 2, 29), CivilDay(2029, 3, 1), true},
      // Over the year end.
      {CivilDay(2025, 12, 31), CivilDay(2026, 12, 31), false},
      {CivilDay(2025, 12, 31), CivilDay(2027, 1, 1), true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(absl::FormatCivilTime(c.infringement), " -> ",
                              absl::FormatCivilTime(c.today)));
    EligibilityInput in = Eligible();
    in.infringement_date = c.infringement;
    in.today = c.today;
    const EligibilityResult r = AssessEligibility(in).value();
    EXPECT_EQ(WarningCodes(r), c.warned ? std::vector<std::string>{kLimitationPeriodMayHaveExpired}
                                        : std::vector<std::string>{});
    EXPECT_TRUE(r.eligible) << "a warning never blocks";
  }
}

TEST(EligibilityTest, LimitationWarning_SaysWhenThePeriodEnded) {
  EligibilityInput in = Eligible();
  in.infringement_date = CivilDay(2028, 2, 29);
  in.today = CivilDay(2029, 6, 1);
  const EligibilityResult r = AssessEligibility(in).value();
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_TRUE(Contains(r.warnings[0].text, "counted from 2028-02-29 ended on 2029-02-28"));
  EXPECT_TRUE(Contains(r.warnings[0].text, "the Law Art. 27"));
}

TEST(EligibilityTest, LimitationWarning_NoneWithoutAnInfringementDate) {
  EligibilityInput in = Eligible();
  in.infringement_date.reset();
  in.today = CivilDay(2040, 1, 1);
  EXPECT_TRUE(AssessEligibility(in).value().warnings.empty());
}

TEST(EligibilityTest, OtherOpenCaseWarning) {
  EligibilityInput in = Eligible();
  in.other_open_cases_same_parties = 1;
  EligibilityResult r = AssessEligibility(in).value();
  ASSERT_EQ(WarningCodes(r), std::vector<std::string>{kOtherOpenCaseSameParties});
  EXPECT_TRUE(Contains(r.warnings[0].text, "1 other open case between the same parties"));
  EXPECT_TRUE(r.eligible);

  in.other_open_cases_same_parties = 2;
  in.infringement_date = CivilDay(2024, 1, 1);
  r = AssessEligibility(in).value();
  EXPECT_EQ(WarningCodes(r),
            (std::vector<std::string>{kLimitationPeriodMayHaveExpired, kOtherOpenCaseSameParties}));
  EXPECT_TRUE(Contains(r.warnings[1].text, "2 other open cases"));
}

// ---- CheckDelegable ----

TEST(EligibilityTest, CheckDelegable_ReasonPrecedence) {
  struct Case {
    const char* name;
    void (*spoil)(EligibilityInput&);
    std::string reason;
    std::string failed;
  };
  const std::vector<Case> cases = {
      {"labor relationship alone",
       [](EligibilityInput& in) {
         in.claim_types.push_back(DisputeType::kLaborRelationshipConfirmation);
       },
       "LABOR_RELATIONSHIP_CONFIRMATION", "NOT_LABOR_RELATIONSHIP_CONFIRMATION"},
      {"labor relationship beats consent and the rest",
       [](EligibilityInput& in) {
         in.respondent_contests_labor_relationship = true;
         in.consent = SummarizeConsent({"a1"}, {"r1"}, {});
         in.acceptance_jurisdiction = No("elsewhere");
       },
       "LABOR_RELATIONSHIP_CONFIRMATION",
       "ACCEPTANCE_JURISDICTION, BOTH_PARTIES_CONSENT, NOT_LABOR_RELATIONSHIP_CONFIRMATION"},
      {"consent alone",
       [](EligibilityInput& in) { in.consent = SummarizeConsent({"a1"}, {"r1"}, {}); },
       "CONSENT_MISSING", "BOTH_PARTIES_CONSENT"},
      {"consent beats staff determinations",
       [](EligibilityInput& in) {
         in.consent =
             SummarizeConsent({"a1"}, {"r1"}, {Withdrawn("r1", PartySide::kRespondent, 1, 2)});
         in.within_scope = No("not a labor dispute");
       },
       "CONSENT_MISSING", "WITHIN_ARBITRATION_SCOPE, BOTH_PARTIES_CONSENT"},
      {"staff determinations only",
       [](EligibilityInput& in) {
         in.within_scope = No("not a labor dispute");
         in.suitable_for_mediation = No("hostile parties");
       },
       "NOT_ELIGIBLE", "WITHIN_ARBITRATION_SCOPE, SUITABLE_FOR_MEDIATION"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EligibilityInput in = Eligible();
    c.spoil(in);
    const absl::Status s = CheckDelegable(AssessEligibility(in).value());
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(s), c.reason);
    EXPECT_TRUE(Contains(View(s), absl::StrCat("failed criteria: ", c.failed)));
  }
}

TEST(EligibilityTest, CheckDelegable_TrustsCriteriaNotTheFlag) {
  EligibilityResult r = AssessEligibility(Eligible()).value();
  r.criteria[7].passed = false;  // NOT_LABOR_RELATIONSHIP_CONFIRMATION
  r.eligible = true;
  EXPECT_EQ(ReasonOf(CheckDelegable(r)), "LABOR_RELATIONSHIP_CONFIRMATION");

  const absl::Status empty = CheckDelegable(EligibilityResult{});
  EXPECT_EQ(ReasonOf(empty), "NOT_ELIGIBLE");
  EXPECT_TRUE(Contains(View(empty), "WITHIN_ARBITRATION_SCOPE (not assessed)"));

  r = AssessEligibility(Eligible()).value();
  r.criteria.pop_back();
  EXPECT_TRUE(
      Contains(View(CheckDelegable(r)), "NOT_LABOR_RELATIONSHIP_CONFIRMATION (not assessed)"));
}

TEST(EligibilityTest, Names_AreStable) {
  EXPECT_STREQ(PartySideName(PartySide::kApplicant), "APPLICANT");
  EXPECT_STREQ(PartySideName(PartySide::kRespondent), "RESPONDENT");
  EXPECT_STREQ(ConsentFormName(ConsentForm::kWritten), "WRITTEN");
  EXPECT_STREQ(ConsentFormName(ConsentForm::kOralOnRecord), "ORAL_ON_RECORD");
  EXPECT_STREQ(ConsentFormName(ConsentForm::kElectronic), "ELECTRONIC");
}

}  // namespace
TEST(EligibilityTest, ContestClearing_NeedsReasonAndEvidenceOnlyWhenClearing) {
  EXPECT_TRUE(CheckContestClearing(false, false, "", "").empty());
  EXPECT_TRUE(CheckContestClearing(true, true, "", "").empty()) << "still contested: nothing to clear";
  const FieldViolations silent = CheckContestClearing(true, false, "", "");
  EXPECT_TRUE(silent.Has("contest_cleared_reason"));
  EXPECT_TRUE(silent.Has("contest_cleared_evidence_ref"));
  EXPECT_TRUE(CheckContestClearing(true, false, "被申请人确认劳动关系", "确认书-1").empty());
  const FieldViolations stray = CheckContestClearing(false, false, "理由", "");
  EXPECT_TRUE(stray.Has("contest_cleared_reason"));
  EXPECT_FALSE(stray.Has("contest_cleared_evidence_ref"));
}

}  // namespace caitiao::domain
