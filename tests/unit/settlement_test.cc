// Settlement (结算) and funding: batch steps, four eyes, settlement periods,
// caps per mediator per period, the budget, reversals.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/domain/errors.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

std::string Message(const absl::Status& s) { return std::string(s.message()); }

// ---------------------------------------------------------------- batch steps

const char* CommandName(BatchCommand c) {
  switch (c) {
    case BatchCommand::kCheck:
      return "check";
    case BatchCommand::kApprove:
      return "approve";
    case BatchCommand::kPay:
      return "pay";
    case BatchCommand::kCancel:
      return "cancel";
  }
  return "?";
}

TEST(SettlementTest, CheckBatchStepEveryStatusAndCommand) {
  using S = BatchStatus;
  using C = BatchCommand;
  struct Row {
    C command;
    std::vector<S> allowed;
    const char* needs;  // named in the refusal
  };
  const Row rows[] = {
      {C::kCheck, {S::kDraft}, "only a DRAFT batch can be checked"},
      {C::kApprove, {S::kChecked}, "only a CHECKED batch can be approved"},
      {C::kPay, {S::kApproved}, "only a APPROVED batch can be marked paid"},
      {C::kCancel, {S::kDraft, S::kChecked}, "only a DRAFT or CHECKED batch can be cancelled"},
  };
  const S statuses[] = {S::kUnspecified, S::kDraft, S::kChecked, S::kApproved, S::kPaid, S::kCancelled};
  int allowed_pairs = 0;
  for (const Row& r : rows) {
    for (S status : statuses) {
      SCOPED_TRACE(absl::StrCat(CommandName(r.command), " a ", BatchStatusName(status), " batch"));
      const bool want = std::find(r.allowed.begin(), r.allowed.end(), status) != r.allowed.end();
      const absl::Status s = CheckBatchStep(status, r.command);
      EXPECT_EQ(s.ok(), want) << s;
      if (want) {
        ++allowed_pairs;
        continue;
      }
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_EQ(ReasonOf(s).value_or(""), "INVALID_STATE");
      EXPECT_NE(Message(s).find(absl::StrCat("the batch is ", BatchStatusName(status))), std::string::npos) << s;
      EXPECT_NE(Message(s).find(r.needs), std::string::npos) << s;
    }
  }
  EXPECT_EQ(allowed_pairs, 5);
}

TEST(SettlementTest, CheckFourEyes) {
  SettlementBatch batch;
  batch.drafted_by = "alice";
  batch.checked_by = "bob";
  struct Row {
    const char* approver;
    const char* refusal_has;  // nullptr: allowed
  };
  const Row rows[] = {
      {"alice", "alice drafted this batch"},
      {"bob", "bob checked this batch"},
      {"carol", nullptr},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.approver);
    const absl::Status s = CheckFourEyes(batch, r.approver);
    if (r.refusal_has == nullptr) {
      EXPECT_TRUE(s.ok()) << s;
      continue;
    }
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(s).value_or(""), "FOUR_EYES_REQUIRED");
    EXPECT_NE(Message(s).find(r.refusal_has), std::string::npos) << s;
  }
  // One person who drafted and checked is refused as the drafter.
  batch.checked_by = "alice";
  EXPECT_EQ(ReasonOf(CheckFourEyes(batch, "alice")).value_or(""), "FOUR_EYES_REQUIRED");
  EXPECT_TRUE(CheckFourEyes(batch, "bob").ok());
}

