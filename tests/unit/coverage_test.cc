// The pilot-coverage rules: rooms active on a day, pilots by date, targets and
// their milestones by date, the report's three lists, and the region list's
// parsing and load plan.
#include <gtest/gtest.h>

#include "services/domain/coverage.h"
#include "services/domain/errors.h"
#include "services/domain/region_list.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

RoomActivity Room(std::string region, CivilDay opened, std::vector<RoomActivity::Change> changes = {}) {
  return {"room-" + region, std::move(region), opened, std::move(changes)};
}

TEST(RoomActiveOnTest, FollowsOpeningAndTheLastChangeOnOrBeforeTheDay) {
  struct Case {
    const char* what;
    RoomActivity room;
    CivilDay day;
    bool active;
  };
  const CivilDay opened(2024, 1, 1);
  const Case cases[] = {
      {"before opening", Room("420102", opened), CivilDay(2023, 12, 31), false},
      {"on the opening day", Room("420102", opened), opened, true},
      {"no change", Room("420102", opened), CivilDay(2026, 1, 1), true},
      {"the day before deactivation", Room("420102", opened, {{CivilDay(2024, 6, 1), false}}), CivilDay(2024, 5, 31),
       true},
      {"on the day of deactivation", Room("420102", opened, {{CivilDay(2024, 6, 1), false}}), CivilDay(2024, 6, 1),
       false},
      {"reactivated", Room("420102", opened, {{CivilDay(2024, 6, 1), false}, {CivilDay(2024, 7, 1), true}}),
       CivilDay(2024, 7, 2), true},
      {"between", Room("420102", opened, {{CivilDay(2024, 6, 1), false}, {CivilDay(2024, 7, 1), true}}),
       CivilDay(2024, 6, 15), false},
      {"off and on the same day: the last wins",
       Room("420102", opened, {{CivilDay(2024, 6, 1), false}, {CivilDay(2024, 6, 1), true}}), CivilDay(2024, 6, 1),
       true},
  };
  for (const auto& c : cases) EXPECT_EQ(RoomActiveOn(c.room, c.day), c.active) << c.what;
}

TEST(PilotSinceTest, TheEntryInForceDecides) {
  const std::vector<PilotEntry> entries = {
      {"420102", CivilDay(2024, 3, 1), true, "", "", {}},
      {"420102", CivilDay(2024, 9, 1), false, "", "", {}},
      {"420103", CivilDay(2024, 1, 1), true, "", "", {}},
  };
  EXPECT_EQ(PilotSince(entries, "420102", CivilDay(2024, 2, 29)), std::nullopt);
  EXPECT_EQ(PilotSince(entries, "420102", CivilDay(2024, 3, 1)), CivilDay(2024, 3, 1));
  EXPECT_EQ(PilotSince(entries, "420102", CivilDay(2024, 9, 1)), std::nullopt);
  EXPECT_EQ(PilotSince(entries, "420103", CivilDay(2030, 1, 1)), CivilDay(2024, 1, 1));
  EXPECT_EQ(PilotSince(entries, "420104", CivilDay(2030, 1, 1)), std::nullopt);
}

TEST(PilotEntryTest, OnlyCitiesAndCountiesArePilots) {
  PilotEntry e{"420000", CivilDay(2024, 1, 1), true, "", "", {}};
  EXPECT_TRUE(ValidatePilotEntry(e, RegionLevel::kProvince).Has("region_code"));
  e.region_code = "420100";
  EXPECT_TRUE(ValidatePilotEntry(e, RegionLevel::kCity).empty());
  e.note = std::string(501, 'x');
  EXPECT_TRUE(ValidatePilotEntry(e, RegionLevel::kCity).Has("note"));
}

TEST(AddMonthsTest, KeepsTheDayOrCutsToTheMonthsEnd) {
  EXPECT_EQ(AddMonths(CivilDay(2023, 6, 1), 12), CivilDay(2024, 6, 1));
  EXPECT_EQ(AddMonths(CivilDay(2023, 6, 1), 24), CivilDay(2025, 6, 1));
  EXPECT_EQ(AddMonths(CivilDay(2023, 1, 31), 1), CivilDay(2023, 2, 28));
  EXPECT_EQ(AddMonths(CivilDay(2023, 1, 31), 13), CivilDay(2024, 2, 29));
  EXPECT_EQ(AddMonths(CivilDay(2023, 11, 30), 3), CivilDay(2024, 2, 29));
}

CoverageTarget Hubei() {
  CoverageTarget t;
  t.province_code = "420000";
  t.effective_from = CivilDay(2023, 6, 1);
  t.pilot_start = CivilDay(2023, 6, 1);
  t.milestones = {{12, 50, false}, {24, 0, true}};
  return t;
}

