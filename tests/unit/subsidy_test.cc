// Case subsidies (办案补贴): enum names, periods of a year, standards as
// versioned data per region, and the amount an outcome earns.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/domain/errors.h"
#include "services/domain/subsidy_accrual.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

constexpr char kBasis[] = "鄂人社发〔2026〕1号";

std::string Day(CivilDay d) { return absl::FormatCivilTime(d); }

// The id of a version in force, "" for none.
std::string IdOf(const SubsidyStandard* s) { return s == nullptr ? "" : s->id; }

// ---------------------------------------------------------------- enum names

TEST(SubsidyTypesTest, NamesRoundTripAndOutOfRangeReadsAsUnspecified) {
  for (SubsidyTier t : {SubsidyTier::kSimple, SubsidyTier::kOrdinary, SubsidyTier::kComplex, SubsidyTier::kCollective}) {
    EXPECT_EQ(SubsidyTierFromName(SubsidyTierName(t)), t) << SubsidyTierName(t);
  }
  for (SpanKind k : {SpanKind::kMonth, SpanKind::kQuarter, SpanKind::kHalfYear, SpanKind::kYear}) {
    EXPECT_EQ(SpanKindFromName(SpanKindName(k)), k) << SpanKindName(k);
  }
  for (FundingSource f : {FundingSource::kHrss, FundingSource::kUnion}) {
    EXPECT_EQ(FundingSourceFromName(FundingSourceName(f)), f) << FundingSourceName(f);
  }
  for (LedgerEntryKind k : {LedgerEntryKind::kAccrual, LedgerEntryKind::kReversal}) {
    EXPECT_EQ(LedgerEntryKindFromName(LedgerEntryKindName(k)), k) << LedgerEntryKindName(k);
  }
  for (BatchStatus s : {BatchStatus::kDraft, BatchStatus::kChecked, BatchStatus::kApproved, BatchStatus::kPaid,
                        BatchStatus::kCancelled}) {
    EXPECT_EQ(BatchStatusFromName(BatchStatusName(s)), s) << BatchStatusName(s);
  }
  for (NoSubsidy n : {NoSubsidy::kNone, NoSubsidy::kNoStandard, NoSubsidy::kCivilServant,
                      NoSubsidy::kCertificateExpired, NoSubsidy::kOutOfTerm, NoSubsidy::kNoSession,
                      NoSubsidy::kFailureNotPaid, NoSubsidy::kZeroAmount}) {
    EXPECT_EQ(NoSubsidyFromName(NoSubsidyName(n)), n) << NoSubsidyName(n);
  }
  for (HoldReason h : {HoldReason::kNone, HoldReason::kCapAmount, HoldReason::kCapCount}) {
    EXPECT_EQ(HoldReasonFromName(HoldReasonName(h)), h) << HoldReasonName(h);
  }

  EXPECT_STREQ(SpanKindName(SpanKind::kHalfYear), "HALF_YEAR");
  EXPECT_STREQ(NoSubsidyName(NoSubsidy::kNone), "");
  EXPECT_STREQ(NoSubsidyName(NoSubsidy::kCertificateExpired), "CERTIFICATE_EXPIRED");
  EXPECT_STREQ(HoldReasonName(HoldReason::kNone), "");
  EXPECT_STREQ(HoldReasonName(HoldReason::kCapCount), "CAP_COUNT");
  EXPECT_STREQ(SubsidyTierName(static_cast<SubsidyTier>(42)), "UNSPECIFIED");
  EXPECT_STREQ(SpanKindName(static_cast<SpanKind>(42)), "UNSPECIFIED");

  // UNSPECIFIED is never parsed back; unknown names are not parsed.
  EXPECT_EQ(SubsidyTierFromName("UNSPECIFIED"), std::nullopt);
  EXPECT_EQ(SpanKindFromName("UNSPECIFIED"), std::nullopt);
  EXPECT_EQ(SpanKindFromName("quarter"), std::nullopt);
  EXPECT_EQ(BatchStatusFromName(""), std::nullopt);
  EXPECT_EQ(NoSubsidyFromName("BOGUS"), std::nullopt);
  EXPECT_EQ(HoldReasonFromName("BOGUS"), std::nullopt);
}

// ---------------------------------------------------------------- periods

TEST(SubsidyPeriodTest, PeriodProblemChecksYearKindAndNumber) {
  struct Row {
    Period period;
    const char* problem_has;  // nullptr: no problem
  };
  const Row rows[] = {
      {{1999, SpanKind::kQuarter, 1}, "year must be 2000..2100 (got 1999)"},
      {{2101, SpanKind::kYear, 1}, "year must be 2000..2100 (got 2101)"},
      {{2000, SpanKind::kQuarter, 1}, nullptr},
      {{2100, SpanKind::kQuarter, 4}, nullptr},
      {{2027, SpanKind::kUnspecified, 1}, "kind is required"},
      {{2027, static_cast<SpanKind>(9), 1}, "kind is required"},
      {{2027, SpanKind::kMonth, 0}, "number must be 1..12 for a MONTH (got 0)"},
      {{2027, SpanKind::kMonth, 1}, nullptr},
      {{2027, SpanKind::kMonth, 12}, nullptr},
      {{2027, SpanKind::kMonth, 13}, "number must be 1..12 for a MONTH (got 13)"},
      {{2027, SpanKind::kQuarter, 0}, "number must be 1..4 for a QUARTER (got 0)"},
      {{2027, SpanKind::kQuarter, 4}, nullptr},
      {{2027, SpanKind::kQuarter, 5}, "number must be 1..4 for a QUARTER (got 5)"},
      {{2027, SpanKind::kHalfYear, 2}, nullptr},
      {{2027, SpanKind::kHalfYear, 3}, "number must be 1..2 for a HALF_YEAR (got 3)"},
      {{2027, SpanKind::kHalfYear, -1}, "number must be 1..2 for a HALF_YEAR (got -1)"},
      {{2027, SpanKind::kYear, 1}, nullptr},
      {{2027, SpanKind::kYear, 2}, "number must be 1..1 for a YEAR (got 2)"},
      // The year is checked first.
      {{1999, SpanKind::kUnspecified, 0}, "year must be"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::StrCat(r.period.year, " ", SpanKindName(r.period.kind), " ", r.period.number));
    const std::optional<std::string> problem = PeriodProblem(r.period);
    if (r.problem_has == nullptr) {
      EXPECT_EQ(problem, std::nullopt) << *problem;
    } else {
      ASSERT_TRUE(problem.has_value());
      EXPECT_NE(problem->find(r.problem_has), std::string::npos) << *problem;
    }
  }
}