TEST(SettlementTest, CheckSettlementPeriod) {
  struct Row {
    const char* name;
    Period period;
    SpanKind settles_by;
    CivilDay today;
    const char* reason;  // "" for OK
  };
  const Period q1{2027, SpanKind::kQuarter, 1};
  const Period h2_2026{2026, SpanKind::kHalfYear, 2};
  // A period may be settled once it has begun (an interim batch takes what
  // has accrued so far); one that has not begun yet is refused.
  const Row rows[] = {
      {"quarter ended yesterday", q1, SpanKind::kQuarter, CivilDay(2027, 4, 1), ""},
      {"quarter long over", q1, SpanKind::kQuarter, CivilDay(2028, 1, 1), ""},
      {"quarter's last day", q1, SpanKind::kQuarter, CivilDay(2027, 3, 31), ""},
      {"quarter under way", q1, SpanKind::kQuarter, CivilDay(2027, 2, 1), ""},
      {"quarter's first day", q1, SpanKind::kQuarter, CivilDay(2027, 1, 1), ""},
      {"quarter to come tomorrow", q1, SpanKind::kQuarter, CivilDay(2026, 12, 31), "FIELD_INVALID"},
      {"quarter to come", q1, SpanKind::kQuarter, CivilDay(2026, 6, 1), "FIELD_INVALID"},
      {"half-year ended", h2_2026, SpanKind::kHalfYear, CivilDay(2027, 1, 1), ""},
      {"half-year's first day", h2_2026, SpanKind::kHalfYear, CivilDay(2026, 7, 1), ""},
      {"half-year to come", h2_2026, SpanKind::kHalfYear, CivilDay(2026, 6, 30), "FIELD_INVALID"},
      {"settles by half-year, asked a quarter", q1, SpanKind::kHalfYear, CivilDay(2027, 4, 1),
       "SETTLEMENT_PERIOD_MISMATCH"},
      {"settles by quarter, asked a half-year", h2_2026, SpanKind::kQuarter, CivilDay(2027, 1, 1),
       "SETTLEMENT_PERIOD_MISMATCH"},
      {"settles by quarter, asked a month", {2027, SpanKind::kMonth, 1}, SpanKind::kQuarter, CivilDay(2027, 4, 1),
       "SETTLEMENT_PERIOD_MISMATCH"},
      // The kind is checked first.
      {"mismatch and not begun", q1, SpanKind::kHalfYear, CivilDay(2026, 6, 1), "SETTLEMENT_PERIOD_MISMATCH"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    const absl::Status s = CheckSettlementPeriod(r.period, r.settles_by, r.today);
    if (*r.reason == '\0') {
      EXPECT_TRUE(s.ok()) << s;
      continue;
    }
    EXPECT_EQ(ReasonOf(s).value_or(""), r.reason) << s;
    if (std::string(r.reason) == "FIELD_INVALID") {
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
      const std::vector<FieldViolation> fields = FieldsOf(s);
      ASSERT_EQ(fields.size(), 1u);
      EXPECT_EQ(fields[0].field, "period");
      EXPECT_NE(fields[0].description.find(absl::StrCat(PeriodLabel(r.period), " begins on ",
                                                        absl::FormatCivilTime(PeriodFirstDay(r.period)))),
                std::string::npos)
          << fields[0].description;
    } else {
      EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
      EXPECT_NE(Message(s).find(absl::StrCat("settles by ", SpanKindName(r.settles_by))), std::string::npos) << s;
      EXPECT_NE(Message(s).find(absl::StrCat("not by ", SpanKindName(r.period.kind))), std::string::npos) << s;
    }
  }
}

// ---------------------------------------------------------------- caps

CapCandidate Capped(std::string id, std::string mediator, int64_t fen, CivilDay day, SpanKind cap_period,
                    int64_t cap_amount_fen, int cap_count) {
  CapCandidate c;
  c.entry_id = std::move(id);
  c.mediator_id = std::move(mediator);
  c.amount_fen = fen;
  c.period_day = day;
  c.reversal = false;
  c.cap_period = cap_period;
  c.cap_amount_fen = cap_amount_fen;
  c.cap_count = cap_count;
  return c;
}

// Count cap 2 cases per quarter.
CapCandidate TwoPerQuarter(std::string id, std::string mediator, CivilDay day, int64_t fen = 80000) {
  return Capped(std::move(id), std::move(mediator), fen, day, SpanKind::kQuarter, 0, 2);
}

// Amount cap 1000.00 yuan per quarter.
CapCandidate ThousandPerQuarter(std::string id, std::string mediator, int64_t fen, CivilDay day) {
  return Capped(std::move(id), std::move(mediator), fen, day, SpanKind::kQuarter, 100000, 0);
}

CapCandidate Reversal(CapCandidate c) {
  c.reversal = true;
  c.amount_fen = -c.amount_fen;
  return c;
}

PriorSettled Prior(std::string mediator, int64_t fen, CivilDay day, bool reversal = false) {
  PriorSettled p;
  p.mediator_id = std::move(mediator);
  p.amount_fen = fen;
  p.period_day = day;
  p.reversal = reversal;
  return p;
}

std::vector<std::string> HeldIds(const CapResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.held_back) out.push_back(h.entry_id);
  return out;
}