TEST(CoverageTargetTest, ValidatesMilestones) {
  EXPECT_TRUE(ValidateCoverageTarget(Hubei()).empty());
  CoverageTarget t = Hubei();
  t.province_code = "420100";
  t.milestones = {{0, 1, false}, {12, 0, false}, {6, 3, true}};
  const FieldViolations v = ValidateCoverageTarget(t);
  EXPECT_TRUE(v.Has("province_code"));
  EXPECT_TRUE(v.Has("milestones[0].after_months"));
  EXPECT_TRUE(v.Has("milestones[1].min_covered"));
  EXPECT_TRUE(v.Has("milestones[2].after_months"));
  EXPECT_TRUE(v.Has("milestones[2].min_covered"));
  t.milestones.clear();
  EXPECT_TRUE(ValidateCoverageTarget(t).Has("milestones"));
}

TEST(CoverageTargetTest, TheVersionInForceByDate) {
  CoverageTarget later = Hubei();
  later.effective_from = CivilDay(2025, 1, 1);
  later.milestones = {{6, 80, false}};
  const std::vector<CoverageTarget> versions = {later, Hubei()};
  EXPECT_EQ(TargetInForce(versions, CivilDay(2023, 5, 31)), nullptr);
  EXPECT_EQ(TargetInForce(versions, CivilDay(2023, 6, 1))->milestones.size(), 2u);
  EXPECT_EQ(TargetInForce(versions, CivilDay(2025, 1, 1))->milestones.size(), 1u);
}

// Hubei-like: a province, two cities, three counties.
std::vector<Region> Regions() {
  return {{"420000", "湖北省", RegionLevel::kProvince, "", {}},
          {"420100", "武汉市", RegionLevel::kCity, "420000", {}},
          {"420102", "江岸区", RegionLevel::kCounty, "420100", {}},
          {"420103", "江汉区", RegionLevel::kCounty, "420100", {}},
          {"420500", "宜昌市", RegionLevel::kCity, "420000", {}},
          {"429004", "仙桃市", RegionLevel::kCounty, "420000", {}},
          {"430102", "芙蓉区", RegionLevel::kCounty, "430100", {}}};
}

std::vector<std::string> Codes(const std::vector<RegionCoverage>& list) {
  std::vector<std::string> out;
  for (const auto& r : list) out.push_back(r.region.code);
  return out;
}

TEST(DecideCoverageTest, SplitsTheProvinceIntoThreeListsAndChecksTheTarget) {
  const std::vector<RoomActivity> rooms = {
      Room("420102", CivilDay(2023, 7, 1)),
      Room("420102", CivilDay(2023, 8, 1)),
      Room("420103", CivilDay(2023, 7, 1), {{CivilDay(2024, 3, 1), false}}),
      Room("420000", CivilDay(2023, 7, 1)),  // a province room covers no city or county
      Room("430102", CivilDay(2023, 7, 1)),  // another province
  };
  const std::vector<PilotEntry> pilots = {{"420500", CivilDay(2023, 6, 1), true, "", "", {}},
                                          {"420102", CivilDay(2023, 6, 1), true, "", "", {}}};
  const std::vector<CoverageTarget> targets = {Hubei()};

  CoverageReport r = DecideCoverage("420000", CivilDay(2024, 1, 1), Regions(), rooms, pilots, targets);
  EXPECT_EQ(r.total, 5);
  EXPECT_EQ(r.pilots, 2);
  EXPECT_EQ(Codes(r.covered), (std::vector<std::string>{"420102", "420103"}));
  EXPECT_EQ(r.covered[0].rooms_active, 2);
  EXPECT_EQ(Codes(r.pilot_without_room), (std::vector<std::string>{"420500"}));
  EXPECT_EQ(Codes(r.uncovered), (std::vector<std::string>{"420100", "429004"}));
  ASSERT_EQ(r.milestones.size(), 2u);
  EXPECT_EQ(r.applicable, std::nullopt);
  EXPECT_EQ(r.milestones[0].due_on, CivilDay(2024, 6, 1));
  EXPECT_EQ(r.milestones[1].required, 5);

  r = DecideCoverage("420000", CivilDay(2024, 6, 1), Regions(), rooms, pilots, targets);
  EXPECT_EQ(Codes(r.covered), (std::vector<std::string>{"420102"}));  // 420103's room closed on 2024-03-01
  EXPECT_EQ(r.applicable, 0u);
  EXPECT_TRUE(r.milestones[0].due);
  EXPECT_FALSE(r.milestones[0].met);  // 1 < 50

  r = DecideCoverage("420000", CivilDay(2023, 5, 1), Regions(), rooms, pilots, targets);
  EXPECT_FALSE(r.target.has_value());
  EXPECT_TRUE(r.milestones.empty());
  EXPECT_EQ(r.pilots, 0);
  EXPECT_EQ(r.uncovered.size(), 5u);
}

