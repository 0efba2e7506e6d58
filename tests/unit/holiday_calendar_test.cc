#include "services/domain/holiday_calendar.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "services/domain/builtin_calendars.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

constexpr char kV2025[] = "国办发明电〔2024〕12号";
constexpr char kV2026[] = "国办发明电〔2025〕7号";

CalendarSet China() { return BuiltInCalendars().value(); }

std::string Day(CivilDay d) { return absl::FormatCivilTime(d); }

HolidayCalendar Parse(std::string_view text) {
  return ParseHolidayCalendar(absl::string_view(text.data(), text.size())).value();
}

// ---- the shipped calendars ----

TEST(HolidayCalendarTest, BuiltIn_ParsesBothYearsWithTheirNotices) {
  const CalendarSet cn = China();
  ASSERT_NE(cn.Find(2025), nullptr);
  ASSERT_NE(cn.Find(2026), nullptr);
  EXPECT_EQ(cn.Find(2025)->version(), kV2025);
  EXPECT_EQ(cn.Find(2026)->version(), kV2026);
  // 元旦1 + 春节8 + 清明3 + 劳动节5 + 端午3 + 国庆中秋8; five make-up days.
  EXPECT_EQ(cn.Find(2025)->holidays().size(), 28u);
  EXPECT_EQ(cn.Find(2025)->workdays().size(), 5u);
  // 元旦3 + 春节9 + 清明3 + 劳动节5 + 端午3 + 中秋3 + 国庆7; six make-up days.
  EXPECT_EQ(cn.Find(2026)->holidays().size(), 33u);
  EXPECT_EQ(cn.Find(2026)->workdays().size(), 6u);
  EXPECT_FALSE(cn.HasYear(2024));
  EXPECT_FALSE(cn.HasYear(2027));
}

TEST(HolidayCalendarTest, BuiltIn_MakeUpWorkdaysAreExactlyThePublishedOnes) {
  const CalendarSet cn = China();
  EXPECT_EQ(
      cn.Find(2025)->workdays(),
      (std::vector<CivilDay>{CivilDay(2025, 1, 26), CivilDay(2025, 2, 8), CivilDay(2025, 4, 27),
                             CivilDay(2025, 9, 28), CivilDay(2025, 10, 11)}));
  EXPECT_EQ(
      cn.Find(2026)->workdays(),
      (std::vector<CivilDay>{CivilDay(2026, 1, 4), CivilDay(2026, 2, 14), CivilDay(2026, 2, 28),
                             CivilDay(2026, 5, 9), CivilDay(2026, 9, 20), CivilDay(2026, 10, 10)}));
}

