#include "services/domain/report_figures.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caitiao::domain {
namespace {

using K = ClosingKind;

TEST(ReportFiguresTest, ClosingKindOfEachClosingEvent) {
  EXPECT_EQ(ClosingKindOf("MEDIATION_SUCCEEDED", ""), K::kMediation);
  EXPECT_EQ(ClosingKindOf("CASE_CLOSED", "AWARD"), K::kAward);
  EXPECT_EQ(ClosingKindOf("CASE_CLOSED", "TRIBUNAL_MEDIATION"), K::kTribunalMediation);
  EXPECT_EQ(ClosingKindOf("CASE_CLOSED", "TERMINATED"), K::kTerminated);
  EXPECT_EQ(ClosingKindOf("CASE_WITHDRAWN", ""), K::kWithdrawn);
  EXPECT_EQ(ClosingKindOf("CASE_NOT_ACCEPTED", ""), K::kNotAccepted);
  EXPECT_EQ(ClosingKindOf("MEDIATION_FAILED", ""), K::kUnspecified) << "a failure closes nothing: arbitration goes on";
  EXPECT_EQ(ClosingKindOf("CASE_CLOSED", ""), K::kUnspecified);
}

TEST(ReportFiguresTest, MediationShareByChildMonthOwnAndTotal) {
  const std::vector<ClosingCount> counts = {
      {"420102", 2026, 1, K::kMediation, 3}, {"420102", 2026, 1, K::kAward, 1},
      {"420103", 2026, 2, K::kWithdrawn, 2}, {"420100", 2026, 2, K::kMediation, 1},  // the city's own
      {"420102", 2026, 4, K::kMediation, 9},                                          // outside the months
      {"420102", 2026, 2, K::kUnspecified, 5},
  };
  const auto rows = MediationShare(counts, "420100", {"420102", "420103"}, absl::CivilMonth(2026, 1),
                                   absl::CivilMonth(2026, 2));
  ASSERT_EQ(rows.size(), 12u) << "two children, own, total; each whole + 2 months";
  auto at = [&](size_t i) { return rows[i]; };
  EXPECT_EQ((std::vector<std::string>{at(0).region_code, at(3).region_code, at(6).region_code, at(9).region_code}),
            (std::vector<std::string>{"420102", "420103", "420100", "420100"}));
  EXPECT_TRUE(at(6).own);
  EXPECT_FALSE(at(9).own);
  EXPECT_EQ((std::vector<int64_t>{at(0).closed, at(0).by_mediation}), (std::vector<int64_t>{4, 3}));
  EXPECT_DOUBLE_EQ(*at(0).share, 0.75);
  EXPECT_EQ((std::vector<int>{at(1).month, at(2).month}), (std::vector<int>{1, 2}));
  EXPECT_EQ(at(2).closed, 0);
  EXPECT_FALSE(at(2).share.has_value()) << "nothing closed: no share, not 0";
  EXPECT_DOUBLE_EQ(*at(3).share, 0.0);
  EXPECT_EQ(at(9).closed, 7);
  EXPECT_EQ(at(9).by_kind[static_cast<int>(K::kWithdrawn)], 2);
  EXPECT_DOUBLE_EQ(*at(9).share, 4.0 / 7.0);
  EXPECT_EQ(at(11).closed, 3);  // February: two withdrawals and the city's own success
}

TEST(ReportFiguresTest, NoOwnRowsWhenEveryCaseIsInAChild) {
  const auto rows = MediationShare({{"420102", 2026, 1, K::kMediation, 1}}, "420100", {"420102"},
                                   absl::CivilMonth(2026, 1), absl::CivilMonth(2026, 1));
  ASSERT_EQ(rows.size(), 4u);
  for (const auto& r : rows) EXPECT_FALSE(r.own);
}

TEST(ReportFiguresTest, NearestRankPercentile) {
  EXPECT_FALSE(NearestRankPercentile({}, 0.5).has_value());
  EXPECT_EQ(NearestRankPercentile({7}, 0.5), 7);
  EXPECT_EQ(NearestRankPercentile({4, 1, 3, 2}, 0.5), 2);
  EXPECT_EQ(NearestRankPercentile({5, 1, 4, 2, 3}, 0.5), 3);
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10);
  EXPECT_EQ(NearestRankPercentile({3, 3, 3}, 1.0), 3);
}

TEST(ReportFiguresTest, RoomsRankedAndFlagged) {
  RoomFigures good{"a", "甲室", RoomKind::kJointDockingRoom, "420102", 4, 4, 0, 3, 1, 0, 2, 1, 80000, {{3, 1}, {10, 1}, {5, 1}, {7, 1}}};
  RoomFigures weak{"b", "乙室", RoomKind::kJointDockingRoom, "420103", 9, 8, 1, 1, 3, 2, 1, 2, 0, {{1, 1}, {2, 1}, {3, 1}, {4, 1}}};
  RoomFigures idle{"c", "丙室", RoomKind::kJointDockingRoom, "420104", 0, 0, 0, 0, 0, 0, 0, 0, 0, {}};
  RoomFigures twin{"d", "丁室", RoomKind::kJointDockingRoom, "420105", 8, 8, 0, 3, 1, 0, 2, 1, 0, {}};
  const auto rows = ReviewRooms({idle, weak, good, twin}, ReviewThresholds{50, 3});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ((std::vector<std::string>{rows[0].figures.room_id, rows[1].figures.room_id, rows[2].figures.room_id,
                                      rows[3].figures.room_id}),
            (std::vector<std::string>{"d", "a", "b", "c"}))
      << "equal rates: more cases first; no outcomes last";
  EXPECT_EQ((std::vector<int>{rows[0].rank, rows[3].rank}), (std::vector<int>{1, 4}));
  EXPECT_DOUBLE_EQ(*rows[1].success_rate, 0.75);
  EXPECT_EQ(rows[1].median_days, 5);
  EXPECT_TRUE(rows[1].flags.empty());
  EXPECT_EQ(rows[2].flags, (std::vector<RoomFlag>{RoomFlag::kLowSuccessRate, RoomFlag::kMediatorsBelowMinimum,
                                                  RoomFlag::kOverdue}));
  EXPECT_EQ(rows[3].flags, (std::vector<RoomFlag>{RoomFlag::kNoCase}));
  EXPECT_FALSE(rows[3].success_rate.has_value());
  const auto strict = ReviewRooms({good}, ReviewThresholds{80, 4});
  EXPECT_EQ(strict[0].flags, (std::vector<RoomFlag>{RoomFlag::kLowSuccessRate}));
  const auto few = ReviewRooms({good}, ReviewThresholds{80, 5});
  EXPECT_TRUE(few[0].flags.empty()) << "too few outcomes to judge the rate";
}

}  // namespace
}  // namespace caitiao::domain
