#include "services/domain/case_validation.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/case_types.h"
#include "services/domain/identity_numbers.h"

namespace caitiao::domain {
namespace {

// GB 11643-1999's worked example and the GB 32100 sample code: both valid.
constexpr std::string_view kResidentId = "11010519491231002X";
constexpr std::string_view kCreditCode = "91350100M000100Y43";
constexpr std::string_view kMobile = "13800138000";

testing::AssertionResult HasSubstr(const std::optional<std::string>& text, std::string_view part) {
  if (!text)
    return testing::AssertionFailure() << "no problem reported, expected \"" << part << "\"";
  if (text->find(part) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << *text << "\" does not contain \"" << part << "\"";
}

std::vector<std::string> Fields(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& item : v.items()) out.push_back(item.field);
  return out;
}

// The single description for `field`, or nullopt; fails the test if the
// field is reported more than once.
std::optional<std::string> Problem(const FieldViolations& v, std::string_view field) {
  std::optional<std::string> found;
  for (const FieldViolation& item : v.items()) {
    if (item.field != field) continue;
    EXPECT_FALSE(found) << field << " reported twice";
    found = item.description;
  }
  return found;
}

std::string Repeat(std::string_view unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

Agent ValidAgent() {
  return Agent{.name = "李律师", .kind = AgentKind::kLawyer, .phone = "027-87654321"};
}

Party ValidWorker() {
  Party p;
  p.kind = PartyKind::kWorker;
  p.name = "张三";
  p.resident_id_number = std::string(kResidentId);
  p.phone = std::string(kMobile);
  p.address = "湖北省武汉市江岸区某某路1号";
  return p;
}

Party ValidEmployer() {
  Party p;
  p.kind = PartyKind::kEmployer;
  p.name = "武汉某某科技有限公司";
  p.unified_social_credit_code = std::string(kCreditCode);
  p.phone = "027-87654321";
  return p;
}

Claim ValidClaim() {
  return Claim{.dispute_type = DisputeType::kRemunerationCompensation,
               .description = "请求裁决被申请人支付拖欠工资",
               .amount_fen = 1'234'500};
}

const absl::CivilDay kToday(2026, 3, 15);

CaseContent ValidCase() {
  CaseContent c;
  c.applicants = {ValidWorker()};
  c.respondents = {ValidEmployer()};
  c.claims = {ValidClaim()};
  c.facts_and_reasons = "申请人于2020年入职被申请人处。\n被申请人拖欠工资三个月。";
  c.application_date = absl::CivilDay(2026, 3, 1);
  return c;
}

// ---- whole case ----

TEST(CaseValidationTest, ValidCase_HasNoViolations) {
  FieldViolations v = ValidateCaseContent(ValidCase(), kToday);
  EXPECT_TRUE(v.empty()) << v.items()[0].field << ": " << v.items()[0].description;
}

TEST(CaseValidationTest, EmptyCase_ReportsEachRequiredFieldOnce) {
  FieldViolations v = ValidateCaseContent(CaseContent{}, kToday);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"applicants", "respondents", "claims",
                                                 "facts_and_reasons", "application_date"}));
  EXPECT_EQ(Problem(v, "applicants"), "at least one applicant is required");
  EXPECT_EQ(Problem(v, "respondents"), "at least one respondent is required");
  EXPECT_EQ(Problem(v, "claims"), "at least one claim is required");
  EXPECT_EQ(Problem(v, "facts_and_reasons"), "is required");
}

// The n-th of many distinct workers and employers (a person is named once).
Party NthWorker(int n) {
  Party p = ValidWorker();
  const std::string first17 = absl::StrCat("1101011990010", 1 + n / 1000, absl::StrFormat("%03d", n % 1000));
  p.resident_id_number = first17 + ResidentIdCheckCharacter(first17);
  return p;
}
Party NthEmployer(int n) {
  Party p = ValidEmployer();
  const std::string first17 = absl::StrCat("91110000", absl::StrFormat("%09d", n));
  p.unified_social_credit_code = first17 + UnifiedSocialCreditCheckCharacter(first17);
  return p;
}

