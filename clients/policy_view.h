// The human views of PolicyService answers: deadline policies and holiday
// calendars.
#pragma once

#include <ostream>

#include "caitiao/v1/policy.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// policy: the values in force for a region on a day, and their source.
void PrintEffectivePolicy(const caitiao::v1::GetEffectiveDeadlinePolicyResponse& response, std::ostream& out);

// set-policy: the version stored, and the not-yet-in-force one it replaced.
void PrintSetPolicy(const caitiao::v1::SetDeadlinePolicyResponse& response, std::ostream& out);

// policies: one row per version.
Table NewPolicyTable();
void AddPolicyRow(Table& table, const caitiao::v1::DeadlinePolicyVersion& version);

// calendars: one row per year.
Table NewCalendarTable();
void AddCalendarRow(Table& table, const caitiao::v1::HolidayCalendar& calendar);

// load-calendar: the calendar loaded and the version it replaced.
void PrintLoadedCalendar(const caitiao::v1::LoadHolidayCalendarResponse& response, std::ostream& out);

}  // namespace caitiao::cli