TEST(SubsidyPeriodTest, FirstAndLastDays) {
  struct Row {
    Period period;
    CivilDay first, last;
  };
  const Row rows[] = {
      {{2027, SpanKind::kMonth, 1}, CivilDay(2027, 1, 1), CivilDay(2027, 1, 31)},
      {{2027, SpanKind::kMonth, 2}, CivilDay(2027, 2, 1), CivilDay(2027, 2, 28)},
      {{2028, SpanKind::kMonth, 2}, CivilDay(2028, 2, 1), CivilDay(2028, 2, 29)},  // leap year
      {{2100, SpanKind::kMonth, 2}, CivilDay(2100, 2, 1), CivilDay(2100, 2, 28)},  // not a leap year
      {{2000, SpanKind::kMonth, 2}, CivilDay(2000, 2, 1), CivilDay(2000, 2, 29)},  // a leap year
      {{2027, SpanKind::kMonth, 4}, CivilDay(2027, 4, 1), CivilDay(2027, 4, 30)},
      {{2027, SpanKind::kMonth, 12}, CivilDay(2027, 12, 1), CivilDay(2027, 12, 31)},
      {{2027, SpanKind::kQuarter, 1}, CivilDay(2027, 1, 1), CivilDay(2027, 3, 31)},
      {{2027, SpanKind::kQuarter, 2}, CivilDay(2027, 4, 1), CivilDay(2027, 6, 30)},
      {{2027, SpanKind::kQuarter, 3}, CivilDay(2027, 7, 1), CivilDay(2027, 9, 30)},
      {{2027, SpanKind::kQuarter, 4}, CivilDay(2027, 10, 1), CivilDay(2027, 12, 31)},
      {{2028, SpanKind::kQuarter, 1}, CivilDay(2028, 1, 1), CivilDay(2028, 3, 31)},
      {{2027, SpanKind::kHalfYear, 1}, CivilDay(2027, 1, 1), CivilDay(2027, 6, 30)},
      {{2027, SpanKind::kHalfYear, 2}, CivilDay(2027, 7, 1), CivilDay(2027, 12, 31)},
      {{2027, SpanKind::kYear, 1}, CivilDay(2027, 1, 1), CivilDay(2027, 12, 31)},
      {{2100, SpanKind::kYear, 1}, CivilDay(2100, 1, 1), CivilDay(2100, 12, 31)},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(PeriodLabel(r.period));
    EXPECT_EQ(PeriodFirstDay(r.period), r.first);
    EXPECT_EQ(PeriodLastDay(r.period), r.last);
  }
}

TEST(SubsidyPeriodTest, PeriodContainingAtTheBoundaries) {
  struct Row {
    CivilDay day;
    SpanKind kind;
    Period want;
  };
  const Row rows[] = {
      {CivilDay(2027, 1, 1), SpanKind::kMonth, {2027, SpanKind::kMonth, 1}},
      {CivilDay(2028, 2, 29), SpanKind::kMonth, {2028, SpanKind::kMonth, 2}},
      {CivilDay(2027, 12, 31), SpanKind::kMonth, {2027, SpanKind::kMonth, 12}},
      {CivilDay(2027, 3, 31), SpanKind::kQuarter, {2027, SpanKind::kQuarter, 1}},
      {CivilDay(2027, 4, 1), SpanKind::kQuarter, {2027, SpanKind::kQuarter, 2}},
      {CivilDay(2027, 9, 30), SpanKind::kQuarter, {2027, SpanKind::kQuarter, 3}},
      {CivilDay(2027, 10, 1), SpanKind::kQuarter, {2027, SpanKind::kQuarter, 4}},
      {CivilDay(2027, 6, 30), SpanKind::kHalfYear, {2027, SpanKind::kHalfYear, 1}},
      {CivilDay(2027, 7, 1), SpanKind::kHalfYear, {2027, SpanKind::kHalfYear, 2}},
      {CivilDay(2027, 12, 31), SpanKind::kYear, {2027, SpanKind::kYear, 1}},
      {CivilDay(2028, 1, 1), SpanKind::kYear, {2028, SpanKind::kYear, 1}},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::StrCat(Day(r.day), " ", SpanKindName(r.kind)));
    EXPECT_EQ(PeriodContaining(r.day, r.kind), r.want) << PeriodLabel(PeriodContaining(r.day, r.kind));
  }
}

TEST(SubsidyPeriodTest, EveryDayLiesInTheValidPeriodContainingIt) {
  for (SpanKind kind : {SpanKind::kMonth, SpanKind::kQuarter, SpanKind::kHalfYear, SpanKind::kYear}) {
    for (CivilDay d(2027, 1, 1); d <= CivilDay(2028, 12, 31); ++d) {
      const Period p = PeriodContaining(d, kind);
      ASSERT_EQ(PeriodProblem(p), std::nullopt) << Day(d) << " " << SpanKindName(kind);
      ASSERT_LE(PeriodFirstDay(p), d) << Day(d) << " " << PeriodLabel(p);
      ASSERT_GE(PeriodLastDay(p), d) << Day(d) << " " << PeriodLabel(p);
      // Consecutive periods tile the year: the day after the last is the next's first.
      ASSERT_FALSE(PeriodContaining(PeriodLastDay(p) + 1, kind) == p) << PeriodLabel(p);
      ASSERT_FALSE(PeriodContaining(PeriodFirstDay(p) - 1, kind) == p) << PeriodLabel(p);
    }
  }
}

