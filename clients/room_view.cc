#include "clients/room_view.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "clients/case_view.h"
#include "clients/formatting.h"

namespace caitiao::cli {

Table NewQueueTable() {
  return Table(
      {"CASE NUMBER", "STATE", "DELEGATED (UTC+8)", "LETTER", "DUE", "OVERDUE", "MEDIATOR", "CASE ID", "ETAG"});
}

void AddQueueRow(Table& table, const caitiao::v1::RoomQueueEntry& e) {
  const caitiao::v1::Delegation& d = e.delegation();
  table.AddRow({DashIfEmpty(e.case_().case_number()), CaseStateName(e.case_().state()),
                FormatChinaTime(d.delegate_time()), DashIfEmpty(d.letter_number()), FormatDate(e.current_due()),
                e.overdue() ? "OVERDUE" : "", DashIfEmpty(d.mediator_id()), e.case_().id(), e.case_().etag()});
}

std::string WatchEventLine(const caitiao::v1::RoomQueueEvent& e) {
  // Padded to the longest kind, CASE_DELEGATION_DECLINED, so lines line up.
  return absl::StrFormat("#%d  %s  %-24s  %s  %s", e.sequence(), FormatChinaTime(e.occur_time()), e.kind(), e.case_id(),
                         CaseStateName(e.state()));
}

void PrintConflict(const caitiao::v1::MediatorConflict& c, std::ostream& out) {
  out << "Conflict of interest (回避) declared: mediator " << c.mediator_id() << " cannot be assigned case "
      << c.case_id() << ".\n";
  out << "  reason:    " << c.reason() << '\n';
  if (HasTime(c.declare_time())) {
    out << "  declared:  " << ChinaTimeLabelled(c.declare_time())
        << (c.declared_by().empty() ? "" : absl::StrCat(" by ", c.declared_by())) << '\n';
  }
  if (c.was_assigned()) {
    out << "  The mediator was assigned to this case: the room must assign another one.\n";
  }
}

}  // namespace caitiao::cli