TEST(CaseValidationTest, Parties_LimitedPerSide) {
  CaseContent c = ValidCase();
  c.applicants.clear();
  c.respondents.clear();
  for (size_t i = 0; i < kMaxPartiesPerSide; ++i) {
    c.applicants.push_back(NthWorker(static_cast<int>(i)));
    c.respondents.push_back(NthEmployer(static_cast<int>(i)));
  }
  EXPECT_TRUE(ValidateCaseContent(c, kToday).empty()) << ValidateCaseContent(c, kToday).ToStatus();

  c.applicants.push_back(NthWorker(static_cast<int>(kMaxPartiesPerSide)));
  c.respondents.push_back(NthEmployer(static_cast<int>(kMaxPartiesPerSide)));
  FieldViolations v = ValidateCaseContent(c, kToday);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"applicants", "respondents"}));
  EXPECT_EQ(Problem(v, "applicants"), "at most 1000 applicants are allowed, got 1001");
}

TEST(CaseValidationTest, People_NamedOnceAndBornInThePast) {
  CaseContent c = ValidCase();
  c.applicants = {NthWorker(1), NthWorker(2), NthWorker(1)};
  Party worker_as_respondent = NthWorker(2);
  worker_as_respondent.kind = PartyKind::kOther;
  c.respondents = {NthEmployer(1), worker_as_respondent, NthEmployer(1)};
  FieldViolations v = ValidateCaseContent(c, kToday);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"applicants[2].resident_id_number", "respondents[1].resident_id_number",
                                                 "respondents[2].unified_social_credit_code"}));
  EXPECT_EQ(Problem(v, "respondents[1].resident_id_number"),
            "the same person as applicants[1]: a person is named once in a case");

  CaseContent unborn = ValidCase();
  const std::string first17 = absl::StrCat("110101", absl::FormatCivilTime(kToday + 1).substr(0, 4),
                                           absl::FormatCivilTime(kToday + 1).substr(5, 2),
                                           absl::FormatCivilTime(kToday + 1).substr(8, 2), "123");
  unborn.applicants[0].resident_id_number = first17 + ResidentIdCheckCharacter(first17);
  EXPECT_EQ(Fields(ValidateCaseContent(unborn, kToday)),
            std::vector<std::string>{"applicants[0].resident_id_number"});
  EXPECT_EQ(Problem(ValidateCaseContent(unborn, kToday), "applicants[0].resident_id_number"),
            "its birth date (digits 7-14) is in the future; check the number");
  EXPECT_TRUE(ValidateCaseContent(unborn, kToday + 1).empty()) << "born today is fine";
}

TEST(CaseValidationTest, Claims_LimitedToMaximum) {
  CaseContent c = ValidCase();
  c.claims.assign(kMaxClaims, ValidClaim());
  EXPECT_TRUE(ValidateCaseContent(c, kToday).empty());
  c.claims.push_back(ValidClaim());
  EXPECT_EQ(Problem(ValidateCaseContent(c, kToday), "claims"),
            "at most 100 claims are allowed, got 101");
}

TEST(CaseValidationTest, NestedFieldPaths_NameTheExactElement) {
  CaseContent c = ValidCase();
  c.applicants.push_back(ValidWorker());
  c.applicants[1].agents = {ValidAgent()};
  c.applicants[1].agents[0].phone = "12345";
  c.applicants[0].resident_id_number = "110105194912310025";
  c.respondents[0].unified_social_credit_code = "91350100M000100Y44";
  c.claims = {ValidClaim(), ValidClaim(), ValidClaim()};
  c.claims[2].amount_fen = -1;
  FieldViolations v = ValidateCaseContent(c, kToday);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{
                           "applicants[0].resident_id_number", "applicants[1].agents[0].phone",
                           "respondents[0].unified_social_credit_code", "claims[2].amount_fen"}));
  EXPECT_TRUE(HasSubstr(Problem(v, "applicants[0].resident_id_number"),
                        "check character should be X, not 5"));
}