using Ids = std::vector<std::string>;

const CivilDay kQ1(2027, 2, 10);

TEST(SettlementCapsTest, CountCap) {
  const CapResult r = ApplyCaps({TwoPerQuarter("e1", "m1", kQ1), TwoPerQuarter("e2", "m1", kQ1),
                                 TwoPerQuarter("e3", "m1", CivilDay(2027, 3, 31), 12345)},
                                {});
  EXPECT_EQ(r.included, (Ids{"e1", "e2"}));
  ASSERT_EQ(r.held_back.size(), 1u);
  const HeldItem& h = r.held_back[0];
  EXPECT_EQ(h.entry_id, "e3");
  EXPECT_EQ(h.mediator_id, "m1");
  EXPECT_EQ(h.amount_fen, 12345);
  EXPECT_EQ(h.reason, HoldReason::kCapCount);
  EXPECT_EQ(h.detail, "cap of 2 cases per QUARTER 2027-Q1 reached (2 settled or in this batch)");
}

TEST(SettlementCapsTest, AmountCapExactlyReachedPassesAndAHeldEntryUsesNothing) {
  const CapResult r = ApplyCaps({ThousandPerQuarter("e1", "m1", 60000, kQ1),
                                 ThousandPerQuarter("e2", "m1", 50000, kQ1),  // 1100.00 > 1000.00
                                 ThousandPerQuarter("e3", "m1", 40000, kQ1),  // exactly 1000.00
                                 ThousandPerQuarter("e4", "m1", 1, kQ1)},     // one fen over
                                {});
  EXPECT_EQ(r.included, (Ids{"e1", "e3"}));
  ASSERT_EQ(r.held_back.size(), 2u);
  EXPECT_EQ(r.held_back[0].entry_id, "e2");
  EXPECT_EQ(r.held_back[0].reason, HoldReason::kCapAmount);
  EXPECT_EQ(r.held_back[0].amount_fen, 50000);
  EXPECT_EQ(r.held_back[0].detail,
            "cap of 1000.00 yuan per QUARTER 2027-Q1 would be exceeded (600.00 yuan settled or in this batch)");
  EXPECT_EQ(r.held_back[1].entry_id, "e4");
  EXPECT_EQ(r.held_back[1].reason, HoldReason::kCapAmount);
  EXPECT_NE(r.held_back[1].detail.find("(1000.00 yuan settled or in this batch)"), std::string::npos)
      << r.held_back[1].detail;
}

TEST(SettlementCapsTest, TheCountCapIsCheckedBeforeTheAmountCap) {
  const CapResult r = ApplyCaps({Capped("e1", "m1", 90000, kQ1, SpanKind::kQuarter, 100000, 1),
                                 Capped("e2", "m1", 90000, kQ1, SpanKind::kQuarter, 100000, 1)},
                                {});
  EXPECT_EQ(r.included, (Ids{"e1"}));
  ASSERT_EQ(r.held_back.size(), 1u);
  EXPECT_EQ(r.held_back[0].reason, HoldReason::kCapCount);
}