TEST(HolidayCalendarTest, Classify_FollowsTheNoticesAndFallsBackToWeekends) {
  struct Case {
    CivilDay day;
    bool working;
    bool provisional;
    const char* why;
  };
  const std::vector<Case> cases = {
      // 2025
      {CivilDay(2025, 1, 1), false, false, "元旦 2025, a Wednesday"},
      {CivilDay(2025, 1, 2), true, false, "ordinary Thursday"},
      {CivilDay(2025, 1, 25), false, false, "ordinary Saturday"},
      {CivilDay(2025, 1, 26), true, false, "春节 make-up Sunday"},
      {CivilDay(2025, 1, 27), true, false, "Monday before 除夕"},
      {CivilDay(2025, 1, 28), false, false, "除夕, first day of 春节"},
      {CivilDay(2025, 2, 4), false, false, "正月初七, last day of 春节"},
      {CivilDay(2025, 2, 5), true, false, "first day back"},
      {CivilDay(2025, 2, 8), true, false, "春节 make-up Saturday"},
      {CivilDay(2025, 2, 9), false, false, "Sunday after the make-up Saturday"},
      {CivilDay(2025, 4, 4), false, false, "清明, Friday"},
      {CivilDay(2025, 4, 27), true, false, "劳动节 make-up Sunday"},
      {CivilDay(2025, 5, 5), false, false, "劳动节 last day, Monday"},
      {CivilDay(2025, 6, 2), false, false, "端午, Monday"},
      {CivilDay(2025, 9, 28), true, false, "国庆 make-up Sunday"},
      {CivilDay(2025, 10, 1), false, false, "国庆 first day"},
      {CivilDay(2025, 10, 8), false, false, "国庆中秋 eighth day"},
      {CivilDay(2025, 10, 9), true, false, "first day back after 国庆"},
      {CivilDay(2025, 10, 11), true, false, "国庆 make-up Saturday"},
      {CivilDay(2025, 12, 31), true, false, "new year's eve, Wednesday"},
      // 2026
      {CivilDay(2026, 1, 1), false, false, "元旦 2026"},
      {CivilDay(2026, 1, 3), false, false, "元旦 break, Saturday"},
      {CivilDay(2026, 1, 4), true, false, "元旦 make-up Sunday"},
      {CivilDay(2026, 2, 14), true, false, "春节 make-up Saturday before"},
      {CivilDay(2026, 2, 15), false, false, "春节 first day, 腊月二十八"},
      {CivilDay(2026, 2, 23), false, false, "春节 last day, Monday"},
      {CivilDay(2026, 2, 24), true, false, "first day back"},
      {CivilDay(2026, 2, 28), true, false, "春节 make-up Saturday after"},
      {CivilDay(2026, 5, 9), true, false, "劳动节 make-up Saturday"},
      {CivilDay(2026, 6, 19), false, false, "端午, Friday"},
      {CivilDay(2026, 9, 20), true, false, "国庆 make-up Sunday"},
      {CivilDay(2026, 9, 25), false, false, "中秋, Friday"},
      {CivilDay(2026, 10, 7), false, false, "国庆 last day, Wednesday"},
      {CivilDay(2026, 10, 8), true, false, "first day back after 国庆"},
      {CivilDay(2026, 10, 10), true, false, "国庆 make-up Saturday"},
      // No calendar: weekends alone decide, and the answer says so.
      {CivilDay(2027, 1, 1), true, true, "2027 元旦, unknown without a calendar"},
      {CivilDay(2027, 1, 2), false, true, "2027 Saturday"},
      {CivilDay(2028, 2, 29), true, true, "leap day 2028, Tuesday"},
      {CivilDay(2024, 12, 31), true, true, "2024 has no calendar either"},
  };
  const CalendarSet cn = China();
  for (const Case& c : cases) {
    EXPECT_EQ(cn.Classify(c.day), (Classification{c.working, c.provisional}))
        << Day(c.day) << " (" << c.why << ")";
    EXPECT_EQ(cn.KindOf(c.day), c.working ? DayKind::kWorkingDay : DayKind::kRestDay) << Day(c.day);
  }
}

TEST(HolidayCalendarTest, HolidayCalendar_KindOfAnotherYearUsesWeekendsOnly) {
  const HolidayCalendar cal = Parse("year 2026\nversion v\nholiday 2026-01-01\n");
  EXPECT_EQ(cal.KindOf(CivilDay(2026, 1, 1)), DayKind::kRestDay);
  EXPECT_EQ(cal.KindOf(CivilDay(2027, 1, 1)), DayKind::kWorkingDay);  // a Friday
  EXPECT_TRUE(cal.IsHoliday(CivilDay(2026, 1, 1)));
  EXPECT_FALSE(cal.IsMakeUpWorkday(CivilDay(2026, 1, 1)));
}

// ---- CalendarSet ----

TEST(HolidayCalendarTest, Add_ReplacingAYearReturnsTheOldVersion) {
  CalendarSet set;
  EXPECT_EQ(set.Add(Parse("year 2026\nversion first\nholiday 2026-01-02\n")), std::nullopt);
  EXPECT_EQ(set.KindOf(CivilDay(2026, 1, 2)), DayKind::kRestDay);

  EXPECT_EQ(set.Add(Parse("year 2026\nversion second\n")), "first");
  EXPECT_EQ(set.Find(2026)->version(), "second");
  EXPECT_EQ(set.KindOf(CivilDay(2026, 1, 2)), DayKind::kWorkingDay) << "the old holiday is gone";
}