TEST(SubsidyPeriodTest, Labels) {
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kMonth, 1}), "2027-01");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kMonth, 12}), "2027-12");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kQuarter, 1}), "2027-Q1");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kQuarter, 4}), "2027-Q4");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kHalfYear, 1}), "2027-H1");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kHalfYear, 2}), "2027-H2");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kYear, 1}), "2027");
  EXPECT_EQ(PeriodLabel({2027, SpanKind::kUnspecified, 1}), "?");
}

TEST(SubsidyPeriodTest, YuanText) {
  EXPECT_EQ(YuanText(123456), "1234.56 yuan");
  EXPECT_EQ(YuanText(-123456), "-1234.56 yuan");
  EXPECT_EQ(YuanText(0), "0.00 yuan");
  EXPECT_EQ(YuanText(5), "0.05 yuan");
  EXPECT_EQ(YuanText(-5), "-0.05 yuan");
  EXPECT_EQ(YuanText(100), "1.00 yuan");
  EXPECT_EQ(YuanText(-100), "-1.00 yuan");
  EXPECT_EQ(YuanText(kMaxSubsidyFen), "100000.00 yuan");
}

// ---------------------------------------------------------------- standards

SubsidyStandard Version(std::string id, std::string region, CivilDay from,
                        std::optional<CivilDay> until = std::nullopt) {
  SubsidyStandard s;
  s.id = std::move(id);
  s.region_code = std::move(region);
  s.effective_from = from;
  s.effective_until = until;
  s.ordinary_fen = 80000;
  s.basis = kBasis;
  return s;
}

TEST(SubsidyStandardTest, StandardInForceWalksCountyCityProvinceByDate) {
  const std::vector<SubsidyStandard> versions = {
      Version("p1", "420000", CivilDay(2026, 1, 1)),
      Version("p2", "420000", CivilDay(2027, 1, 1)),
      Version("c1", "420100", CivilDay(2026, 7, 1)),
      Version("k1", "420102", CivilDay(2027, 1, 1), CivilDay(2027, 6, 30)),
      Version("o1", "420200", CivilDay(2025, 1, 1)),  // another city: never another's parent
      Version("h1", "430000", CivilDay(2028, 1, 1)),  // another province
  };
  struct Row {
    const char* region;
    CivilDay day;
    const char* want;  // "" for none
  };
  const Row rows[] = {
      // Before the first version anywhere up the chain: nothing (420200's is no parent).
      {"420102", CivilDay(2025, 12, 31), ""},
      {"420102", CivilDay(2026, 1, 1), "p1"},
      {"420102", CivilDay(2026, 6, 30), "p1"},
      // The city's version is more specific than the province's.
      {"420102", CivilDay(2026, 7, 1), "c1"},
      {"420102", CivilDay(2026, 12, 31), "c1"},
      // The county's is more specific still, until its effective_until (inclusive).
      {"420102", CivilDay(2027, 1, 1), "k1"},
      {"420102", CivilDay(2027, 6, 30), "k1"},
      // Then the city's applies again.
      {"420102", CivilDay(2027, 7, 1), "c1"},
      {"420102", CivilDay(2030, 1, 1), "c1"},
      // Another county of the same city has no version of its own.
      {"420103", CivilDay(2027, 1, 1), "c1"},
      {"420103", CivilDay(2026, 6, 30), "p1"},
      {"420100", CivilDay(2027, 3, 1), "c1"},
      {"420100", CivilDay(2026, 3, 1), "p1"},
      // The province itself: a later version supersedes from its day on.
      {"420000", CivilDay(2026, 12, 31), "p1"},
      {"420000", CivilDay(2027, 1, 1), "p2"},
      // A county of a city without a version of its own: the province's.
      {"420502", CivilDay(2026, 12, 31), "p1"},
      {"420502", CivilDay(2027, 1, 1), "p2"},
      {"420202", CivilDay(2025, 6, 1), "o1"},
      {"420202", CivilDay(2027, 6, 1), "o1"},
      // Another province.
      {"430102", CivilDay(2027, 12, 31), ""},
      {"430102", CivilDay(2028, 1, 1), "h1"},
      {"110101", CivilDay(2028, 1, 1), ""},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(absl::StrCat(r.region, " on ", Day(r.day)));
    const SubsidyStandard* s = StandardInForce(versions, r.region, r.day);
    if (*r.want == '\0') {
      EXPECT_EQ(s, nullptr) << s->id;
      continue;
    }
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->id, r.want);
    // It points into `versions`.
    EXPECT_GE(s, versions.data());
    EXPECT_LT(s, versions.data() + versions.size());
  }
  EXPECT_EQ(StandardInForce({}, "420102", CivilDay(2027, 1, 1)), nullptr);
}

TEST(SubsidyStandardTest, AnEndedLatestVersionDoesNotReviveTheOneItSuperseded) {
  const std::vector<SubsidyStandard> versions = {
      Version("k1", "420102", CivilDay(2026, 1, 1)),
      Version("k2", "420102", CivilDay(2027, 1, 1), CivilDay(2027, 3, 31)),
  };
  EXPECT_EQ(IdOf(StandardInForce(versions, "420102", CivilDay(2026, 12, 31))), "k1");
  EXPECT_EQ(IdOf(StandardInForce(versions, "420102", CivilDay(2027, 3, 31))), "k2");
  // k1 ended the day before k2; with k2 ended and no parent version, nothing.
  EXPECT_EQ(StandardInForce(versions, "420102", CivilDay(2027, 4, 1)), nullptr);

  std::vector<SubsidyStandard> with_province = versions;
  with_province.push_back(Version("p1", "420000", CivilDay(2020, 1, 1)));
  EXPECT_EQ(IdOf(StandardInForce(with_province, "420102", CivilDay(2027, 4, 1))), "p1");
}

