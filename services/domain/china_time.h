// Legal dates are read in China Standard Time (UTC+8, no daylight saving
// since 1991), so a fixed offset needs no tz database.
#pragma once

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace caitiao::domain {

inline absl::TimeZone ChinaTimeZone() { return absl::FixedTimeZone(8 * 60 * 60); }
inline absl::CivilDay ChinaDay(absl::Time t) { return absl::ToCivilDay(t, ChinaTimeZone()); }

}  // namespace caitiao::domain
