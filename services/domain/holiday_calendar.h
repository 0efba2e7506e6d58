// China's public-holiday calendar with make-up working days (调休), one year
// at a time, loaded as data from the State Council's yearly notice and never
// guessed. A day is a working day unless it is a holiday or a weekend day
// that is not a make-up working day.
//
// The text format, one year per file (deploy/calendars/CN-<year>.txt):
//
//   # 春节: Spring Festival          <- comment ('#' to end of line)
//   year 2026
//   version 国办发明电〔2025〕7号     <- the notice's document number
//   holiday 2026-02-15 2026-02-23    <- one day, or an inclusive range
//   workday 2026-02-14               <- a make-up working day on a weekend
//
//   CalendarSet calendars;
//   calendars.Add(*ParseHolidayCalendar(text));
//   calendars.Classify(absl::CivilDay(2026, 2, 14));  // working, not provisional
//   calendars.Classify(absl::CivilDay(2027, 1, 1));   // working, provisional
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace caitiao::domain {

enum class DayKind { kWorkingDay, kRestDay };

// One year's calendar, as published. Immutable; made by ParseHolidayCalendar.
class HolidayCalendar {
 public:
  int year() const { return year_; }
  // The notice it comes from, e.g. "国办发明电〔2025〕7号".
  const std::string& version() const { return version_; }
  // Rest days (放假), ascending, weekends inside a break included.
  const std::vector<absl::CivilDay>& holidays() const { return holidays_; }
  // Make-up working days (调休上班), ascending; each is a Saturday or Sunday.
  const std::vector<absl::CivilDay>& workdays() const { return workdays_; }

  bool IsHoliday(absl::CivilDay day) const;
  bool IsMakeUpWorkday(absl::CivilDay day) const;
  // The kind of `day` under this calendar. A day of another year is decided
  // by the weekend alone.
  DayKind KindOf(absl::CivilDay day) const;

 private:
  friend absl::StatusOr<HolidayCalendar> ParseHolidayCalendar(absl::string_view text);
  HolidayCalendar() = default;

  int year_ = 0;
  std::string version_;
  std::vector<absl::CivilDay> holidays_;
  std::vector<absl::CivilDay> workdays_;
};

// Parses one year's calendar in the format above. INVALID_ARGUMENT naming the
// line ("line 7: ...") on an unknown keyword, a malformed or impossible date,
// a date outside the year, a reversed range, a day listed twice, a day both
// holiday and workday, a workday that is not a Saturday or Sunday, a date
// before the `year` line, a repeated `year` or `version`, a version with a
// comma (VersionsFor uses commas), or a missing `year` or `version`.
absl::StatusOr<HolidayCalendar> ParseHolidayCalendar(absl::string_view text);

// How a day counts, and whether that rests on a published calendar: a day in
// a year without one is decided by the weekend alone and is `provisional`.
struct Classification {
  bool working = false;
  bool provisional = false;
  bool operator==(const Classification&) const = default;
};

// Calendars by year. A year without a calendar falls back to weekends only,
// and every answer about it says so.
class CalendarSet {
 public:
  // Adds the calendar for its year, replacing any earlier one; returns the
  // replaced calendar's version, or nullopt if the year was new.
  std::optional<std::string> Add(HolidayCalendar calendar);

  bool HasYear(int year) const;
  // The calendar for `year`, or nullptr.
  const HolidayCalendar* Find(int year) const;

  Classification Classify(absl::CivilDay day) const;
  DayKind KindOf(absl::CivilDay day) const;

  // The calendar versions behind the days from `from` to `to` (inclusive, in
  // either order), one "year:version" per year joined by commas, e.g.
  // "2025:国办发明电〔2024〕12号,2026:国办发明电〔2025〕7号" or "2027:none".
  std::string VersionsFor(absl::CivilDay from, absl::CivilDay to) const;

 private:
  std::map<int, HolidayCalendar> by_year_;
};

}  // namespace caitiao::domain