TEST(CaseValidationTest, FactsAndReasons_MultiLineUpToLimit) {
  CaseContent c = ValidCase();
  c.facts_and_reasons = "第一段\r\n\t第二段";
  EXPECT_TRUE(ValidateCaseContent(c, kToday).empty());

  c.facts_and_reasons = Repeat("事", kMaxFactsChars);
  EXPECT_TRUE(ValidateCaseContent(c, kToday).empty());

  c.facts_and_reasons += "实";
  EXPECT_TRUE(HasSubstr(Problem(ValidateCaseContent(c, kToday), "facts_and_reasons"),
                        "at most 20000 characters, got 20001"));

  c.facts_and_reasons = "\n\xE3\x80\x80 \n";
  EXPECT_TRUE(
      HasSubstr(Problem(ValidateCaseContent(c, kToday), "facts_and_reasons"), "only spaces"));

  c.facts_and_reasons = "事实\x1e理由";
  EXPECT_TRUE(
      HasSubstr(Problem(ValidateCaseContent(c, kToday), "facts_and_reasons"), "control character"));
}

TEST(CaseValidationTest, ApplicationDate_BetweenLaborLawAndToday) {
  struct Case {
    absl::CivilDay date;
    std::string expected;  // empty: valid
  };
  const std::vector<Case> cases = {
      {kToday, ""},
      {kToday - 1, ""},
      {absl::CivilDay(1995, 1, 1), ""},
      {kToday + 1, "must not be in the future (today is 2026-03-15)"},
      {absl::CivilDay(2027, 1, 1), "must not be in the future"},
      {absl::CivilDay(1994, 12, 31), "must be on or after 1995-01-01"},
      {absl::CivilDay(), "must be on or after 1995-01-01"},  // unset: 1970-01-01
  };
  for (const Case& tc : cases) {
    CaseContent c = ValidCase();
    c.application_date = tc.date;
    FieldViolations v = ValidateCaseContent(c, kToday);
    if (tc.expected.empty()) {
      EXPECT_TRUE(v.empty()) << tc.date;
    } else {
      EXPECT_EQ(Fields(v), std::vector<std::string>{"application_date"}) << tc.date;
      EXPECT_TRUE(HasSubstr(Problem(v, "application_date"), tc.expected)) << tc.date;
    }
  }
}

// ---- party kind and identity ----

TEST(CaseValidationTest, Party_ValidWorkerAndEmployerPass) {
  EXPECT_TRUE(ValidateParty(ValidWorker()).empty());
  EXPECT_TRUE(ValidateParty(ValidEmployer()).empty());
}

TEST(CaseValidationTest, Party_RejectsMissingOrUnknownKind) {
  Party p = ValidWorker();
  p.kind = PartyKind::kUnspecified;
  FieldViolations v = ValidateParty(p);
  EXPECT_EQ(Fields(v), std::vector<std::string>{"kind"});
  EXPECT_EQ(Problem(v, "kind"), "is required: must be one of WORKER, EMPLOYER, OTHER");

  p.kind = static_cast<PartyKind>(99);
  v = ValidateParty(p);
  EXPECT_EQ(Fields(v), std::vector<std::string>{"kind"});
  EXPECT_EQ(Problem(v, "kind"), "must be one of WORKER, EMPLOYER, OTHER");

  p.kind = static_cast<PartyKind>(-1);
  EXPECT_EQ(Problem(ValidateParty(p), "kind"), "must be one of WORKER, EMPLOYER, OTHER");
}

TEST(CaseValidationTest, EmptyParty_ReportsEachRequiredFieldOnce) {
  EXPECT_EQ(Fields(ValidateParty(Party{})), (std::vector<std::string>{"kind", "name"}));
  Party worker;
  worker.kind = PartyKind::kWorker;
  EXPECT_EQ(Fields(ValidateParty(worker)),
            (std::vector<std::string>{"name", "resident_id_number"}));
  Party employer;
  employer.kind = PartyKind::kEmployer;
  EXPECT_EQ(Fields(ValidateParty(employer)),
            (std::vector<std::string>{"name", "unified_social_credit_code"}));
  Party other;
  other.kind = PartyKind::kOther;
  EXPECT_EQ(Fields(ValidateParty(other)), std::vector<std::string>{"name"});
}

