#include "storage/report_repository.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "storage/sql_values.h"

namespace caitiao::storage {

void PrepareReportStatements(pqxx::connection& conn) {
  // Months in China: UTC+8 all year.
  conn.prepare("report_closings",
               "SELECT c.region_code, "
               "extract(year FROM (e.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::int, "
               "extract(month FROM (e.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::int, "
               "e.kind, c.closing_manner, count(*) "
               "FROM case_events e JOIN cases c ON c.id = e.case_id "
               "WHERE e.kind IN ('MEDIATION_SUCCEEDED', 'CASE_CLOSED', 'CASE_WITHDRAWN', 'CASE_NOT_ACCEPTED') "
               "AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz "
               "AND c.region_code BETWEEN $1 AND $2 GROUP BY 1, 2, 3, 4, 5");
  conn.prepare(
      "report_rooms",
      "SELECT r.id::text, r.name, r.kind, r.region_code, r.min_mediators, "
      "(SELECT count(*) FROM delegations d WHERE d.room_id = r.id "
      " AND d.delegated_at >= $3::timestamptz AND d.delegated_at < $4::timestamptz), "
      "(SELECT count(*) FROM delegations d WHERE d.room_id = r.id "
      " AND d.accepted_at >= $3::timestamptz AND d.accepted_at < $4::timestamptz), "
      "(SELECT count(*) FROM delegations d WHERE d.room_id = r.id "
      " AND d.declined_at >= $3::timestamptz AND d.declined_at < $4::timestamptz), "
      "(SELECT count(*) FROM case_events e WHERE e.room_id = r.id AND e.kind = 'MEDIATION_SUCCEEDED' "
      " AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz), "
      "(SELECT count(*) FROM case_events e WHERE e.room_id = r.id AND e.kind = 'MEDIATION_FAILED' "
      " AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz), "
      "(SELECT count(*) FROM cases c WHERE c.delegated_room_id = r.id AND c.current_due < $6::date), "
      "(SELECT count(*) FROM room_mediators rm JOIN mediators m ON m.id = rm.mediator_id "
      " WHERE rm.room_id = r.id AND m.status = 'ACTIVE' AND m.certificate_expires_on >= $6::date "
      " AND m.term_start <= $6::date AND m.term_end >= $6::date), "
      "(SELECT coalesce(sum(l.amount_fen), 0) FROM subsidy_ledger l JOIN subsidy_payments p ON p.entry_id = l.id "
      " WHERE l.room_id = r.id AND p.paid_at >= $3::timestamptz AND p.paid_at < $4::timestamptz)::bigint, "
      // Whole days from the delegation to each outcome in the period.
      "(SELECT coalesce(string_agg(x.days::text, ','), '') FROM ("
      "  SELECT floor(extract(epoch FROM e.occurred_at - d.delegated_at) / 86400)::int AS days "
      "  FROM case_events e JOIN LATERAL (SELECT d.delegated_at FROM delegations d "
      "    WHERE d.case_id = e.case_id AND d.room_id = e.room_id AND d.delegated_at <= e.occurred_at "
      "    ORDER BY d.delegated_at DESC LIMIT 1) d ON true "
      "  WHERE e.room_id = r.id AND e.kind IN ('MEDIATION_SUCCEEDED', 'MEDIATION_FAILED') "
      "  AND e.occurred_at >= $3::timestamptz AND e.occurred_at < $4::timestamptz) x) "
      "FROM mediation_rooms r WHERE r.region_code BETWEEN $1 AND $2 AND r.opened_on <= $5::date "
      "ORDER BY r.name, r.id");
}

absl::StatusOr<std::vector<domain::ClosingCount>> ClosingCounts(Tx& tx, const domain::RegionCodeRange& region,
                                                                absl::Time from, absl::Time to) {
  std::vector<domain::ClosingCount> out;
  for (const auto& row :
       tx.exec_prepared("report_closings", region.first, region.last, TimeParam(from), TimeParam(to))) {
    out.push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<int>(),
                   domain::ClosingKindOf(row[3].as<std::string>(), row[4].as<std::string>()), row[5].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::RoomFigures>> RoomFiguresOf(Tx& tx, const domain::RegionCodeRange& region,
                                                               absl::Time from, absl::Time to,
                                                               absl::CivilDay last_day, absl::CivilDay today) {
  std::vector<domain::RoomFigures> out;
  for (const auto& row : tx.exec_prepared("report_rooms", region.first, region.last, TimeParam(from), TimeParam(to),
                                          DateParam(last_day), DateParam(today))) {
    domain::RoomFigures f;
    f.room_id = row[0].as<std::string>();
    f.name = row[1].as<std::string>();
    f.kind = domain::RoomKindFromName(row[2].as<std::string>()).value_or(domain::RoomKind::kUnspecified);
    f.region_code = row[3].as<std::string>();
    f.min_mediators = row[4].as<int>();
    f.delegated = row[5].as<int64_t>();
    f.accepted = row[6].as<int64_t>();
    f.declined = row[7].as<int64_t>();
    f.succeeded = row[8].as<int64_t>();
    f.failed = row[9].as<int64_t>();
    f.overdue_now = row[10].as<int64_t>();
    f.active_mediators = row[11].as<int>();
    f.paid_fen = row[12].as<int64_t>();
    for (absl::string_view d : absl::StrSplit(row[13].as<std::string>(), ',', absl::SkipEmpty())) {
      int days = 0;
      if (absl::SimpleAtoi(d, &days)) f.days_to_outcome.push_back(days);
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace caitiao::storage
