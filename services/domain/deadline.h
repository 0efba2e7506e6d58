// The deadline engine: when a period that starts on a given day ends.
//
// The Law's convention: the start day is not counted; counting begins the
// next day. The Rules count 3-, 5- and 10-day periods in working days and
// 15- and 45-day periods in calendar days; a calendar-day period that ends on
// a rest day (weekend or public holiday) moves to the next working day. The
// holiday calendar with its make-up working days (调休) comes in as data;
// time comes in as an argument (no clock here).
//
//   absl::StatusOr<Deadline> d = ComputeDeadline(
//       absl::CivilDay(2026, 2, 12), {PeriodKind::kWorkingDays, 5, false}, calendars);
//   // d->due == 2026-02-26: Feb 13, 14 (make-up Saturday), 24, 25, 26
//
// Every Deadline keeps its inputs (start, rule, calendar versions) so it can
// be explained and re-checked when a calendar changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/holiday_calendar.h"

namespace caitiao::domain {

enum class PeriodKind { kCalendarDays, kWorkingDays };

struct DeadlineRule {
  PeriodKind kind = PeriodKind::kCalendarDays;
  int length = 0;  // 1..3650
  // Calendar days only: a period ending on a rest day ends on the next
  // working day instead. Ignored for working days, which always end on one.
  bool roll_to_working_day = false;
  bool operator==(const DeadlineRule&) const = default;
};

struct Deadline {
  absl::CivilDay start;  // not counted
  absl::CivilDay due;    // the last day on which the act is in time
  DeadlineRule rule;
  // CalendarSet::VersionsFor over the days the calendar was consulted for
  // (see ComputeDeadline); empty when it was consulted for none.
  std::string calendar_versions;
  // True if a consulted day lies in a year without a calendar, so weekends
  // alone decided it; recompute once that year's calendar is loaded.
  bool provisional = false;
  bool operator==(const Deadline&) const = default;
};

// The deadline of a period of `rule` starting on `start`. Working days count
// only working days (make-up workdays count, holidays do not), consulting the
// calendar for every day from start + 1 to the due day. Calendar days consult
// it only to roll: for the nominal end day and any rest days after it; an
// unrolled calendar-day period consults none. INVALID_ARGUMENT (FIELD_INVALID,
// field "rule.length" or "rule.kind") for a length outside 1..3650 or an
// unknown kind.
absl::StatusOr<Deadline> ComputeDeadline(absl::CivilDay start, DeadlineRule rule,
                                         const CalendarSet& calendars);

// True from the day after `due`.
bool IsOverdue(const Deadline& deadline, absl::CivilDay today);

// Stable upper-case names for storage: "CALENDAR_DAYS", "WORKING_DAYS".
const char* PeriodKindName(PeriodKind kind);
std::optional<PeriodKind> PeriodKindFromName(std::string_view name);

}  // namespace caitiao::domain
