#include "clients/directory_room_view.h"

#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::MediationRoom;
using caitiao::v1::Mediator;


// The word `--kind` takes.
std::string KindWord(caitiao::v1::RoomKind kind) {
  switch (kind) {
    case caitiao::v1::ROOM_KIND_JOINT_DOCKING_ROOM:
      return "joint";
    case caitiao::v1::ROOM_KIND_UNION_LEGAL_SERVICE_STATION:
      return "union-station";
    case caitiao::v1::ROOM_KIND_RESIDENT_ARBITRATION_TRIBUNAL:
      return "tribunal";
    default:
      return "-";
  }
}

std::string KindText(caitiao::v1::RoomKind kind) {
  switch (kind) {
    case caitiao::v1::ROOM_KIND_JOINT_DOCKING_ROOM:
      return "joint (裁调对接工作室)";
    case caitiao::v1::ROOM_KIND_UNION_LEGAL_SERVICE_STATION:
      return "union-station (工会法律服务工作站)";
    case caitiao::v1::ROOM_KIND_RESIDENT_ARBITRATION_TRIBUNAL:
      return "tribunal (劳动争议仲裁驻庭)";
    default:
      return "-";
  }
}

std::string SourceText(caitiao::v1::MediatorSource source) {
  static const char* const kChinese[] = {
      "", "工会法律服务队伍", "律师", "兼职仲裁员", "人民调解员", "退休法官、检察官", "工会干部", "人社干部", "其他"};
  const std::string word = EnumWord(caitiao::v1::MediatorSource_Name(source), "MEDIATOR_SOURCE_");
  const int i = static_cast<int>(source);
  if (i <= 0 || i >= static_cast<int>(std::size(kChinese))) return word;
  return absl::StrCat(word, " (", kChinese[i], ")");
}

std::string RoomStatus(const MediationRoom& r) { return r.active() ? "active" : "inactive"; }

std::string MediatorCounts(const MediationRoom& r) {
  return absl::StrCat(r.active_mediators(), "/", r.min_mediators(),
                      r.below_minimum_mediators() ? " BELOW MINIMUM" : "");
}

absl::CivilDay Day(const caitiao::v1::Date& d) { return absl::CivilDay(d.year(), d.month(), d.day()); }

// "active", "suspended", or why an active mediator cannot take a case today.
std::string MediatorStatus(const Mediator& m, absl::CivilDay today) {
  if (m.status() != caitiao::v1::MEDIATOR_STATUS_ACTIVE) {
    return EnumWord(caitiao::v1::MediatorStatus_Name(m.status()), "MEDIATOR_STATUS_");
  }
  if (m.certificate_expiry().year() != 0 && Day(m.certificate_expiry()) < today) return "active, CERTIFICATE EXPIRED";
  if ((m.term_start().year() != 0 && today < Day(m.term_start())) ||
      (m.term_end().year() != 0 && Day(m.term_end()) < today)) {
    return "active, OUT OF TERM";
  }
  return "active";
}

std::string Term(const Mediator& m) { return absl::StrCat(FormatDate(m.term_start()), "..", FormatDate(m.term_end())); }

}  // namespace

absl::CivilDay ChinaToday() { return absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(8 * 60 * 60)); }

Table NewRoomTable() {
  return Table({"ID", "NAME", "KIND", "REGION", "OPEN/CAPACITY", "MEDIATORS (ACTIVE/MIN)", "STATUS"});
}

void AddRoomRow(Table& table, const MediationRoom& r) {
  table.AddRow({r.id(), r.name(), KindWord(r.kind()), r.region_code(), absl::StrCat(r.open_cases(), "/", r.capacity()),
                MediatorCounts(r), RoomStatus(r)});
}

void PrintRoomDetail(const MediationRoom& r, std::ostream& out) {
  out << "Room " << r.id() << "  " << r.name() << '\n';
  PrintLine(out, "kind:         ", KindText(r.kind()));
  PrintLine(out, "region:       ", r.region_code());
  PrintLine(out, "host:         ", r.host_organization());
  PrintLine(out, "commissions:  ", absl::StrJoin(r.commission_ids(), ", "));
  PrintLine(out, "open cases:   ", absl::StrCat(r.open_cases(), " of ", r.capacity()));
  PrintLine(out, "mediators:    ",
            absl::StrCat(r.active_mediators(), " active, minimum ", r.min_mediators(),
                         r.below_minimum_mediators() ? " — BELOW MINIMUM" : ""));
  PrintLine(out, "opened:       ", FormatDate(r.opened_on()));
  PrintLine(out, "status:       ", r.active() ? "active" : "inactive (takes no new delegations)");
  PrintLine(out, "created:      ", ChinaTimeLabelled(r.create_time()));
  PrintLine(out, "updated:      ", ChinaTimeLabelled(r.update_time()));
  PrintLine(out, "etag:         ", r.etag());
}

Table NewMediatorTable() {
  return Table({"ID", "NAME", "SOURCE", "CERTIFICATE", "VALID THROUGH", "TERM", "ROOMS", "STATUS"});
}

void AddMediatorRow(Table& table, const Mediator& m, absl::CivilDay today) {
  table.AddRow({m.id(), m.name(), EnumWord(caitiao::v1::MediatorSource_Name(m.source()), "MEDIATOR_SOURCE_"),
                m.certificate_number(), FormatDate(m.certificate_expiry()), Term(m), absl::StrCat(m.room_ids_size()),
                MediatorStatus(m, today)});
}

void PrintMediatorDetail(const Mediator& m, absl::CivilDay today, std::ostream& out) {
  out << "Mediator " << m.id() << "  " << m.name() << '\n';
  PrintLine(out, "resident id:     ", m.resident_id_number());
  PrintLine(out, "source:          ", SourceText(m.source()));
  PrintLine(out, "certificate:     ",
            absl::StrCat(m.certificate_number(), ", valid through ", FormatDate(m.certificate_expiry())));
  PrintLine(out, "term:            ", Term(m));
  PrintLine(out, "training hours:  ", absl::StrCat(m.training_hours()));
  PrintLine(out, "civil servant:   ", m.established_civil_servant() ? "yes (在编公职人员)" : "no");
  PrintLine(out, "rooms:           ", DashIfEmpty(absl::StrJoin(m.room_ids(), ", ")));
  PrintLine(out, "status:          ", MediatorStatus(m, today));
  PrintLine(out, "created:         ", ChinaTimeLabelled(m.create_time()));
  PrintLine(out, "updated:         ", ChinaTimeLabelled(m.update_time()));
  PrintLine(out, "etag:            ", m.etag());
}

}  // namespace caitiao::cli
