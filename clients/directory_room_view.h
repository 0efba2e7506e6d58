// The human views of mediation rooms and mediators (DirectoryService).
#pragma once

#include <ostream>

#include "absl/time/civil_time.h"
#include "caitiao/v1/directory.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// rooms: one row per room.
Table NewRoomTable();
void AddRoomRow(Table& table, const caitiao::v1::MediationRoom& room);

// room, create-room, deactivate-room: one room over several lines.
void PrintRoomDetail(const caitiao::v1::MediationRoom& room, std::ostream& out);

// mediators: one row per mediator; STATUS says, as of `today` (China), when
// an active mediator cannot take a case (certificate expired, out of term).
Table NewMediatorTable();
void AddMediatorRow(Table& table, const caitiao::v1::Mediator& mediator, absl::CivilDay today);

// mediator, create-mediator: one mediator over several lines.
void PrintMediatorDetail(const caitiao::v1::Mediator& mediator, absl::CivilDay today, std::ostream& out);

// Today in China (UTC+8), for the checks above.
absl::CivilDay ChinaToday();

}  // namespace caitiao::cli