// Which identity fields each party kind may or must carry. Each row gives
// the identities present and the fields expected to be reported.
TEST(CaseValidationTest, Party_IdentityRulesByKind) {
  struct Case {
    PartyKind kind;
    bool resident_id;
    bool credit_code;
    bool other_document;
    std::vector<std::string> reported;
  };
  const std::vector<Case> cases = {
      {PartyKind::kWorker, true, false, false, {}},
      {PartyKind::kWorker, false, false, true, {}},
      {PartyKind::kWorker, false, false, false, {"resident_id_number"}},
      {PartyKind::kWorker, true, false, true, {"other_identity_document"}},
      {PartyKind::kWorker, true, true, false, {"unified_social_credit_code"}},
      {PartyKind::kEmployer, false, true, false, {}},
      {PartyKind::kEmployer, false, false, false, {"unified_social_credit_code"}},
      {PartyKind::kEmployer, true, true, false, {"resident_id_number"}},
      {PartyKind::kEmployer, false, true, true, {"other_identity_document"}},
      {PartyKind::kOther, false, false, false, {}},
      {PartyKind::kOther, true, false, false, {}},
      {PartyKind::kOther, false, true, false, {}},
      {PartyKind::kOther, false, false, true, {}},
      {PartyKind::kOther, true, true, false, {"unified_social_credit_code"}},
      {PartyKind::kOther, true, false, true, {"other_identity_document"}},
      {PartyKind::kOther,
       true,
       true,
       true,
       {"unified_social_credit_code", "other_identity_document"}},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    Party p;
    p.kind = c.kind;
    p.name = "当事人";
    if (c.resident_id) p.resident_id_number = std::string(kResidentId);
    if (c.credit_code) p.unified_social_credit_code = std::string(kCreditCode);
    if (c.other_document) p.other_identity_document = OtherIdentityDocument{"护照", "E12345678"};
    EXPECT_EQ(Fields(ValidateParty(p)), c.reported) << "row " << i;
  }
}

TEST(CaseValidationTest, Worker_MessagesExplainTheIdentityRule) {
  Party p = ValidWorker();
  p.resident_id_number.clear();
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "resident_id_number"),
                        "is required for a worker, unless another identity document"));
  p = ValidWorker();
  p.other_identity_document = OtherIdentityDocument{"护照", "E12345678"};
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "other_identity_document"), "not both"));
}

TEST(CaseValidationTest, Worker_ChecksResidentIdNumber) {
  Party p = ValidWorker();
  p.resident_id_number = "11010519491231002x";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "resident_id_number"), "upper-case X"));
  p.resident_id_number = "1101051949123100";
  EXPECT_TRUE(
      HasSubstr(Problem(ValidateParty(p), "resident_id_number"), "must be 18 characters, got 16"));
}

TEST(CaseValidationTest, Worker_ChecksOtherIdentityDocument) {
  Party p = ValidWorker();
  p.resident_id_number.clear();
  p.other_identity_document = OtherIdentityDocument{"", ""};
  FieldViolations v = ValidateParty(p);
  EXPECT_EQ(Fields(v), (std::vector<std::string>{"other_identity_document.kind",
                                                 "other_identity_document.number"}));
  p.other_identity_document = OtherIdentityDocument{"港澳居民来往内地通行证", Repeat("1", 51)};
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "other_identity_document.number"),
                        "at most 50 characters"));
}

TEST(CaseValidationTest, Employer_ChecksCreditCode) {
  Party p = ValidEmployer();
  p.unified_social_credit_code = "91350100M000100Y44";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "unified_social_credit_code"),
                        "check character should be 3, not 4"));
  p.unified_social_credit_code = "91350100O000100Y43";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "unified_social_credit_code"), "never use"));
}

TEST(CaseValidationTest, OtherParty_IdentitiesGivenAreStillChecked) {
  Party p;
  p.kind = PartyKind::kOther;
  p.name = "第三人";
  p.resident_id_number = "110105194912310025";
  EXPECT_EQ(Fields(ValidateParty(p)), std::vector<std::string>{"resident_id_number"});
  p.resident_id_number.clear();
  p.unified_social_credit_code = "91350100M000100Y4";
  EXPECT_EQ(Fields(ValidateParty(p)), std::vector<std::string>{"unified_social_credit_code"});
}

// ---- party name, phone, address ----

TEST(CaseValidationTest, Party_NameLengthInCharacters) {
  Party p = ValidWorker();
  p.name = Repeat("张", kMaxNameChars);
  EXPECT_TRUE(ValidateParty(p).empty());
  p.name += "三";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "name"), "at most 100 characters, got 101"));
  p.name = "";
  EXPECT_EQ(Problem(ValidateParty(p), "name"), "is required");
  p.name = "\xE3\x80\x80";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "name"), "only spaces"));
  p.name = "张三\n";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "name"), "single line"));
  p.name = "张\xC0\xAF";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "name"), "UTF-8"));
}