TEST(SettlementCapsTest, PriorSettledUsageCounts) {
  struct Row {
    const char* name;
    std::vector<PriorSettled> prior;
    std::vector<CapCandidate> candidates;
    Ids included, held;
    std::vector<HoldReason> reasons;
  };
  const std::vector<Row> rows = {
      {"two settled: the cap is reached",
       {Prior("m1", 80000, CivilDay(2027, 1, 5)), Prior("m1", 80000, CivilDay(2027, 3, 1))},
       {TwoPerQuarter("e1", "m1", kQ1)},
       {},
       {"e1"},
       {HoldReason::kCapCount}},
      {"one settled: one more",
       {Prior("m1", 80000, CivilDay(2027, 1, 5))},
       {TwoPerQuarter("e1", "m1", kQ1), TwoPerQuarter("e2", "m1", kQ1)},
       {"e1"},
       {"e2"},
       {HoldReason::kCapCount}},
      {"another mediator's settled entries do not count",
       {Prior("m2", 80000, CivilDay(2027, 1, 5)), Prior("m2", 80000, CivilDay(2027, 1, 6))},
       {TwoPerQuarter("e1", "m1", kQ1), TwoPerQuarter("e2", "m1", kQ1)},
       {"e1", "e2"},
       {},
       {}},
      {"another quarter's settled entries do not count",
       {Prior("m1", 80000, CivilDay(2026, 12, 31)), Prior("m1", 80000, CivilDay(2027, 4, 1))},
       {TwoPerQuarter("e1", "m1", kQ1), TwoPerQuarter("e2", "m1", kQ1)},
       {"e1", "e2"},
       {},
       {}},
      {"settled reversals are not counted",
       {Prior("m1", 80000, CivilDay(2027, 1, 5)), Prior("m1", -80000, CivilDay(2027, 1, 20), true)},
       {TwoPerQuarter("e1", "m1", kQ1), TwoPerQuarter("e2", "m1", kQ1)},
       {"e1"},
       {"e2"},
       {HoldReason::kCapCount}},
      {"settled amounts count against the amount cap",
       {Prior("m1", 70000, CivilDay(2027, 1, 5))},
       {ThousandPerQuarter("e1", "m1", 30000, kQ1), ThousandPerQuarter("e2", "m1", 1, kQ1)},
       {"e1"},
       {"e2"},
       {HoldReason::kCapAmount}},
      {"settled reversals lower the amount used",
       {Prior("m1", 80000, CivilDay(2027, 1, 5)), Prior("m1", -80000, CivilDay(2027, 1, 20), true),
        Prior("m1", 70000, CivilDay(2027, 2, 1))},
       {ThousandPerQuarter("e1", "m1", 30000, kQ1), ThousandPerQuarter("e2", "m1", 1, kQ1)},
       {"e1"},
       {"e2"},
       {HoldReason::kCapAmount}},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    const CapResult result = ApplyCaps(r.candidates, r.prior);
    EXPECT_EQ(result.included, r.included);
    EXPECT_EQ(HeldIds(result), r.held);
    std::vector<HoldReason> reasons;
    for (const auto& h : result.held_back) reasons.push_back(h.reason);
    EXPECT_EQ(reasons, r.reasons);
  }
}

TEST(SettlementCapsTest, UsageIsPerMediatorAndPerCapPeriod) {
  // Two per quarter: each mediator gets their own two.
  CapResult r = ApplyCaps({TwoPerQuarter("a1", "m1", kQ1), TwoPerQuarter("b1", "m2", kQ1),
                           TwoPerQuarter("a2", "m1", kQ1), TwoPerQuarter("b2", "m2", kQ1),
                           TwoPerQuarter("a3", "m1", kQ1), TwoPerQuarter("b3", "m2", kQ1)},
                          {});
  EXPECT_EQ(r.included, (Ids{"a1", "b1", "a2", "b2"}));
  EXPECT_EQ(HeldIds(r), (Ids{"a3", "b3"}));

  // An entry in the next quarter is not held by this quarter's usage.
  r = ApplyCaps({TwoPerQuarter("e1", "m1", CivilDay(2027, 1, 1)), TwoPerQuarter("e2", "m1", CivilDay(2027, 3, 31)),
                 TwoPerQuarter("e3", "m1", CivilDay(2027, 4, 1)), TwoPerQuarter("e4", "m1", CivilDay(2027, 3, 30))},
                {});
  EXPECT_EQ(r.included, (Ids{"e1", "e2", "e3"}));
  EXPECT_EQ(HeldIds(r), (Ids{"e4"}));

  // The cap period is the candidate's: one per year holds across quarters, one per month does not.
  r = ApplyCaps({Capped("y1", "m1", 100, CivilDay(2027, 3, 31), SpanKind::kYear, 0, 1),
                 Capped("y2", "m1", 100, CivilDay(2027, 4, 1), SpanKind::kYear, 0, 1),
                 Capped("y3", "m1", 100, CivilDay(2028, 1, 1), SpanKind::kYear, 0, 1)},
                {});
  EXPECT_EQ(r.included, (Ids{"y1", "y3"}));
  ASSERT_EQ(r.held_back.size(), 1u);
  EXPECT_EQ(r.held_back[0].entry_id, "y2");
  EXPECT_NE(r.held_back[0].detail.find("per YEAR 2027 "), std::string::npos) << r.held_back[0].detail;

  r = ApplyCaps({Capped("n1", "m1", 100, CivilDay(2027, 1, 31), SpanKind::kMonth, 0, 1),
                 Capped("n2", "m1", 100, CivilDay(2027, 2, 1), SpanKind::kMonth, 0, 1),
                 Capped("n3", "m1", 100, CivilDay(2027, 2, 28), SpanKind::kMonth, 0, 1)},
                {});
  EXPECT_EQ(r.included, (Ids{"n1", "n2"}));
  ASSERT_EQ(r.held_back.size(), 1u);
  EXPECT_NE(r.held_back[0].detail.find("per MONTH 2027-02 "), std::string::npos) << r.held_back[0].detail;

  // Half-years: prior usage in H1 does not hold an H2 entry.
  r = ApplyCaps({Capped("h1", "m1", 100, CivilDay(2027, 6, 30), SpanKind::kHalfYear, 0, 1),
                 Capped("h2", "m1", 100, CivilDay(2027, 7, 1), SpanKind::kHalfYear, 0, 1)},
                {Prior("m1", 100, CivilDay(2027, 1, 1))});
  EXPECT_EQ(r.included, (Ids{"h2"}));
  EXPECT_EQ(HeldIds(r), (Ids{"h1"}));
}