TEST(SubsidyStandardTest, VersionOrderInTheListDoesNotMatter) {
  const std::vector<SubsidyStandard> versions = {
      Version("v3", "420100", CivilDay(2028, 1, 1)),
      Version("v1", "420100", CivilDay(2026, 1, 1)),
      Version("v2", "420100", CivilDay(2027, 1, 1)),
  };
  EXPECT_EQ(IdOf(StandardInForce(versions, "420100", CivilDay(2026, 5, 1))), "v1");
  EXPECT_EQ(IdOf(StandardInForce(versions, "420100", CivilDay(2027, 5, 1))), "v2");
  EXPECT_EQ(IdOf(StandardInForce(versions, "420100", CivilDay(2028, 5, 1))), "v3");
}

SubsidyStandard ValidStandard(CivilDay today) {
  SubsidyStandard s = Version("s", "420100", today);
  s.simple_fen = 50000;
  s.ordinary_fen = 80000;
  s.complex_fen = 120000;
  s.collective_fen = 200000;
  s.failed_case_fen = 20000;
  s.paid_failures = {MediationFailure::kPartyRefused, MediationFailure::kConsentWithdrawn};
  s.settlement_period = SpanKind::kQuarter;
  return s;
}

std::string Repeat(const std::string& unit, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += unit;
  return out;
}

TEST(SubsidyStandardTest, ValidateSubsidyStandardEachFieldRule) {
  const CivilDay today(2027, 5, 10);
  using Edit = std::function<void(SubsidyStandard&)>;
  struct Row {
    const char* name;
    Edit edit;
    std::vector<std::string> fields;
  };
  const std::vector<Row> rows = {
      {"valid", [](SubsidyStandard&) {}, {}},
      {"from yesterday", [&](SubsidyStandard& s) { s.effective_from = today - 1; }, {"effective_from"}},
      {"from tomorrow", [&](SubsidyStandard& s) { s.effective_from = today + 1; }, {}},
      {"until before from",
       [&](SubsidyStandard& s) {
         s.effective_from = today + 10;
         s.effective_until = today + 9;
       },
       {"effective_until"}},
      {"until on from", [&](SubsidyStandard& s) { s.effective_until = today; }, {}},
      {"simple -1", [](SubsidyStandard& s) { s.simple_fen = -1; }, {"simple_fen"}},
      {"simple max", [](SubsidyStandard& s) { s.simple_fen = kMaxSubsidyFen; }, {}},
      {"simple max+1", [](SubsidyStandard& s) { s.simple_fen = kMaxSubsidyFen + 1; }, {"simple_fen"}},
      {"ordinary -1", [](SubsidyStandard& s) { s.ordinary_fen = -1; }, {"ordinary_fen"}},
      {"ordinary 0", [](SubsidyStandard& s) { s.ordinary_fen = 0; }, {}},
      {"ordinary max+1", [](SubsidyStandard& s) { s.ordinary_fen = kMaxSubsidyFen + 1; }, {"ordinary_fen"}},
      {"complex -1", [](SubsidyStandard& s) { s.complex_fen = -1; }, {"complex_fen"}},
      {"complex max+1", [](SubsidyStandard& s) { s.complex_fen = kMaxSubsidyFen + 1; }, {"complex_fen"}},
      {"collective -1", [](SubsidyStandard& s) { s.collective_fen = -1; }, {"collective_fen"}},
      {"collective max+1", [](SubsidyStandard& s) { s.collective_fen = kMaxSubsidyFen + 1; }, {"collective_fen"}},
      {"failed -1", [](SubsidyStandard& s) { s.failed_case_fen = -1; }, {"failed_case_fen"}},
      {"failed max+1", [](SubsidyStandard& s) { s.failed_case_fen = kMaxSubsidyFen + 1; }, {"failed_case_fen"}},
      {"min workers 1", [](SubsidyStandard& s) { s.collective_min_workers = 1; }, {"collective_min_workers"}},
      {"min workers 2", [](SubsidyStandard& s) { s.collective_min_workers = 2; }, {}},
      {"min workers 1000", [](SubsidyStandard& s) { s.collective_min_workers = 1000; }, {}},
      {"min workers 1001", [](SubsidyStandard& s) { s.collective_min_workers = 1001; }, {"collective_min_workers"}},
      {"no paid failures", [](SubsidyStandard& s) { s.paid_failures.clear(); }, {}},
      {"every failure once",
       [](SubsidyStandard& s) {
         s.paid_failures.clear();
         for (int f = 1; f <= 7; ++f) s.paid_failures.push_back(static_cast<MediationFailure>(f));
       },
       {}},
      {"unspecified failure",
       [](SubsidyStandard& s) { s.paid_failures = {MediationFailure::kUnspecified}; },
       {"paid_failures[0]"}},
      {"unknown failure",
       [](SubsidyStandard& s) { s.paid_failures = {MediationFailure::kPartyRefused, static_cast<MediationFailure>(99)}; },
       {"paid_failures[1]"}},
      {"failure twice",
       [](SubsidyStandard& s) {
         s.paid_failures = {MediationFailure::kPartyRefused, MediationFailure::kConsentWithdrawn,
                            MediationFailure::kPartyRefused};
       },
       {"paid_failures[2]"}},
      {"cap amount -1", [](SubsidyStandard& s) { s.cap_amount_fen = -1; }, {"cap_amount_fen"}},
      {"cap count -1", [](SubsidyStandard& s) { s.cap_count = -1; }, {"cap_count"}},
      {"amount cap without a period", [](SubsidyStandard& s) { s.cap_amount_fen = 100000; }, {"cap_period"}},
      {"count cap without a period", [](SubsidyStandard& s) { s.cap_count = 5; }, {"cap_period"}},
      {"count cap with a period",
       [](SubsidyStandard& s) {
         s.cap_count = 5;
         s.cap_period = SpanKind::kMonth;
       },
       {}},
      {"amount cap with a period",
       [](SubsidyStandard& s) {
         s.cap_amount_fen = 100000;
         s.cap_period = SpanKind::kYear;
       },
       {}},
      {"a period without a cap", [](SubsidyStandard& s) { s.cap_period = SpanKind::kQuarter; }, {}},
      {"settles by month", [](SubsidyStandard& s) { s.settlement_period = SpanKind::kMonth; }, {"settlement_period"}},
      {"settles by year", [](SubsidyStandard& s) { s.settlement_period = SpanKind::kYear; }, {"settlement_period"}},
      {"settles by nothing",
       [](SubsidyStandard& s) { s.settlement_period = SpanKind::kUnspecified; },
       {"settlement_period"}},
      {"settles by half-year", [](SubsidyStandard& s) { s.settlement_period = SpanKind::kHalfYear; }, {}},
      {"no basis", [](SubsidyStandard& s) { s.basis.clear(); }, {"basis"}},
      {"blank basis", [](SubsidyStandard& s) { s.basis = "   "; }, {"basis"}},
      {"basis of 200 characters", [](SubsidyStandard& s) { s.basis = Repeat("文", 200); }, {}},
      {"basis of 201 characters", [](SubsidyStandard& s) { s.basis = Repeat("文", 201); }, {"basis"}},
      {"everything at once",
       [&](SubsidyStandard& s) {
         s.effective_from = today - 1;
         s.effective_until = today - 2;
         s.simple_fen = -1;
         s.ordinary_fen = -1;
         s.complex_fen = -1;
         s.collective_fen = -1;
         s.failed_case_fen = -1;
         s.collective_min_workers = 0;
         s.paid_failures = {MediationFailure::kUnspecified};
         s.cap_amount_fen = -1;
         s.cap_count = 3;
         s.settlement_period = SpanKind::kMonth;
         s.basis.clear();
       },
       {"effective_from", "effective_until", "simple_fen", "ordinary_fen", "complex_fen", "collective_fen",
        "failed_case_fen", "collective_min_workers", "paid_failures[0]", "cap_amount_fen", "cap_period",
        "settlement_period", "basis"}},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    SubsidyStandard s = ValidStandard(today);
    r.edit(s);
    const FieldViolations v = ValidateSubsidyStandard(s, today);
    std::vector<std::string> fields;
    for (const auto& item : v.items()) {
      fields.push_back(item.field);
      EXPECT_FALSE(item.description.empty()) << item.field;
    }
    EXPECT_EQ(fields, r.fields);
    if (!r.fields.empty()) {
      const absl::Status status = v.ToStatus();
      EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
      EXPECT_EQ(ReasonOf(status).value_or(""), "FIELD_INVALID");
    }
  }
}

