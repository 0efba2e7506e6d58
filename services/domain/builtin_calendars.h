// The State Council holiday calendars the server ships with, compiled in so
// that the server and tests need no file at run time. The texts are copies of
// deploy/calendars/CN-<year>.txt; a unit test (builtin_calendars_test.cc)
// fails if a copy differs from its file by a single byte, so edit both.
//
//   absl::StatusOr<CalendarSet> calendars = BuiltInCalendars();
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/holiday_calendar.h"

namespace caitiao::domain {

// The calendar texts, in file-name order (CN-2025, CN-2026).
std::vector<std::string> BuiltInCalendarTexts();

// The built-in texts parsed into a set. An error here means a built-in text
// is broken (the unit tests rule that out).
absl::StatusOr<CalendarSet> BuiltInCalendars();

}  // namespace caitiao::domain