TEST(CaseValidationTest, Party_PhoneOptionalButValidWhenGiven) {
  Party p = ValidWorker();
  for (const char* phone : {"", "13800138000", "+8613800138000", "027-87654321-12"}) {
    p.phone = phone;
    EXPECT_TRUE(ValidateParty(p).empty()) << phone;
  }
  for (const char* phone : {"12800138000", "138001380", "027 87654321", " "}) {
    p.phone = phone;
    EXPECT_EQ(Fields(ValidateParty(p)), std::vector<std::string>{"phone"}) << phone;
  }
}

TEST(CaseValidationTest, Party_AddressOptionalUpToLimit) {
  Party p = ValidWorker();
  p.address = "";
  EXPECT_TRUE(ValidateParty(p).empty());
  p.address = Repeat("址", kMaxAddressChars);
  EXPECT_TRUE(ValidateParty(p).empty());
  p.address += "址";
  EXPECT_TRUE(HasSubstr(Problem(ValidateParty(p), "address"), "at most 200 characters, got 201"));
}

// ---- agents ----

TEST(CaseValidationTest, Agents_OneOrTwoAllowed) {
  Party p = ValidWorker();
  for (size_t n = 0; n <= kMaxAgentsPerParty; ++n) {
    p.agents.assign(n, ValidAgent());
    EXPECT_TRUE(ValidateParty(p).empty()) << n << " agents";
  }
  p.agents.assign(3, ValidAgent());
  FieldViolations v = ValidateParty(p);
  EXPECT_EQ(Fields(v), std::vector<std::string>{"agents"});
  EXPECT_TRUE(HasSubstr(Problem(v, "agents"), "one or two agents (the Law, Art. 24), got 3"));
}

TEST(CaseValidationTest, Agents_EachChecked) {
  Party p = ValidWorker();
  p.agents = {ValidAgent(), ValidAgent()};
  p.agents[0].name = "";
  p.agents[1].kind = AgentKind::kUnspecified;
  p.agents[1].phone = "0271234";
  FieldViolations v = ValidateParty(p);
  EXPECT_EQ(Fields(v),
            (std::vector<std::string>{"agents[0].name", "agents[1].kind", "agents[1].phone"}));
  EXPECT_EQ(Problem(v, "agents[1].kind"),
            "is required: must be one of LAWYER, GRASSROOTS_LEGAL, TRADE_UNION, RELATIVE, "
            "EMPLOYEE, OTHER");

  p.agents = {ValidAgent()};
  p.agents[0].kind = static_cast<AgentKind>(7);
  EXPECT_EQ(Problem(ValidateParty(p), "agents[0].kind"),
            "must be one of LAWYER, GRASSROOTS_LEGAL, TRADE_UNION, RELATIVE, EMPLOYEE, OTHER");
}

TEST(CaseValidationTest, Agents_EveryKnownKindAccepted) {
  Party p = ValidWorker();
  p.agents = {ValidAgent()};
  for (int k = 1; k <= 6; ++k) {
    p.agents[0].kind = static_cast<AgentKind>(k);
    EXPECT_TRUE(ValidateParty(p).empty()) << k;
  }
}

TEST(CaseValidationTest, Agents_PhoneOptional) {
  Party p = ValidWorker();
  p.agents = {ValidAgent()};
  p.agents[0].phone = "";
  EXPECT_TRUE(ValidateParty(p).empty());
}

// ---- claims ----

TEST(CaseValidationTest, Claim_ValidPasses) { EXPECT_TRUE(ValidateClaim(ValidClaim()).empty()); }