TEST(SubsidyStandardTest, ValidateSubsidyStandardSaysTheRangeAndTheValue) {
  const CivilDay today(2027, 5, 10);
  SubsidyStandard s = ValidStandard(today);
  s.complex_fen = -3;
  s.collective_min_workers = 1;
  s.paid_failures = {MediationFailure::kPartyRefused, MediationFailure::kPartyRefused};
  s.effective_from = CivilDay(2027, 5, 9);
  const FieldViolations v = ValidateSubsidyStandard(s, today);
  ASSERT_EQ(v.items().size(), 4u);
  EXPECT_NE(v.items()[0].description.find("2027-05-10"), std::string::npos) << v.items()[0].description;
  EXPECT_EQ(v.items()[1], (FieldViolation{"complex_fen", "must be 0..10000000 fen (got -3)"}));
  EXPECT_EQ(v.items()[2], (FieldViolation{"collective_min_workers", "must be 2..1000 (got 1)"}));
  EXPECT_EQ(v.items()[3], (FieldViolation{"paid_failures[1]", "PARTY_REFUSED is listed twice"}));
}

TEST(SubsidyStandardTest, CheckSupersedesOnlyForwardWithinTheRegion) {
  const std::vector<SubsidyStandard> region = {
      Version("a", "420100", CivilDay(2026, 1, 1)),
      Version("b", "420100", CivilDay(2027, 1, 1)),
      Version("x", "420200", CivilDay(2029, 1, 1)),  // another region's: never in the way
      Version("y", "420000", CivilDay(2029, 1, 1)),  // the parent's: never in the way
  };
  struct Row {
    CivilDay from;
    bool ok;
    const char* names;  // the version in the way
  };
  const Row rows[] = {
      {CivilDay(2025, 12, 31), false, "2026-01-01"},  // before both
      {CivilDay(2026, 1, 1), false, "2026-01-01"},    // the first one's day
      {CivilDay(2026, 12, 31), false, "2027-01-01"},
      {CivilDay(2027, 1, 1), false, "2027-01-01"},  // the same day
      {CivilDay(2027, 1, 2), true, ""},
      {CivilDay(2030, 1, 1), true, ""},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(Day(r.from));
    const absl::Status s = CheckSupersedes(region, Version("n", "420100", r.from));
    EXPECT_EQ(s.ok(), r.ok) << s;
    if (r.ok) continue;
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(s).value_or(""), "STANDARD_VERSION_OVERLAPS");
    EXPECT_NE(std::string(s.message()).find("420100"), std::string::npos) << s;
    EXPECT_NE(std::string(s.message()).find(r.names), std::string::npos) << s;
  }
  EXPECT_TRUE(CheckSupersedes({}, Version("n", "420100", CivilDay(2020, 1, 1))).ok());
  // Other regions' versions on the same day or later never matter (420100's 2027 one, 420200's 2029 one)...
  EXPECT_TRUE(CheckSupersedes(region, Version("n", "420102", CivilDay(2026, 1, 1))).ok());
  EXPECT_TRUE(CheckSupersedes(region, Version("n", "420200", CivilDay(2029, 1, 2))).ok());
  // ... but the region's own do, whichever region it is.
  const absl::Status province = CheckSupersedes(region, Version("n", "420000", CivilDay(2027, 1, 1)));
  EXPECT_EQ(ReasonOf(province).value_or(""), "STANDARD_VERSION_OVERLAPS");
  EXPECT_NE(std::string(province.message()).find("2029-01-01"), std::string::npos) << province;
  EXPECT_TRUE(CheckSupersedes(region, Version("n", "420000", CivilDay(2029, 1, 2))).ok());
}

