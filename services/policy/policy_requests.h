// The requests of caitiao.v1.PolicyService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID, PAGE_TOKEN_INVALID,
// HOLIDAY_CALENDAR_INVALID).
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/policy.pb.h"
#include "services/common/paging.h"
#include "services/common/region_paging.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/errors.h"
#include "services/domain/holiday_calendar.h"
#include "services/domain/region_rules.h"

namespace caitiao::services {

// Field checks of a new version: "region_code" (a valid 6-digit code) and the
// policy's ranges under "policy." (ValidateDeadlinePolicy). Returns every
// violation, together with those already in `problems` (e.g. a bad
// "effective_from" the caller found while translating).
absl::Status CheckDeadlinePolicyVersion(const domain::DeadlinePolicyVersion& version,
                                        domain::FieldViolations problems);

// Parses a calendar text from a request. INVALID_ARGUMENT, field
// "calendar_text": empty, over 20000 characters, not UTF-8 or with control
// characters other than tab and newlines, a version over 100 characters, or a
// parse error (reason HOLIDAY_CALENDAR_INVALID, the message "line N: ...").
absl::StatusOr<domain::HolidayCalendar> CheckCalendarText(const std::string& text);

absl::StatusOr<domain::DeadlinePolicyVersion> ReadSetDeadlinePolicyRequest(
    const caitiao::v1::SetDeadlinePolicyRequest& req);
absl::StatusOr<RegionDayListRequest> ReadListDeadlinePoliciesRequest(
    const caitiao::v1::ListDeadlinePoliciesRequest& req);
// GetEffectiveDeadlinePolicy: the day asked about (the China day of `now` unless the request says).
absl::StatusOr<absl::CivilDay> ReadGetEffectiveDeadlinePolicyRequest(
    const caitiao::v1::GetEffectiveDeadlinePolicyRequest& req, absl::Time now);
absl::StatusOr<domain::HolidayCalendar> ReadLoadHolidayCalendarRequest(
    const caitiao::v1::LoadHolidayCalendarRequest& req);
// ListHolidayCalendars: the page, after `after_year` (0 for the first page).
struct CalendarListRequest {
  PageRequest page;
  int after_year = 0;
};
absl::StatusOr<CalendarListRequest> ReadListHolidayCalendarsRequest(
    const caitiao::v1::ListHolidayCalendarsRequest& req);

}  // namespace caitiao::services