TEST(CaseValidationTest, Claim_DisputeTypeMustBeKnown) {
  Claim c = ValidClaim();
  for (int t = 1; t <= 6; ++t) {
    c.dispute_type = static_cast<DisputeType>(t);
    EXPECT_TRUE(ValidateClaim(c).empty()) << t;
  }
  const std::string allowed =
      "must be one of LABOR_RELATIONSHIP_CONFIRMATION, LABOR_CONTRACT, "
      "REMOVAL_DISMISSAL_RESIGNATION, HOURS_LEAVE_INSURANCE_WELFARE, REMUNERATION_COMPENSATION, "
      "OTHER";
  c.dispute_type = DisputeType::kUnspecified;
  EXPECT_EQ(Problem(ValidateClaim(c), "dispute_type"), "is required: " + allowed);
  c.dispute_type = static_cast<DisputeType>(7);
  EXPECT_EQ(Problem(ValidateClaim(c), "dispute_type"), allowed);
}

TEST(CaseValidationTest, Claim_DescriptionRequiredUpToLimit) {
  Claim c = ValidClaim();
  c.description = "";
  EXPECT_EQ(Problem(ValidateClaim(c), "description"), "is required");
  c.description = Repeat("请", kMaxClaimDescriptionChars);
  EXPECT_TRUE(ValidateClaim(c).empty());
  c.description += "求";
  EXPECT_TRUE(
      HasSubstr(Problem(ValidateClaim(c), "description"), "at most 2000 characters, got 2001"));
}

TEST(CaseValidationTest, Claim_AmountWithinBounds) {
  struct Case {
    std::optional<int64_t> fen;
    std::string expected;  // empty: valid
  };
  const std::vector<Case> cases = {
      {std::nullopt, ""},
      {0, ""},
      {1, ""},
      {kMaxAmountFen, ""},
      {-1, "must not be negative"},
      {std::numeric_limits<int64_t>::min(), "must not be negative"},
      {kMaxAmountFen + 1, "must be at most 1000000000000 fen"},
      {std::numeric_limits<int64_t>::max(), "must be at most 1000000000000 fen"},
  };
  for (const Case& tc : cases) {
    Claim c = ValidClaim();
    c.amount_fen = tc.fen;
    FieldViolations v = ValidateClaim(c);
    std::string label = tc.fen ? std::to_string(*tc.fen) : "none";
    if (tc.expected.empty()) {
      EXPECT_TRUE(v.empty()) << label;
    } else {
      EXPECT_EQ(Fields(v), std::vector<std::string>{"amount_fen"}) << label;
      EXPECT_TRUE(HasSubstr(Problem(v, "amount_fen"), tc.expected)) << label;
    }
  }
}

TEST(CaseValidationTest, EmptyClaim_ReportsEachRequiredFieldOnce) {
  EXPECT_EQ(Fields(ValidateClaim(Claim{})),
            (std::vector<std::string>{"dispute_type", "description"}));
}

// ---- descriptions ----

// Every description that a badly filled case can produce.
std::vector<FieldViolation> ManyViolations() {
  CaseContent c = ValidCase();
  Party worker = ValidWorker();
  worker.resident_id_number = "110105194912310025";
  worker.phone = "12800138000";
  worker.name = "\x1f";
  worker.agents = {ValidAgent(), ValidAgent(), ValidAgent()};
  worker.agents[0].phone = "027-876543\x1e";
  worker.agents[1].name = "\xED\xA0\x80";
  Party employer = ValidEmployer();
  employer.unified_social_credit_code = "91350100M000100y43";
  employer.resident_id_number = std::string(kResidentId);
  employer.kind = static_cast<PartyKind>(99);
  c.applicants = {worker, Party{}};
  c.respondents = {employer};
  c.claims = {Claim{
      .dispute_type = static_cast<DisputeType>(42), .description = "a\x1e", .amount_fen = -5}};
  c.facts_and_reasons = "\x1f\x1e";
  c.application_date = kToday + 30;
  FieldViolations v = ValidateCaseContent(c, kToday);
  return v.items();
}

TEST(CaseValidationTest, Descriptions_NeverContainSeparatorCharacters) {
  std::vector<FieldViolation> items = ManyViolations();
  std::vector<std::string> fields;
  for (const FieldViolation& item : items) fields.push_back(item.field);
  // The employer's unknown kind hides its identity checks: its rule is unknown.
  ASSERT_EQ(fields,
            (std::vector<std::string>{
                "applicants[0].name", "applicants[0].resident_id_number", "applicants[0].phone",
                "applicants[0].agents", "applicants[0].agents[0].phone",
                "applicants[0].agents[1].name", "applicants[1].kind", "applicants[1].name",
                "respondents[0].kind", "claims[0].dispute_type", "claims[0].description",
                "claims[0].amount_fen", "facts_and_reasons", "application_date"}));
  for (const FieldViolation& item : items) {
    EXPECT_EQ(item.description.find_first_of("\x1e\x1f"), std::string::npos) << item.field;
    EXPECT_EQ(item.field.find_first_of("\x1e\x1f"), std::string::npos) << item.field;
    EXPECT_FALSE(item.description.empty()) << item.field;
  }
}