TEST(SubsidyStandardTest, TierAmountPerTier) {
  const SubsidyStandard s = ValidStandard(CivilDay(2027, 1, 1));
  EXPECT_EQ(TierAmount(s, SubsidyTier::kSimple), 50000);
  EXPECT_EQ(TierAmount(s, SubsidyTier::kOrdinary), 80000);
  EXPECT_EQ(TierAmount(s, SubsidyTier::kComplex), 120000);
  EXPECT_EQ(TierAmount(s, SubsidyTier::kCollective), 200000);
  EXPECT_EQ(TierAmount(s, SubsidyTier::kUnspecified), 80000);
}

// ---------------------------------------------------------------- accrual

TEST(SubsidyAccrualTest, CaseTier) {
  struct Row {
    SubsidyTier designated;
    int workers, min_workers;
    SubsidyTier want;
  };
  const Row rows[] = {
      {SubsidyTier::kSimple, 1, 10, SubsidyTier::kSimple},
      {SubsidyTier::kOrdinary, 1, 10, SubsidyTier::kOrdinary},
      {SubsidyTier::kComplex, 1, 10, SubsidyTier::kComplex},
      {SubsidyTier::kUnspecified, 1, 10, SubsidyTier::kOrdinary},
      // Collective is computed from the applicants, never designated.
      {SubsidyTier::kCollective, 9, 10, SubsidyTier::kOrdinary},
      {SubsidyTier::kCollective, 10, 10, SubsidyTier::kCollective},
      {SubsidyTier::kSimple, 9, 10, SubsidyTier::kSimple},
      {SubsidyTier::kSimple, 10, 10, SubsidyTier::kCollective},
      {SubsidyTier::kComplex, 11, 10, SubsidyTier::kCollective},
      {SubsidyTier::kComplex, 2, 3, SubsidyTier::kComplex},
      {SubsidyTier::kComplex, 3, 3, SubsidyTier::kCollective},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(CaseTier(r.designated, r.workers, r.min_workers), r.want)
        << SubsidyTierName(r.designated) << " " << r.workers << "/" << r.min_workers;
  }
}

constexpr CivilDay kOutcomeDay(2027, 3, 15);

SubsidyStandard AccrualStandard() {
  SubsidyStandard s = Version("std-420100-2026", "420100", CivilDay(2026, 1, 1));
  s.simple_fen = 50000;
  s.ordinary_fen = 80000;
  s.complex_fen = 120000;
  s.collective_fen = 200000;
  s.collective_min_workers = 10;
  s.failed_case_fen = 20000;
  s.paid_failures = {MediationFailure::kPartyRefused, MediationFailure::kConsentWithdrawn};
  s.require_session = false;
  return s;
}

AccrualFacts SuccessFacts() {
  AccrualFacts f;
  f.succeeded = true;
  f.outcome_day = kOutcomeDay;
  f.designated = SubsidyTier::kOrdinary;
  f.worker_applicants = 1;
  f.mediator.established_civil_servant = false;
  f.mediator.certificate_expiry = CivilDay(2027, 12, 31);
  f.mediator.term_start = CivilDay(2026, 1, 1);
  f.mediator.term_end = CivilDay(2028, 12, 31);
  f.sessions = 1;
  return f;
}

AccrualFacts FailureFacts(MediationFailure why) {
  AccrualFacts f = SuccessFacts();
  f.succeeded = false;
  f.failure = why;
  return f;
}