TEST(DecideCoverageTest, AllMeansEveryCityAndCounty) {
  CoverageTarget t = Hubei();
  t.milestones = {{1, 0, true}};
  std::vector<RoomActivity> rooms;
  for (const char* code : {"420100", "420102", "420103", "420500", "429004"}) {
    rooms.push_back(Room(code, CivilDay(2023, 6, 1)));
  }
  const CoverageReport r = DecideCoverage("420000", CivilDay(2023, 7, 1), Regions(), rooms, {}, {t});
  EXPECT_EQ(r.covered.size(), 5u);
  EXPECT_TRUE(r.milestones[0].met);
  EXPECT_EQ(r.applicable, 0u);
}

std::string MessageOf(const absl::StatusOr<std::vector<RegionListEntry>>& parsed) {
  EXPECT_FALSE(parsed.ok());
  EXPECT_EQ(ReasonOf(parsed.status()), "REGION_LIST_INVALID");
  return std::string(parsed.status().message());
}

TEST(ParseRegionListTest, ReadsTheShippedFormat) {
  const auto parsed = ParseRegionList(
      "\xEF\xBB\xBF"
      "code,name,level,parent_code\r\n420000,湖北省,province,\r\n\r\n420100,\"武汉市\",CITY,420000\r\n"
      "429004,仙桃市,county,420000\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 3u);
  EXPECT_EQ((*parsed)[1].line, 4);
  EXPECT_EQ((*parsed)[1].region.name, "武汉市");
  EXPECT_EQ((*parsed)[1].region.level, RegionLevel::kCity);
  EXPECT_EQ((*parsed)[2].region.parent_code, "420000");
}

TEST(ParseRegionListTest, NamesTheFirstBadLine) {
  const std::string h = "code,name,level,parent_code\n";
  const std::pair<std::string, std::string> cases[] = {
      {"", "line 1: the list is empty"},
      {h, "has a header and no regions"},
      {"code,name\n", "line 1: the header must be"},
      {h + "420000,湖北省,province\n", "line 2: has 3 fields"},
      {h + "420000,湖北省,province,\n42010,武汉市,city,420000\n", "line 3: code must be 6 digits"},
      {h + "420100,武汉市,county,420000\n", "line 2: level must be CITY"},
      {h + "420100,武汉市,town,420000\n", "line 2: level must be province, city or county"},
      {h + "420102,江岸区,county,430100\n", "line 2: parent_code must be 420100"},
      {h + "441900,东莞市,county,441900\n", "line 2: level must be CITY"},
      {h + "420000,湖北省,province,\n420000,湖北省,province,\n", "line 3: code 420000 is already on line 2"},
      {h + "420000,\"湖北省,province,\n", "line 2: a quoted field is not closed"},
      {h + "420000,,province,\n", "line 2: name"},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_NE(MessageOf(ParseRegionList(text)).find(expected), std::string::npos) << text << " -> " << expected;
  }
}

TEST(PlanRegionLoadTest, AddsRenamesMovesAndNeverDeletes) {
  const std::vector<Region> existing = {{"420000", "湖北省", RegionLevel::kProvince, "", {}},
                                        {"420100", "武汉", RegionLevel::kCity, "420000", {}},
                                        {"429004", "仙桃市", RegionLevel::kCounty, "429000", {}},
                                        {"420150", "测试区", RegionLevel::kCounty, "420100", {}}};
  const auto list = ParseRegionList(
      "code,name,level,parent_code\n420000,湖北省,province,\n420100,武汉市,city,420000\n"
      "429004,仙桃市,county,420000\n420102,江岸区,county,420100\n");
  ASSERT_TRUE(list.ok()) << list.status();
  const auto plan = PlanRegionLoad(existing, *list);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->added.size(), 1u);
  EXPECT_EQ(plan->renamed.size(), 1u);
  EXPECT_EQ(plan->moved.size(), 1u);
  EXPECT_EQ(plan->unchanged, 1);
  EXPECT_EQ(plan->absent, 1);

  const auto orphan = ParseRegionList("code,name,level,parent_code\n430102,芙蓉区,county,430100\n");
  ASSERT_TRUE(orphan.ok());
  const auto refused = PlanRegionLoad(existing, *orphan);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("line 2: parent_code 430100 is neither"), absl::string_view::npos);
}

}  // namespace
}  // namespace caitiao::domain
