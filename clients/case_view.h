// The human views of cases and their events.
#pragma once

#include <ostream>
#include <string>

#include "caitiao/v1/case.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// "RECEIVED", "DELEGATED", "IN_MEDIATION", ...
std::string CaseStateName(caitiao::v1::CaseState state);

// list: one row per case.
Table NewCaseTable();
void AddCaseRow(Table& table, const caitiao::v1::Case& c);

// get/create-case/update/withdraw: the whole case over several lines.
// Identity numbers and phones are shown as the server sent them (masked,
// with a note saying so) and, unless `unmasked_requested` (get --unmask),
// any the server left whole are masked to their last four characters.
void PrintCaseDetail(const caitiao::v1::Case& c, bool unmasked_requested, std::ostream& out);

// events: one row per event.
Table NewEventTable();
void AddEventRow(Table& table, const caitiao::v1::CaseEvent& e);

}  // namespace caitiao::cli