TEST(SubsidyAccrualTest, DecideAccrualEveryRule) {
  using EditStandard = std::function<void(SubsidyStandard&)>;
  using EditFacts = std::function<void(AccrualFacts&)>;
  const EditStandard same = [](SubsidyStandard&) {};
  const EditFacts as_is = [](AccrualFacts&) {};
  const auto designated = [](SubsidyTier t) { return [t](AccrualFacts& f) { f.designated = t; }; };
  const auto workers = [](SubsidyTier t, int n) {
    return [t, n](AccrualFacts& f) {
      f.designated = t;
      f.worker_applicants = n;
    };
  };
  struct Row {
    const char* name;
    AccrualFacts base;
    bool has_standard;
    EditStandard standard;
    EditFacts facts;
    SubsidyTier tier;
    int64_t fen;
    NoSubsidy why;
    const char* rule_has;  // a further substring of the rule
  };
  const AccrualFacts ok = SuccessFacts();
  const AccrualFacts refused = FailureFacts(MediationFailure::kPartyRefused);
  using T = SubsidyTier;
  using N = NoSubsidy;
  const std::vector<Row> rows = {
      // Success, each tier.
      {"simple", ok, true, same, designated(T::kSimple), T::kSimple, 50000, N::kNone, "simple case: 500.00 yuan"},
      {"ordinary", ok, true, same, designated(T::kOrdinary), T::kOrdinary, 80000, N::kNone,
       "ordinary case: 800.00 yuan"},
      {"complex", ok, true, same, designated(T::kComplex), T::kComplex, 120000, N::kNone,
       "complex case: 1200.00 yuan"},
      {"unset designation is ordinary", ok, true, same, designated(T::kUnspecified), T::kOrdinary, 80000, N::kNone,
       "ordinary case"},
      {"designated collective below the threshold", ok, true, same, workers(T::kCollective, 9), T::kOrdinary, 80000,
       N::kNone, "ordinary case"},
      {"collective at the threshold", ok, true, same, workers(T::kSimple, 10), T::kCollective, 200000, N::kNone,
       "collective case: 2000.00 yuan"},
      {"collective above the threshold", ok, true, same, workers(T::kComplex, 50), T::kCollective, 200000, N::kNone,
       "collective case"},
      {"one below the threshold", ok, true, same, workers(T::kComplex, 9), T::kComplex, 120000, N::kNone,
       "complex case"},
      {"the standard's threshold", ok, true, [](SubsidyStandard& s) { s.collective_min_workers = 3; },
       workers(T::kSimple, 3), T::kCollective, 200000, N::kNone, "collective case"},
      {"one below the standard's threshold", ok, true, [](SubsidyStandard& s) { s.collective_min_workers = 3; },
       workers(T::kSimple, 2), T::kSimple, 50000, N::kNone, "simple case"},
      // No standard: nothing, but the tier is still computed (default threshold 10).
      {"no standard", ok, false, same, as_is, T::kOrdinary, 0, N::kNoStandard,
       "no subsidy standard in force on 2027-03-15"},
      {"no standard, 10 workers", ok, false, same, workers(T::kSimple, 10), T::kCollective, 0, N::kNoStandard, ""},
      {"no standard, 9 workers", ok, false, same, workers(T::kSimple, 9), T::kSimple, 0, N::kNoStandard, ""},
      {"no standard, failure", refused, false, same, as_is, T::kOrdinary, 0, N::kNoStandard, ""},
      {"no standard wins over civil servant", ok, false, same,
       [](AccrualFacts& f) { f.mediator.established_civil_servant = true; }, T::kOrdinary, 0, N::kNoStandard, ""},
      // Civil servant.
      {"civil servant", ok, true, same, [](AccrualFacts& f) { f.mediator.established_civil_servant = true; },
       T::kOrdinary, 0, N::kCivilServant, "civil servant"},
      {"civil servant, collective", ok, true, same,
       [](AccrualFacts& f) {
         f.mediator.established_civil_servant = true;
         f.worker_applicants = 12;
       },
       T::kCollective, 0, N::kCivilServant, ""},
      {"civil servant wins over an expired certificate and the term", ok, true, same,
       [](AccrualFacts& f) {
         f.mediator.established_civil_servant = true;
         f.mediator.certificate_expiry = kOutcomeDay - 1;
         f.mediator.term_end = kOutcomeDay - 1;
       },
       T::kOrdinary, 0, N::kCivilServant, ""},
      {"civil servant, failure", refused, true, same,
       [](AccrualFacts& f) { f.mediator.established_civil_servant = true; }, T::kOrdinary, 0, N::kCivilServant, ""},
      // Certificate: the expiry day itself is still valid.
      {"certificate expired the day before", ok, true, same,
       [](AccrualFacts& f) { f.mediator.certificate_expiry = kOutcomeDay - 1; }, T::kOrdinary, 0,
       N::kCertificateExpired, "expired on 2027-03-14"},
      {"certificate expires on the outcome day", ok, true, same,
       [](AccrualFacts& f) { f.mediator.certificate_expiry = kOutcomeDay; }, T::kOrdinary, 80000, N::kNone, ""},
      {"certificate expired wins over the term", ok, true, same,
       [](AccrualFacts& f) {
         f.mediator.certificate_expiry = kOutcomeDay - 1;
         f.mediator.term_start = kOutcomeDay + 1;
       },
       T::kOrdinary, 0, N::kCertificateExpired, ""},
      {"certificate expired, failure", refused, true, same,
       [](AccrualFacts& f) { f.mediator.certificate_expiry = kOutcomeDay - 1; }, T::kOrdinary, 0,
       N::kCertificateExpired, ""},
      // Term, inclusive at both ends.
      {"term starts the day after", ok, true, same, [](AccrualFacts& f) { f.mediator.term_start = kOutcomeDay + 1; },
       T::kOrdinary, 0, N::kOutOfTerm, "outside the mediator's term 2027-03-16..2028-12-31"},
      {"term starts on the outcome day", ok, true, same, [](AccrualFacts& f) { f.mediator.term_start = kOutcomeDay; },
       T::kOrdinary, 80000, N::kNone, ""},
      {"term ends on the outcome day", ok, true, same, [](AccrualFacts& f) { f.mediator.term_end = kOutcomeDay; },
       T::kOrdinary, 80000, N::kNone, ""},
      {"term ended the day before", ok, true, same, [](AccrualFacts& f) { f.mediator.term_end = kOutcomeDay - 1; },
       T::kOrdinary, 0, N::kOutOfTerm, "2026-01-01..2027-03-14"},
      {"out of term wins over no session", ok, true, [](SubsidyStandard& s) { s.require_session = true; },
       [](AccrualFacts& f) {
         f.mediator.term_end = kOutcomeDay - 1;
         f.sessions = 0;
       },
       T::kOrdinary, 0, N::kOutOfTerm, ""},
      {"out of term, failure", refused, true, same, [](AccrualFacts& f) { f.mediator.term_end = kOutcomeDay - 1; },
       T::kOrdinary, 0, N::kOutOfTerm, ""},
      // Sessions on success, only when the standard requires one.
      {"required session, none held", ok, true, [](SubsidyStandard& s) { s.require_session = true; },
       [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 0, N::kNoSession, "no session was recorded"},
      {"required session, one held", ok, true, [](SubsidyStandard& s) { s.require_session = true; },
       [](AccrualFacts& f) { f.sessions = 1; }, T::kOrdinary, 80000, N::kNone, ""},
      {"no session, none required", ok, true, same, [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 80000,
       N::kNone, ""},
      {"no session wins over a zero amount", ok, true,
       [](SubsidyStandard& s) {
         s.require_session = true;
         s.ordinary_fen = 0;
       },
       [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 0, N::kNoSession, ""},
      // A zero amount from the standard.
      {"zero ordinary", ok, true, [](SubsidyStandard& s) { s.ordinary_fen = 0; }, as_is, T::kOrdinary, 0,
       N::kZeroAmount, "ordinary case: the standard pays 0"},
      {"zero collective, others not", ok, true, [](SubsidyStandard& s) { s.collective_fen = 0; },
       workers(T::kOrdinary, 10), T::kCollective, 0, N::kZeroAmount, "collective case"},
      {"zero simple, ordinary paid", ok, true, [](SubsidyStandard& s) { s.simple_fen = 0; }, as_is, T::kOrdinary,
       80000, N::kNone, ""},
      // Failure.
      {"failure paid", refused, true, same, as_is, T::kOrdinary, 20000, N::kNone,
       "failed case conducted properly (PARTY_REFUSED): 200.00 yuan"},
      {"failure paid, the other listed reason", FailureFacts(MediationFailure::kConsentWithdrawn), true, same, as_is,
       T::kOrdinary, 20000, N::kNone, "CONSENT_WITHDRAWN"},
      {"failure paid, collective tier keeps the flat amount", refused, true, same, workers(T::kSimple, 10),
       T::kCollective, 20000, N::kNone, ""},
      {"failure paid, several sessions, session required", refused, true,
       [](SubsidyStandard& s) { s.require_session = true; }, [](AccrualFacts& f) { f.sessions = 3; }, T::kOrdinary,
       20000, N::kNone, ""},
      {"failure paid though success tiers pay 0", refused, true,
       [](SubsidyStandard& s) { s.ordinary_fen = 0; }, as_is, T::kOrdinary, 20000, N::kNone, ""},
      {"failure not paid", FailureFacts(MediationFailure::kPeriodExpired), true, same, as_is, T::kOrdinary, 0,
       N::kFailureNotPaid, "a failure for PERIOD_EXPIRED is not paid"},
      {"failure not paid, no paid failures at all", refused, true, [](SubsidyStandard& s) { s.paid_failures.clear(); },
       as_is, T::kOrdinary, 0, N::kFailureNotPaid, "PARTY_REFUSED"},
      {"failure not paid wins over no session", FailureFacts(MediationFailure::kRoomTerminated), true, same,
       [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 0, N::kFailureNotPaid, ""},
      {"failure paid without a session", refused, true, same, [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 0,
       N::kNoSession, "conducted properly"},
      {"failure paid without a session wins over a zero amount", refused, true,
       [](SubsidyStandard& s) { s.failed_case_fen = 0; }, [](AccrualFacts& f) { f.sessions = 0; }, T::kOrdinary, 0,
       N::kNoSession, ""},
      {"failure paid, the standard pays 0", refused, true, [](SubsidyStandard& s) { s.failed_case_fen = 0; }, as_is,
       T::kOrdinary, 0, N::kZeroAmount, "failed case: the standard pays 0"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    SubsidyStandard standard = AccrualStandard();
    r.standard(standard);
    AccrualFacts facts = r.base;
    r.facts(facts);
    facts.standard = r.has_standard ? &standard : nullptr;

    const Accrual a = DecideAccrual(facts);
    EXPECT_EQ(a.tier, r.tier) << SubsidyTierName(a.tier);
    EXPECT_EQ(a.amount_fen, r.fen);
    EXPECT_EQ(a.no_subsidy, r.why) << NoSubsidyName(a.no_subsidy);
    EXPECT_EQ(a.standard_id, r.has_standard ? "std-420100-2026" : "");
    ASSERT_FALSE(a.rule.empty());
    EXPECT_NE(a.rule.find(r.rule_has), std::string::npos) << a.rule;
    if (r.has_standard) {
      // Every rule under a standard cites it: its region, first day and basis.
      EXPECT_NE(a.rule.find(kBasis), std::string::npos) << a.rule;
      EXPECT_NE(a.rule.find("under 420100 from 2026-01-01"), std::string::npos) << a.rule;
    } else {
      EXPECT_EQ(a.rule.find(kBasis), std::string::npos) << a.rule;
    }
    if (r.why == NoSubsidy::kNone) {
      EXPECT_NE(a.rule.find(YuanText(r.fen)), std::string::npos) << a.rule;
    }
  }
}

TEST(SubsidyAccrualTest, DecideAccrualRuleTextInFull) {
  SubsidyStandard s = AccrualStandard();
  AccrualFacts f = SuccessFacts();
  f.standard = &s;
  EXPECT_EQ(DecideAccrual(f).rule, "ordinary case: 800.00 yuan under 420100 from 2026-01-01 (鄂人社发〔2026〕1号)");
  f = FailureFacts(MediationFailure::kPartyRefused);
  f.standard = &s;
  EXPECT_EQ(DecideAccrual(f).rule,
            "failed case conducted properly (PARTY_REFUSED): 200.00 yuan under 420100 from 2026-01-01 "
            "(鄂人社发〔2026〕1号)");
}

}  // namespace
}  // namespace caitiao::domain