TEST(CaseValidationTest, Descriptions_DoNotEchoPersonalData) {
  for (const FieldViolation& item : ManyViolations()) {
    for (std::string_view personal : {"11010519491231", "19491231", "800138", "876543"}) {
      EXPECT_EQ(item.description.find(personal), std::string::npos)
          << item.field << ": " << item.description;
    }
  }
}

// ---- enum names ----

TEST(CaseValidationTest, CaseStateNames_RoundTrip) {
  struct Case {
    CaseState state;
    std::string name;
  };
  const std::vector<Case> cases = {{CaseState::kReceived, "RECEIVED"},
                                   {CaseState::kFiled, "FILED"},
                                   {CaseState::kWithdrawn, "WITHDRAWN"},
                                   {CaseState::kDelegated, "DELEGATED"},
                                   {CaseState::kInMediation, "IN_MEDIATION"},
                                   {CaseState::kAgreementEffective, "AGREEMENT_EFFECTIVE"},
                                   {CaseState::kMediated, "MEDIATED"},
                                   {CaseState::kNotAccepted, "NOT_ACCEPTED"},
                                   {CaseState::kClosed, "CLOSED"},
                                   {CaseState::kUnderReview, "UNDER_REVIEW"},
                                   {CaseState::kDocumentService, "DOCUMENT_SERVICE"}};
  for (const Case& c : cases) {
    EXPECT_EQ(CaseStateName(c.state), c.name);
    EXPECT_EQ(CaseStateFromName(c.name), c.state) << c.name;
  }
  EXPECT_STREQ(CaseStateName(CaseState::kUnspecified), "UNSPECIFIED");
  EXPECT_STREQ(CaseStateName(static_cast<CaseState>(12)), "UNSPECIFIED");
}

TEST(CaseValidationTest, CaseStateFromName_AcceptsOnlyExactNames) {
  for (const char* name : {"UNSPECIFIED", "received", "Filed", "CASE_STATE_FILED", "", "FILED "}) {
    EXPECT_EQ(CaseStateFromName(name), std::nullopt) << name;
  }
}

TEST(CaseValidationTest, DisputeTypeNames_RoundTrip) {
  struct Case {
    DisputeType type;
    std::string name;
  };
  const std::vector<Case> cases = {
      {DisputeType::kLaborRelationshipConfirmation, "LABOR_RELATIONSHIP_CONFIRMATION"},
      {DisputeType::kLaborContract, "LABOR_CONTRACT"},
      {DisputeType::kRemovalDismissalResignation, "REMOVAL_DISMISSAL_RESIGNATION"},
      {DisputeType::kHoursLeaveInsuranceWelfare, "HOURS_LEAVE_INSURANCE_WELFARE"},
      {DisputeType::kRemunerationCompensation, "REMUNERATION_COMPENSATION"},
      {DisputeType::kOther, "OTHER"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(DisputeTypeName(c.type), c.name);
    EXPECT_EQ(DisputeTypeFromName(c.name), c.type) << c.name;
  }
  EXPECT_STREQ(DisputeTypeName(DisputeType::kUnspecified), "UNSPECIFIED");
  EXPECT_STREQ(DisputeTypeName(static_cast<DisputeType>(-3)), "UNSPECIFIED");
}

TEST(CaseValidationTest, DisputeTypeFromName_AcceptsOnlyExactNames) {
  for (const char* name :
       {"UNSPECIFIED", "other", "DISPUTE_TYPE_OTHER", "LABOR", "", "REMUNERATION_COMPENSATION\n"}) {
    EXPECT_EQ(DisputeTypeFromName(name), std::nullopt) << name;
  }
}

}  // namespace
}  // namespace caitiao::domain
