// The human views of RoomService answers: the room's queue, its events and
// declared conflicts.
#pragma once

#include <ostream>
#include <string>

#include "caitiao/v1/docking.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// queue: one row per delegated case, oldest delegation first, with its
// current deadline and OVERDUE when it has passed.
Table NewQueueTable();
void AddQueueRow(Table& table, const caitiao::v1::RoomQueueEntry& entry);

// watch: one line per event, e.g.
//   #12  2026-11-29 10:02:03  CASE_DELEGATED            <case id>  DELEGATED
std::string WatchEventLine(const caitiao::v1::RoomQueueEvent& event);

// conflict: the declaration, and whether the room must reassign the case.
void PrintConflict(const caitiao::v1::MediatorConflict& conflict, std::ostream& out);

}  // namespace caitiao::cli
