#include "storage/report_repository.h"

#include "storage/sql_values.h"

namespace caitiao::storage {

void PrepareReportStatements(pqxx::connection& conn) {
  conn.prepare(
      "report_rooms",
      "SELECT r.id::text, r.name, r.kind, r.region_code, r.min_mediators, "
      "(SELECT count(*) FROM cases c WHERE c.delegated_room_id = r.id AND c.current_due < $4::date), "
      "(SELECT count(*) FROM room_mediators rm JOIN mediators m ON m.id = rm.mediator_id "
      " WHERE rm.room_id = r.id AND m.status = 'ACTIVE' AND m.certificate_expires_on >= $4::date "
      " AND m.term_start <= $4::date AND m.term_end >= $4::date) "
      "FROM mediation_rooms r WHERE r.region_code BETWEEN $1 AND $2 AND r.opened_on <= $3::date "
      "ORDER BY r.name, r.id");
}

absl::StatusOr<std::vector<domain::RoomFigures>> RoomsOfReview(Tx& tx, const domain::RegionCodeRange& region,
                                                                absl::CivilDay last_day, absl::CivilDay today) {
  std::vector<domain::RoomFigures> out;
  for (const auto& row :
       tx.exec_prepared("report_rooms", region.first, region.last, DateParam(last_day), DateParam(today))) {
    domain::RoomFigures f;
    f.room_id = row[0].as<std::string>();
    f.name = row[1].as<std::string>();
    f.kind = domain::RoomKindFromName(row[2].as<std::string>()).value_or(domain::RoomKind::kUnspecified);
    f.region_code = row[3].as<std::string>();
    f.min_mediators = row[4].as<int>();
    f.overdue_now = row[5].as<int64_t>();
    f.active_mediators = row[6].as<int>();
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace caitiao::storage