TEST(SettlementCapsTest, ReversalsAreAlwaysIncludedAndNotCounted) {
  const CapCandidate original = TwoPerQuarter("r1", "m1", kQ1);
  // The cap is already reached by settled entries; reversals still pass.
  CapResult r = ApplyCaps({Reversal(original), TwoPerQuarter("e1", "m1", kQ1), Reversal(TwoPerQuarter("r2", "m1", kQ1))},
                          {Prior("m1", 80000, kQ1), Prior("m1", 80000, kQ1)});
  EXPECT_EQ(r.included, (Ids{"r1", "r2"}));
  EXPECT_EQ(HeldIds(r), (Ids{"e1"}));

  // Reversals in the batch do not use up the count cap.
  r = ApplyCaps({Reversal(TwoPerQuarter("r1", "m1", kQ1)), Reversal(TwoPerQuarter("r2", "m1", kQ1)),
                 Reversal(TwoPerQuarter("r3", "m1", kQ1)), TwoPerQuarter("e1", "m1", kQ1),
                 TwoPerQuarter("e2", "m1", kQ1), TwoPerQuarter("e3", "m1", kQ1)},
                {});
  EXPECT_EQ(r.included, (Ids{"r1", "r2", "r3", "e1", "e2"}));
  EXPECT_EQ(HeldIds(r), (Ids{"e3"}));

  // A reversal under an amount cap it would "exceed" in magnitude is included.
  r = ApplyCaps({Reversal(ThousandPerQuarter("r1", "m1", 500000, kQ1))}, {Prior("m1", 100000, kQ1)});
  EXPECT_EQ(r.included, (Ids{"r1"}));
  EXPECT_TRUE(r.held_back.empty());
}

TEST(SettlementCapsTest, UncappedEntriesAreIncluded) {
  // No cap period: caps are ignored.
  CapResult r = ApplyCaps({Capped("e1", "m1", 100, kQ1, SpanKind::kUnspecified, 1, 1),
                           Capped("e2", "m1", 100, kQ1, SpanKind::kUnspecified, 1, 1)},
                          {Prior("m1", 100, kQ1)});
  EXPECT_EQ(r.included, (Ids{"e1", "e2"}));
  EXPECT_TRUE(r.held_back.empty());
  // A cap period without caps.
  r = ApplyCaps({Capped("e1", "m1", kMaxSubsidyFen, kQ1, SpanKind::kQuarter, 0, 0),
                 Capped("e2", "m1", kMaxSubsidyFen, kQ1, SpanKind::kQuarter, 0, 0)},
                {Prior("m1", kMaxSubsidyFen, kQ1)});
  EXPECT_EQ(r.included, (Ids{"e1", "e2"}));
  EXPECT_TRUE(r.held_back.empty());
  // Mixed with capped ones: the order of the candidates is kept.
  r = ApplyCaps({Capped("u1", "m1", 100, kQ1, SpanKind::kUnspecified, 0, 0), Capped("c1", "m1", 100, kQ1, SpanKind::kQuarter, 0, 1),
                 Capped("u2", "m1", 100, kQ1, SpanKind::kUnspecified, 0, 0), Capped("c2", "m1", 100, kQ1, SpanKind::kQuarter, 0, 1)},
                {});
  EXPECT_EQ(r.included, (Ids{"u1", "c1", "u2"}));
  EXPECT_EQ(HeldIds(r), (Ids{"c2"}));
  EXPECT_TRUE(ApplyCaps({}, {Prior("m1", 100, kQ1)}).included.empty());
}