TEST(HolidayCalendarTest, VersionsFor_NamesEveryYearInTheSpan) {
  const CalendarSet cn = China();
  struct Case {
    CivilDay from;
    CivilDay to;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {CivilDay(2026, 3, 1), CivilDay(2026, 3, 5), std::string("2026:") + kV2026},
      {CivilDay(2025, 12, 20), CivilDay(2026, 1, 10),
       std::string("2025:") + kV2025 + ",2026:" + kV2026},
      {CivilDay(2026, 1, 10), CivilDay(2025, 12, 20),  // either order
       std::string("2025:") + kV2025 + ",2026:" + kV2026},
      {CivilDay(2026, 12, 20), CivilDay(2027, 1, 10), std::string("2026:") + kV2026 + ",2027:none"},
      {CivilDay(2027, 1, 1), CivilDay(2027, 1, 1), "2027:none"},
      {CivilDay(2024, 12, 31), CivilDay(2028, 1, 1),
       std::string("2024:none,2025:") + kV2025 + ",2026:" + kV2026 + ",2027:none,2028:none"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(cn.VersionsFor(c.from, c.to), c.expected) << Day(c.from) << " .. " << Day(c.to);
  }
}

// ---- ParseHolidayCalendar ----

TEST(HolidayCalendarTest, Parse_AcceptsCommentsBlankLinesTabsAndCrlf) {
  const HolidayCalendar cal = Parse(
      "# 2030 test\r\n"
      "\r\n"
      "  year\t2030   # trailing comment\r\n"
      "version 国办发明电〔2029〕1号 \r\n"
      "holiday 2030-01-01\r\n"
      "holiday\t2030-02-02  2030-02-04\r\n"
      "workday 2030-02-10\r\n");  // a Sunday
  EXPECT_EQ(cal.year(), 2030);
  EXPECT_EQ(cal.version(), "国办发明电〔2029〕1号");
  EXPECT_EQ(cal.holidays(), (std::vector<CivilDay>{CivilDay(2030, 1, 1), CivilDay(2030, 2, 2),
                                                   CivilDay(2030, 2, 3), CivilDay(2030, 2, 4)}));
  EXPECT_EQ(cal.workdays(), std::vector<CivilDay>{CivilDay(2030, 2, 10)});
}

TEST(HolidayCalendarTest, Parse_ListsDaysInOrderWhateverTheLineOrder) {
  const HolidayCalendar cal = Parse(
      "year 2026\nversion v\nholiday 2026-10-01\nholiday 2026-01-01\nworkday 2026-10-10\n"
      "workday 2026-01-04\n");
  EXPECT_EQ(cal.holidays(), (std::vector<CivilDay>{CivilDay(2026, 1, 1), CivilDay(2026, 10, 1)}));
  EXPECT_EQ(cal.workdays(), (std::vector<CivilDay>{CivilDay(2026, 1, 4), CivilDay(2026, 10, 10)}));
}

TEST(HolidayCalendarTest, Parse_RejectsProblemsNamingTheLine) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::string head = "year 2026\nversion v\n";  // lines 1-2
  const std::vector<Case> cases = {
      {head + "holyday 2026-01-01\n", "line 3: unknown keyword \"holyday\""},
      {head + "\n# c\nHOLIDAY 2026-01-01\n", "line 5: unknown keyword \"HOLIDAY\""},
      {head + "holiday 2026-13-01\n", "line 3: \"2026-13-01\" is not a date"},
      {head + "holiday 2026-02-29\n", "line 3: \"2026-02-29\" is not a date"},
      {head + "holiday 2026-2-3\n", "line 3: \"2026-2-3\" is not a date"},
      {head + "holiday 2026/01/01\n", "line 3: \"2026/01/01\" is not a date"},
      {head + "holiday tomorrow\n", "line 3: \"tomorrow\" is not a date"},
      // Echoed text is quoted safely (request_fuzzer: a carriage return reached the message).
      {head + "holiday 2026-02\r14\n", "line 3: \"2026-02\\u000D14\" is not a date"},
      {head + "ye\x01" "ar 2026\n", "line 3: unknown keyword \"ye\\u0001ar\""},
      {head + "holiday\n", "line 3: expected `holiday YYYY-MM-DD [YYYY-MM-DD]`"},
      {head + "holiday 2026-01-01 2026-01-02 2026-01-03\n", "line 3: expected `holiday"},
      {head + "holiday 2025-12-31\n", "line 3: 2025-12-31 is outside the year 2026"},
      {head + "holiday 2026-12-31 2027-01-01\n", "line 3: 2027-01-01 is outside the year 2026"},
      {head + "holiday 2026-02-23 2026-02-15\n",
       "line 3: the range ends (2026-02-15) before it starts"},
      {head + "holiday 2026-01-01\nworkday 2026-01-03\nholiday 2026-01-03\n",
       "line 5: 2026-01-03 cannot be both a holiday and a workday (workday on line 4)"},
      {head + "holiday 2026-01-01 2026-01-03\nworkday 2026-01-03\n",
       "line 4: 2026-01-03 cannot be both a holiday and a workday (holiday on line 3)"},
      {head + "holiday 2026-01-01 2026-01-03\nholiday 2026-01-03\n",
       "line 4: 2026-01-03 is already a holiday (line 3)"},
      {head + "workday 2026-01-04\nworkday 2026-01-04\n",
       "line 4: 2026-01-04 is already a workday (line 3)"},
      {head + "workday 2026-01-05\n", "line 3: 2026-01-05 is not a Saturday or Sunday"},
      {head + "workday 2026-01-04 2026-01-10\n", "line 3: expected `workday YYYY-MM-DD`"},
      {"holiday 2026-01-01\nyear 2026\nversion v\n",
       "line 1: a holiday comes before the `year` line"},
      {"version v\nworkday 2026-01-04\nyear 2026\n",
       "line 2: a workday comes before the `year` line"},
      {"year 2026\nyear 2027\nversion v\n", "line 2: the year is given twice"},
      {"year 26\nversion v\n", "line 1: expected `year YYYY`"},
      {"year 2026 2027\nversion v\n", "line 1: expected `year YYYY`"},
      {"year\nversion v\n", "line 1: expected `year YYYY`"},
      {"year 2026\nversion\n", "line 2: expected `version <notice number>`"},
      {"year 2026\nversion  # only a comment\n", "line 2: expected `version <notice number>`"},
      {"year 2026\nversion a\nversion b\n", "line 3: the version is given twice"},
      {"year 2026\nversion a,b\n", "line 2: the version must not contain a comma"},
      {"version v\nholiday 2026-01-01\n", "line 2: a holiday comes before the `year` line"},
      {"# only\nversion v\n", "line 2: the text ends without a `year` line"},
      {"year 2026\nholiday 2026-01-01\n\n", "line 3: the text ends without a `version` line"},
      {"", "line 1: the text ends without a `year` line"},
  };
  for (const Case& c : cases) {
    const absl::StatusOr<HolidayCalendar> cal = ParseHolidayCalendar(c.text);
    ASSERT_FALSE(cal.ok()) << "accepted:\n" << c.text;
    EXPECT_EQ(cal.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(cal.status().message().find(c.expected), absl::string_view::npos)
        << "message \"" << cal.status().message() << "\" lacks \"" << c.expected << "\" for:\n"
        << c.text;
    EXPECT_EQ(ReasonOf(cal.status()), "HOLIDAY_CALENDAR_INVALID") << c.text;
  }
}

}  // namespace
}  // namespace caitiao::domain
