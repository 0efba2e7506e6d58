#include "services/domain/builtin_calendars.h"

namespace caitiao::domain {

std::vector<std::string> BuiltInCalendarTexts() {
  // Byte-for-byte copies of deploy/calendars/*.txt, in file-name order.
  return {
      R"cal(# China's public holidays for 2025, from the State Council General Office's
# notice 国务院办公厅关于2025年部分节假日安排的通知 (published 2024-11-12).
# `holiday` days are rest days (放假), including the weekends inside a break;
# `workday` days are make-up working days on a weekend (调休上班).
year 2025
version 国办发明电〔2024〕12号

# 元旦: New Year's Day, Wed, no make-up day
holiday 2025-01-01

# 春节: Spring Festival, 除夕 (Tue) to 正月初七 (Tue)
holiday 2025-01-28 2025-02-04
workday 2025-01-26
workday 2025-02-08

# 清明节: Qingming Festival
holiday 2025-04-04 2025-04-06

# 劳动节: Labour Day
holiday 2025-05-01 2025-05-05
workday 2025-04-27

# 端午节: Dragon Boat Festival
holiday 2025-05-31 2025-06-02

# 国庆节、中秋节: National Day and Mid-Autumn Festival, merged
holiday 2025-10-01 2025-10-08
workday 2025-09-28
workday 2025-10-11
)cal",
      R"cal(# China's public holidays for 2026, from the State Council General Office's
# notice 国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04).
# `holiday` days are rest days (放假), including the weekends inside a break;
# `workday` days are make-up working days on a weekend (调休上班).
year 2026
version 国办发明电〔2025〕7号

# 元旦: New Year's Day
holiday 2026-01-01 2026-01-03
workday 2026-01-04

# 春节: Spring Festival, 腊月二十八 (Sun) to 正月初七 (Mon)
holiday 2026-02-15 2026-02-23
workday 2026-02-14
workday 2026-02-28

# 清明节: Qingming Festival
holiday 2026-04-04 2026-04-06

# 劳动节: Labour Day
holiday 2026-05-01 2026-05-05
workday 2026-05-09

# 端午节: Dragon Boat Festival
holiday 2026-06-19 2026-06-21

# 中秋节: Mid-Autumn Festival
holiday 2026-09-25 2026-09-27

# 国庆节: National Day
holiday 2026-10-01 2026-10-07
workday 2026-09-20
workday 2026-10-10
)cal",
  };
}

absl::StatusOr<CalendarSet> BuiltInCalendars() {
  CalendarSet calendars;
  for (const std::string& text : BuiltInCalendarTexts()) {
    absl::StatusOr<HolidayCalendar> calendar = ParseHolidayCalendar(text);
    if (!calendar.ok()) return calendar.status();
    calendars.Add(*std::move(calendar));
  }
  return calendars;
}

}  // namespace caitiao::domain
