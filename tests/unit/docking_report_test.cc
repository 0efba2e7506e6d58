// Which event adds to which figure (RollupOf), the cut and breakdown rule,
// percentiles of a histogram, and the report's rows from rollup sums.
#include "services/domain/docking_report.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "services/domain/report_figures.h"
#include "services/domain/report_rollup.h"

namespace caitiao::domain {
namespace {

const absl::CivilDay kDay(2026, 3, 10);

TEST(ReportRollupTest, EachCountedEventAddsToItsFigures) {
  ReportContext delegated;
  delegated.delegated_on = absl::CivilDay(2026, 3, 1);
  delegated.claimed_fen = 5000;
  EXPECT_EQ(RollupOf("CASE_CREATED", "applicants=1", {}, kDay), (std::vector<RollupDelta>{{"RECEIVED", "", 1, 0}}));
  EXPECT_EQ(RollupOf("ELIGIBILITY_ASSESSED", "eligible=false unmet=A,B", {}, kDay),
            (std::vector<RollupDelta>{{"ASSESSED_INELIGIBLE", "", 1, 0}, {"UNMET_CRITERION", "A", 1, 0},
                                      {"UNMET_CRITERION", "B", 1, 0}}));
  EXPECT_EQ(RollupOf("CASE_DELEGATED", "room=r route=AFTER_FILING letter=L", delegated, kDay),
            (std::vector<RollupDelta>{{"DELEGATED", "AFTER_FILING", 1, 5000}}))
      << "the fen claimed at delegation";
  EXPECT_EQ(RollupOf("CASE_DELEGATION_DECLINED", "", {}, kDay), (std::vector<RollupDelta>{{"DECLINED", "OTHER", 1, 0}}))
      << "declines recorded before grounds existed count as OTHER";
  EXPECT_EQ(RollupOf("MEDIATION_SUCCEEDED", "path=SUCCEEDED_DOCUMENT", delegated, kDay),
            (std::vector<RollupDelta>{{"SUCCEEDED", "SUCCEEDED_DOCUMENT", 1, 0}, {"OUTCOME_DAYS", "9", 1, 0},
                                      {"CLOSED", "MEDIATION", 1, 0}}));
  EXPECT_EQ(RollupOf("MEDIATION_FAILED", "reason=PERIOD_EXPIRED", {}, kDay),
            (std::vector<RollupDelta>{{"FAILED", "PERIOD_EXPIRED", 1, 0}}))
      << "no delegation day known: no days";
  EXPECT_EQ(RollupOf("CASE_CLOSED", "manner=TRIBUNAL_MEDIATION", {}, kDay),
            (std::vector<RollupDelta>{{"CLOSED", "TRIBUNAL_MEDIATION", 1, 0}}));
  EXPECT_EQ(RollupOf("AGREEMENT_EFFECTIVE", "agreement=X agreed_fen=700", {}, kDay),
            (std::vector<RollupDelta>{{"AGREEMENT_EFFECTIVE", "", 1, 700}}));
  EXPECT_TRUE(RollupOf("CASE_UPDATED", "fields=claims", {}, kDay).empty());
  EXPECT_FALSE(CountsInReports("CASE_UPDATED"));
  EXPECT_TRUE(CountsInReports("PERFORMANCE_RECORDED"));
}

TEST(ReportRollupTest, ContextRoundTripsAndTheMediatorNamedWins) {
  ReportContext c{"room-1", "mediator-1", absl::CivilDay(2026, 2, 3), 123};
  EXPECT_EQ(ParseReportContext(ReportContextText(c)), c);
  EXPECT_EQ(ParseReportContext("garbage delegated_on=2026-02-30 claimed_fen=x"), ReportContext{});
  EXPECT_EQ(ReportMediator("mediator=m2", c), "m2");
  EXPECT_EQ(ReportMediator("agreement=A", c), "mediator-1");
}

TEST(DockingReportTest, TheBreakdownMustBeFinerThanTheCut) {
  ReportCut region{"420000", "", "", ""};
  for (auto d : {ReportDimension::kNone, ReportDimension::kRegion, ReportDimension::kCommission, ReportDimension::kRoom,
                 ReportDimension::kMediator}) {
    EXPECT_TRUE(CheckBreakdown(region, d).ok());
  }
  ReportCut room{"420000", "", "room", ""};
  EXPECT_FALSE(CheckBreakdown(room, ReportDimension::kRegion).ok());
  EXPECT_FALSE(CheckBreakdown(room, ReportDimension::kCommission).ok());
  EXPECT_FALSE(CheckBreakdown(room, ReportDimension::kRoom).ok());
  EXPECT_TRUE(CheckBreakdown(room, ReportDimension::kMediator).ok());
  ReportCut mediator{"420000", "", "", "m"};
  EXPECT_FALSE(CheckBreakdown(mediator, ReportDimension::kMediator).ok());
  EXPECT_TRUE(CheckBreakdown(mediator, ReportDimension::kNone).ok());
}

TEST(DockingReportTest, HistogramPercentilesEqualThoseOfTheExpandedValues) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::pair<int, int64_t>> histogram;
    std::vector<int> values;
    const int distinct = static_cast<int>(random() % 6);
    for (int i = 0; i < distinct; ++i) {
      const int value = static_cast<int>(random() % 90), count = 1 + static_cast<int>(random() % 4);
      histogram.emplace_back(value, count);
      values.insert(values.end(), static_cast<size_t>(count), value);
    }
    for (double p : {0.5, 0.9, 1.0}) EXPECT_EQ(HistogramPercentile(histogram, p), NearestRankPercentile(values, p));
  }
}