// ---------------------------------------------------------------- budget

TEST(SettlementTest, CheckBudget) {
  BudgetLine line;
  line.source = FundingSource::kHrss;
  line.budgeted_fen = 1000000;  // 10000.00 yuan
  line.approved_fen = 300000;
  line.paid_fen = 200000;
  EXPECT_EQ(line.remaining(), 500000);

  EXPECT_TRUE(CheckBudget(line, "420100", 2027, 0).ok());
  EXPECT_TRUE(CheckBudget(line, "420100", 2027, 499999).ok());
  EXPECT_TRUE(CheckBudget(line, "420100", 2027, 500000).ok()) << "exactly enough";

  const absl::Status s = CheckBudget(line, "420100", 2027, 500001);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s).value_or(""), "BUDGET_INSUFFICIENT");
  for (const char* part : {"the batch needs 5000.01 yuan", "HRSS budget of 420100 for 2027 has 5000.00 yuan left",
                           "budgeted 10000.00 yuan", "approved 3000.00 yuan", "paid 2000.00 yuan",
                           "short by 0.01 yuan"}) {
    EXPECT_NE(Message(s).find(part), std::string::npos) << part << " in " << s;
  }

  BudgetLine empty;
  empty.source = FundingSource::kUnion;
  const absl::Status none = CheckBudget(empty, "420000", 2028, 80000);
  EXPECT_EQ(ReasonOf(none).value_or(""), "BUDGET_INSUFFICIENT");
  EXPECT_NE(Message(none).find("UNION budget of 420000 for 2028"), std::string::npos) << none;
  EXPECT_NE(Message(none).find("short by 800.00 yuan"), std::string::npos) << none;
}

// ---------------------------------------------------------------- reversals

LedgerEntry Entry() {
  LedgerEntry e;
  e.id = "entry-1";
  e.sequence = 17;
  e.kind = LedgerEntryKind::kAccrual;
  e.case_id = "case-1";
  e.case_number = "鄂武劳人仲案字〔2027〕第1号";
  e.delegation_id = "del-1";
  e.region_code = "420102";
  e.commission_id = "com-1";
  e.room_id = "room-1";
  e.mediator_id = "med-1";
  e.outcome = "SUCCEEDED_PERFORMED";
  e.outcome_time = absl::FromUnixSeconds(1800000000);
  e.period_day = CivilDay(2027, 2, 10);
  e.tier = SubsidyTier::kComplex;
  e.amount_fen = 120000;
  e.standard_id = "std-1";
  e.rule = "complex case: 1200.00 yuan under 420100 from 2026-01-01 (鄂人社发〔2026〕1号)";
  e.created_by = "system";
  e.create_time = absl::FromUnixSeconds(1800000000);
  return e;
}

TEST(SettlementTest, CheckReversible) {
  using S = BatchStatus;
  struct Row {
    const char* name;
    LedgerEntryKind kind;
    const char* reversed_by;
    S live_batch;
    const char* reason;  // "" for OK
  };
  const Row rows[] = {
      {"an accrual in no batch", LedgerEntryKind::kAccrual, "", S::kUnspecified, ""},
      {"an accrual paid", LedgerEntryKind::kAccrual, "", S::kPaid, ""},
      {"an accrual in a draft batch", LedgerEntryKind::kAccrual, "", S::kDraft, "ENTRY_NOT_REVERSIBLE"},
      {"an accrual in a checked batch", LedgerEntryKind::kAccrual, "", S::kChecked, "ENTRY_NOT_REVERSIBLE"},
      {"an accrual in an approved batch", LedgerEntryKind::kAccrual, "", S::kApproved, "ENTRY_NOT_REVERSIBLE"},
      {"an accrual reversed before", LedgerEntryKind::kAccrual, "rev-1", S::kUnspecified, "ENTRY_ALREADY_REVERSED"},
      {"an accrual reversed before, paid", LedgerEntryKind::kAccrual, "rev-1", S::kPaid, "ENTRY_ALREADY_REVERSED"},
      {"reversed before wins over a live batch", LedgerEntryKind::kAccrual, "rev-1", S::kDraft,
       "ENTRY_ALREADY_REVERSED"},
      {"a reversal", LedgerEntryKind::kReversal, "", S::kUnspecified, "ENTRY_NOT_REVERSIBLE"},
      {"a paid reversal", LedgerEntryKind::kReversal, "", S::kPaid, "ENTRY_NOT_REVERSIBLE"},
      {"a reversal wins over reversed_by", LedgerEntryKind::kReversal, "rev-1", S::kUnspecified,
       "ENTRY_NOT_REVERSIBLE"},
      {"no kind", LedgerEntryKind::kUnspecified, "", S::kUnspecified, "ENTRY_NOT_REVERSIBLE"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    LedgerEntry e = Entry();
    e.kind = r.kind;
    e.reversed_by = r.reversed_by;
    if (r.live_batch != S::kUnspecified) e.batch_id = "batch-9";
    const absl::Status s = CheckReversible(e, r.live_batch);
    if (*r.reason == '\0') {
      EXPECT_TRUE(s.ok()) << s;
      continue;
    }
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(s).value_or(""), r.reason) << s;
    if (std::string(r.reason) == "ENTRY_ALREADY_REVERSED") {
      EXPECT_NE(Message(s).find("rev-1"), std::string::npos) << s;
    } else if (r.kind == LedgerEntryKind::kAccrual) {
      EXPECT_NE(Message(s).find(absl::StrCat(BatchStatusName(r.live_batch), " batch batch-9")), std::string::npos)
          << s;
    }
  }
}

TEST(SettlementTest, ReversalOf) {
  LedgerEntry e = Entry();
  e.reversed_by = "";
  e.batch_id = "batch-paid";
  e.paid_time = absl::FromUnixSeconds(1810000000);
  const CivilDay today(2027, 8, 3);
  const LedgerEntry r = ReversalOf(e, today);

  EXPECT_EQ(r.kind, LedgerEntryKind::kReversal);
  EXPECT_EQ(r.amount_fen, -120000);
  EXPECT_EQ(r.reverses, "entry-1");
  EXPECT_EQ(r.period_day, today);
  EXPECT_EQ(PeriodContaining(r.period_day, SpanKind::kQuarter), (Period{2027, SpanKind::kQuarter, 3}));
  // A new entry: its id and sequence come from storage; not in any batch.
  EXPECT_EQ(r.id, "");
  EXPECT_EQ(r.sequence, 0);
  EXPECT_EQ(r.reversed_by, "");
  EXPECT_EQ(r.batch_id, "");
  EXPECT_FALSE(r.paid_time.has_value());
  EXPECT_EQ(r.no_subsidy, NoSubsidy::kNone);
  EXPECT_EQ(r.rule, "reversal of entry entry-1 (1200.00 yuan)");
  // The same case, mediator, place and tier.
  EXPECT_EQ(r.case_id, e.case_id);
  EXPECT_EQ(r.case_number, e.case_number);
  EXPECT_EQ(r.delegation_id, e.delegation_id);
  EXPECT_EQ(r.region_code, e.region_code);
  EXPECT_EQ(r.commission_id, e.commission_id);
  EXPECT_EQ(r.room_id, e.room_id);
  EXPECT_EQ(r.mediator_id, e.mediator_id);
  EXPECT_EQ(r.outcome, e.outcome);
  EXPECT_EQ(r.outcome_time, e.outcome_time);
  EXPECT_EQ(r.tier, e.tier);
  EXPECT_EQ(r.standard_id, e.standard_id);

  // A reversal is never reversed.
  EXPECT_EQ(ReasonOf(CheckReversible(r, BatchStatus::kUnspecified)).value_or(""), "ENTRY_NOT_REVERSIBLE");
}

}  // namespace
}  // namespace caitiao::domain