TEST(DockingReportTest, RowsPerGroupAndMonthThenTheTotal) {
  const std::vector<RollupSum> sums = {
      {"a", 2026, 1, "RECEIVED", "", 3, 0},      {"a", 2026, 2, "RECEIVED", "", 1, 0},
      {"b", 2026, 2, "RECEIVED", "", 2, 0},      {"b", 2026, 2, "SUCCEEDED", "SUCCEEDED_PERFORMED", 1, 0},
      {"b", 2026, 2, "FAILED", "PARTY_REFUSED", 3, 0}, {"b", 2026, 2, "OUTCOME_DAYS", "10", 3, 0},
      {"b", 2026, 2, "OUTCOME_DAYS", "40", 1, 0}, {"a", 2025, 12, "RECEIVED", "", 9, 0},  // before the period
      {"c", 2026, 1, "RECEIVED", "", 4, 0}};                                              // not a group: total only
  const std::vector<SubsidySum> subsidies = {{"b", 2026, 2, 50000, 0, 50000, 20000}};
  const std::vector<OpenCount> open = {{"a", 2, 1}};
  const auto rows = DockingReport(sums, subsidies, open, {"a", "b"}, true, absl::CivilMonth(2026, 1),
                                  absl::CivilMonth(2026, 2));
  ASSERT_EQ(rows.size(), 9u) << "a, b and the total; each the whole period and two months";
  EXPECT_EQ(std::make_tuple(rows[0].group, rows[0].month, rows[0].figures.received), std::make_tuple("a", 0, 4));
  EXPECT_EQ(rows[0].figures.open_now, 2);
  EXPECT_EQ(rows[0].figures.overdue_now, 1);
  EXPECT_FALSE(rows[1].figures.open_now.has_value()) << "now is not a month";
  EXPECT_EQ(rows[1].figures.received, 3);
  const auto& b = rows[3].figures;
  EXPECT_EQ(std::make_tuple(b.received, b.succeeded, b.failed), std::make_tuple(2, 1, 3));
  EXPECT_DOUBLE_EQ(*b.success_rate, 0.25);
  EXPECT_EQ(b.median_days, 10);
  EXPECT_EQ(b.p90_days, 40);
  EXPECT_EQ(b.failures_by_reason, (std::vector<DetailCount>{{"PARTY_REFUSED", 3}}));
  EXPECT_EQ(std::make_tuple(b.subsidy_accrued_fen, b.subsidy_approved_fen, b.subsidy_paid_fen),
            std::make_tuple(50000, 50000, 20000));
  EXPECT_EQ(rows[4].figures.received, 0) << "b received nothing in January";
  EXPECT_EQ(std::make_tuple(rows[6].group, rows[6].figures.received), std::make_tuple("", 10))
      << "the total counts c too, not December";
  EXPECT_FALSE(rows[0].figures.success_rate.has_value()) << "no outcome: no rate";
}

}  // namespace
}  // namespace caitiao::domain
