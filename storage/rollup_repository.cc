#include "storage/rollup_repository.h"

#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/domain/china_time.h"
#include "services/domain/report_rollup.h"
#include "services/domain/status_macros.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

// "No room", "no mediator": rollup keys cannot be NULL.
constexpr const char* kNil = kNoId;
// Rows fetched at a time when rebuilding or scanning.
constexpr int kFetch = 20000;
// Rows inserted per statement when rebuilding.
constexpr size_t kInsertBatch = 5000;

std::string OrNil(const std::string& id) { return id.empty() ? kNil : id; }

// A day in China from a timestamptz column, as text.
std::string ChinaDate(const char* column) {
  return absl::StrCat("((", column, " AT TIME ZONE 'UTC') + interval '8 hours')::date");
}

// The counted kinds (domain::CountedEventKinds), for `e.kind = ANY($1::text[])`.
std::string CountedKindsParam() {
  std::vector<std::string> kinds;
  for (std::string_view k : domain::CountedEventKinds()) kinds.emplace_back(k);
  return PlainArrayParam(kinds);
}

// An event's stored context, or for events written before migration 0016
// (report_facts empty) the same worked out from the delegations and claims.
std::string FactsColumn() {
  return absl::StrCat(
      "CASE WHEN e.report_facts <> '' THEN e.report_facts ELSE coalesce((SELECT concat('room=', d.room_id, "
      "' mediator=', d.mediator_id, ' delegated_on=', ",
      ChinaDate("d.delegated_at"),
      ") FROM delegations d WHERE d.case_id = e.case_id AND d.delegated_at <= e.occurred_at "
      "AND (e.room_id IS NULL OR d.room_id = e.room_id) ORDER BY d.delegated_at DESC LIMIT 1), '') || "
      "' claimed_fen=' || (SELECT coalesce(sum(cl.amount_fen), 0) FROM case_claims cl WHERE cl.case_id = e.case_id) "
      "END");
}

// The column a source groups by for a breakdown ('' without one).
std::string GroupColumn(domain::ReportDimension d, const char* region, const char* commission, const char* room,
                        const char* mediator) {
  switch (d) {
    case domain::ReportDimension::kRegion: return region;
    case domain::ReportDimension::kCommission: return absl::StrCat(commission, "::text");
    case domain::ReportDimension::kRoom: return absl::StrCat("coalesce(", room, "::text, '", kNil, "')");
    case domain::ReportDimension::kMediator: return absl::StrCat("coalesce(", mediator, "::text, '", kNil, "')");
    case domain::ReportDimension::kNone: break;
  }
  return "''";
}

// The cut's ids, bound at $first.. $first+2 ('' matches any).
std::string CutPredicate(int first, const char* commission, const char* room, const char* mediator) {
  return absl::StrCat("($", first, " = '' OR ", commission, " = NULLIF($", first, ", '')::uuid) AND ($", first + 1,
                      " = '' OR ", room, " = NULLIF($", first + 1, ", '')::uuid) AND ($", first + 2, " = '' OR ",
                      mediator, " = NULLIF($", first + 2, ", '')::uuid)");
}

struct RollupKey {
  std::string day, region, commission, room, mediator, figure, detail;
  auto operator<=>(const RollupKey&) const = default;
};

struct Sum {
  int64_t cases = 0, fen = 0;
};

// One counted event as stored, with its case's region and commission.
struct StoredEvent {
  std::string kind, summary, facts, day, region, commission;
};

// Calls `fn` for every counted event `where` selects (on e = case_events,
// c = cases; `params` bound from $2, $1 being the counted kinds), reading
// kFetch rows at a time.
template <typename Fn>
void ForEachCountedEvent(Tx& tx, const std::string& where, std::vector<std::string> params, Fn&& fn) {
  params.insert(params.begin(), CountedKindsParam());
  tx.exec_params(absl::StrCat("DECLARE rollup_events NO SCROLL CURSOR FOR SELECT e.kind, e.summary, ", FactsColumn(),
                              ", ", ChinaDate("e.occurred_at"), "::text, c.region_code, c.commission_id::text "
                              "FROM case_events e JOIN cases c ON c.id = e.case_id WHERE e.kind = ANY($1::text[]) "
                              "AND ",
                              where),
                 pqxx::prepare::make_dynamic_params(params));
  while (true) {
    const pqxx::result rows = tx.exec(absl::StrCat("FETCH ", kFetch, " FROM rollup_events"));
    for (const auto& row : rows) {
      fn(StoredEvent{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                     row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>()});
    }
    if (static_cast<int>(rows.size()) < kFetch) break;
  }
  tx.exec("CLOSE rollup_events");
}

// What a stored event adds, by full key.
void Accumulate(const StoredEvent& e, std::map<RollupKey, Sum>& sums) {
  const domain::ReportContext context = domain::ParseReportContext(e.facts);
  const absl::CivilDay day = DateFromText(e.day);
  for (const auto& d : domain::RollupOf(e.kind, e.summary, context, day)) {
    Sum& s = sums[{e.day, e.region, e.commission, OrNil(context.room_id),
                   OrNil(domain::ReportMediator(e.summary, context)), d.figure, d.detail}];
    s.cases += d.cases;
    s.fen += d.amount_fen;
  }
}

void InsertSums(Tx& tx, const char* statement, const std::map<RollupKey, Sum>& sums) {
  std::vector<std::string> cols[9];
  auto flush = [&] {
    if (cols[0].empty()) return;
    std::vector<std::string> params;
    for (auto& c : cols) params.push_back(QuotedArrayParam(c));
    tx.exec_prepared(statement, params[0], params[1], params[2], params[3], params[4], params[5], params[6],
                     params[7], params[8]);
    for (auto& c : cols) c.clear();
  };
  for (const auto& [k, s] : sums) {
    const std::string* key[7] = {&k.day, &k.region, &k.commission, &k.room, &k.mediator, &k.figure, &k.detail};
    for (int i = 0; i < 7; ++i) cols[i].push_back(*key[i]);
    cols[7].push_back(absl::StrCat(s.cases));
    cols[8].push_back(absl::StrCat(s.fen));
    if (cols[0].size() >= kInsertBatch) flush();
  }
  flush();
}

}  // namespace

void PrepareRollupStatements(pqxx::connection& conn) {
  conn.prepare("rollup_event_context",
               absl::StrCat("SELECT c.region_code, c.commission_id::text, coalesce(d.room_id::text, ''), "
                            "coalesce(d.mediator_id::text, ''), coalesce(",
                            ChinaDate("d.delegated_at"),
                            "::text, ''), (SELECT coalesce(sum(cl.amount_fen), 0) FROM case_claims cl "
                            "WHERE cl.case_id = c.id)::bigint "
                            "FROM cases c LEFT JOIN LATERAL (SELECT d.room_id, d.mediator_id, d.delegated_at "
                            "FROM delegations d WHERE d.case_id = c.id "
                            "AND d.room_id = coalesce(NULLIF($2, '')::uuid, c.delegated_room_id) "
                            "ORDER BY d.delegated_at DESC, d.id DESC LIMIT 1) d ON true WHERE c.id = $1::uuid"));
  // The writing connection's shard of each counter (see migration 0016).
  const char* kColumns = "region_code, commission_id, room_id, mediator_id, figure, detail, shard, cases, amount_fen";
  const char* kValues = "$2, $3::uuid, $4::uuid, $5::uuid, $6, $7, (pg_backend_pid() % 16)::smallint, $8, $9";
  const char* kKey = "region_code, commission_id, room_id, mediator_id, figure, detail, shard";
  conn.prepare("rollup_add",
               absl::StrCat("WITH days AS (INSERT INTO report_rollup_days (day, ", kColumns, ") VALUES ($1::date, ",
                            kValues, ") ON CONFLICT (day, ", kKey,
                            ") DO UPDATE SET cases = report_rollup_days.cases + excluded.cases, "
                            "amount_fen = report_rollup_days.amount_fen + excluded.amount_fen) "
                            "INSERT INTO report_rollup_months (month, ", kColumns,
                            ") VALUES (date_trunc('month', $1::date)::date, ", kValues, ") ON CONFLICT (month, ",
                            kKey,
                            ") DO UPDATE SET cases = report_rollup_months.cases + excluded.cases, "
                            "amount_fen = report_rollup_months.amount_fen + excluded.amount_fen"));
  const char* kUnnest =
      " (%s, region_code, commission_id, room_id, mediator_id, figure, detail, cases, amount_fen) "
      "SELECT * FROM unnest($1::date[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], "
      "$8::bigint[], $9::bigint[])";
  conn.prepare("rollup_insert_days", absl::StrCat("INSERT INTO report_rollup_days", absl::StrReplaceAll(kUnnest, {{"%s", "day"}})));
  conn.prepare("rollup_insert_months",
               absl::StrCat("INSERT INTO report_rollup_months", absl::StrReplaceAll(kUnnest, {{"%s", "month"}})));
}

absl::StatusOr<EventContext> ReadEventContext(Tx& tx, const domain::CaseEvent& e) {
  EventContext out;
  const pqxx::result r = tx.exec_prepared("rollup_event_context", e.case_id, e.room_id);
  if (r.empty()) return out;
  out.region_code = r[0][0].as<std::string>();
  out.commission_id = r[0][1].as<std::string>();
  out.report.room_id = r[0][2].as<std::string>();
  out.report.mediator_id = r[0][3].as<std::string>();
  if (const std::string day = r[0][4].as<std::string>(); !day.empty()) out.report.delegated_on = DateFromText(day);
  out.report.claimed_fen = r[0][5].as<int64_t>();
  return out;
}

absl::Status RollUpEvent(Tx& tx, const domain::CaseEvent& e, const EventContext& context) {
  if (context.region_code.empty()) return absl::OkStatus();
  const absl::CivilDay day = domain::ChinaDay(e.occur_time);
  const std::string mediator = OrNil(domain::ReportMediator(e.summary, context.report));
  for (const auto& d : domain::RollupOf(e.kind, e.summary, context.report, day)) {
    tx.exec_prepared("rollup_add", DateParam(day), context.region_code, context.commission_id,
                     OrNil(context.report.room_id), mediator, d.figure, d.detail, d.cases, d.amount_fen);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::RollupSum>> ReadRollups(Tx& tx, const RollupQuery& q) {
  // Whole months [m1, m2] from the monthly counters; the days before m1
  // and after m2 from the daily ones.
  absl::CivilMonth m1(q.first), m2(q.last);
  if (absl::CivilDay(m1) != q.first) ++m1;
  if (absl::CivilDay(m2 + 1) - 1 != q.last) --m2;
  absl::CivilDay head_last = q.last, tail_first = q.last + 1;  // no tail
  if (m1 <= m2) {
    head_last = absl::CivilDay(m1) - 1;
    tail_first = absl::CivilDay(m2 + 1);
  }
  auto select = [&](const char* table, const char* time) {
    return absl::StrCat("SELECT ", GroupColumn(q.group_by, "region_code", "commission_id", "room_id", "mediator_id"),
                        " AS g, extract(year FROM ", time, ")::int AS y, extract(month FROM ", time,
                        ")::int AS m, figure, detail, cases, amount_fen FROM ", table,
                        " WHERE region_code BETWEEN $1 AND $2 AND ",
                        CutPredicate(3, "commission_id", "room_id", "mediator_id"), " AND ");
  };
  const std::string sql = absl::StrCat(
      "SELECT g, y, m, figure, detail, sum(cases)::bigint, sum(amount_fen)::bigint FROM (",
      select("report_rollup_months", "month"), "month BETWEEN $6::date AND $7::date UNION ALL ",
      select("report_rollup_days", "day"),
      "(day BETWEEN $8::date AND $9::date OR day BETWEEN $10::date AND $11::date)) x GROUP BY 1, 2, 3, 4, 5");
  std::vector<domain::RollupSum> out;
  for (const auto& row : tx.exec_params(sql, q.region.first, q.region.last, q.commission_id, q.room_id, q.mediator_id,
                                        DateParam(absl::CivilDay(m1)), DateParam(absl::CivilDay(m2)),
                                        DateParam(q.first), DateParam(head_last), DateParam(tail_first),
                                        DateParam(q.last))) {
    out.push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<int>(), row[3].as<std::string>(),
                   row[4].as<std::string>(), row[5].as<int64_t>(), row[6].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::RollupSum>> ScanRollups(Tx& tx, const RollupQuery& q) {
  std::map<RollupKey, Sum> sums;
  const std::string where = absl::StrCat(ChinaDate("e.occurred_at"),
                                         " BETWEEN $2::date AND $3::date AND c.region_code BETWEEN $4 AND $5");
  ForEachCountedEvent(tx, where,
                      std::vector<std::string>{DateParam(q.first), DateParam(q.last), q.region.first, q.region.last},
                      [&](const StoredEvent& e) { Accumulate(e, sums); });
  std::map<std::tuple<std::string, int, int, std::string, std::string>, Sum> grouped;
  for (const auto& [k, s] : sums) {
    if (!q.commission_id.empty() && k.commission != q.commission_id) continue;
    if (!q.room_id.empty() && k.room != q.room_id) continue;
    if (!q.mediator_id.empty() && k.mediator != q.mediator_id) continue;
    std::string group;
    switch (q.group_by) {
      case domain::ReportDimension::kRegion: group = k.region; break;
      case domain::ReportDimension::kCommission: group = k.commission; break;
      case domain::ReportDimension::kRoom: group = k.room; break;
      case domain::ReportDimension::kMediator: group = k.mediator; break;
      case domain::ReportDimension::kNone: break;
    }
    const absl::CivilDay day = DateFromText(k.day);
    Sum& g = grouped[{group, static_cast<int>(day.year()), day.month(), k.figure, k.detail}];
    g.cases += s.cases;
    g.fen += s.fen;
  }
  std::vector<domain::RollupSum> out;
  for (const auto& [k, s] : grouped) {
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), s.cases, s.fen});
  }
  return out;
}

absl::StatusOr<std::vector<domain::SubsidySum>> ReadSubsidySums(Tx& tx, const RollupQuery& q) {
  const std::string sql = absl::StrCat(
      "SELECT ", GroupColumn(q.group_by, "l.region_code", "l.commission_id", "l.room_id", "l.mediator_id"),
      ", extract(year FROM l.period_day)::int, extract(month FROM l.period_day)::int, "
      "coalesce(sum(l.amount_fen), 0)::bigint, "
      // Held back by a cap in a batch still standing, and settled in none since.
      "coalesce(sum(l.amount_fen) FILTER (WHERE EXISTS (SELECT 1 FROM settlement_items i JOIN settlement_batches b "
      "  ON b.id = i.batch_id WHERE i.entry_id = l.id AND i.hold_reason <> '' AND b.status <> 'CANCELLED') "
      "  AND NOT EXISTS (SELECT 1 FROM settlement_items i WHERE i.entry_id = l.id AND i.live)), 0)::bigint, "
      "coalesce(sum(l.amount_fen) FILTER (WHERE EXISTS (SELECT 1 FROM settlement_items i JOIN settlement_batches b "
      "  ON b.id = i.batch_id WHERE i.entry_id = l.id AND i.live AND b.status IN ('APPROVED', 'PAID'))), 0)::bigint, "
      "coalesce(sum(l.amount_fen) FILTER (WHERE EXISTS (SELECT 1 FROM subsidy_payments p "
      "  WHERE p.entry_id = l.id)), 0)::bigint "
      "FROM subsidy_ledger l WHERE l.period_day BETWEEN $1::date AND $2::date AND l.region_code BETWEEN $3 AND $4 AND ",
      CutPredicate(5, "l.commission_id", "l.room_id", "l.mediator_id"), " GROUP BY 1, 2, 3");
  std::vector<domain::SubsidySum> out;
  for (const auto& row : tx.exec_params(sql, DateParam(q.first), DateParam(q.last), q.region.first, q.region.last,
                                        q.commission_id, q.room_id, q.mediator_id)) {
    out.push_back({row[0].as<std::string>(), row[1].as<int>(), row[2].as<int>(), row[3].as<int64_t>(),
                   row[4].as<int64_t>(), row[5].as<int64_t>(), row[6].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::OpenCount>> ReadOpenCounts(Tx& tx, const RollupQuery& q,
                                                              const std::vector<std::string>& in_room_states,
                                                              absl::CivilDay today) {
  const std::string sql = absl::StrCat(
      "SELECT ", GroupColumn(q.group_by, "c.region_code", "c.commission_id", "d.room_id", "d.mediator_id"),
      ", count(*), count(*) FILTER (WHERE c.current_due < $6::date) "
      "FROM cases c LEFT JOIN delegations d ON d.case_id = c.id AND d.status <> 'DECLINED' "
      "WHERE c.state = ANY($7::text[]) AND c.region_code BETWEEN $1 AND $2 AND ",
      CutPredicate(3, "c.commission_id", "d.room_id", "d.mediator_id"), " GROUP BY 1");
  std::vector<domain::OpenCount> out;
  for (const auto& row : tx.exec_params(sql, q.region.first, q.region.last, q.commission_id, q.room_id, q.mediator_id,
                                        DateParam(today), PlainArrayParam(in_room_states))) {
    out.push_back({row[0].as<std::string>(), row[1].as<int64_t>(), row[2].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<BudgetFigures> ReadBudget(Tx& tx, const domain::RegionCodeRange& region, int first_year,
                                         int last_year) {
  const pqxx::row r = tx.exec_params1(
      "SELECT (SELECT coalesce(sum(amount_fen), 0) FROM funding_budget_entries WHERE region_code BETWEEN $1 AND $2 "
      "AND year BETWEEN $3 AND $4)::bigint, "
      "(SELECT coalesce(sum(l.amount_fen), 0) FROM subsidy_ledger l JOIN subsidy_payments p ON p.entry_id = l.id "
      "WHERE l.region_code BETWEEN $1 AND $2 AND extract(year FROM l.period_day) BETWEEN $3 AND $4)::bigint",
      region.first, region.last, first_year, last_year);
  return BudgetFigures{r[0].as<int64_t>(), r[1].as<int64_t>()};
}

absl::StatusOr<int64_t> RebuildRollupsIfNeeded(ConnectionPool& pool) {
  int64_t events = 0;
  CAITIAO_RETURN_IF_ERROR(RunTransaction(pool, absl::Now() + absl::Hours(2), "RebuildRollups", [&](Tx& tx) {
    // Built already (every start but the first after an upgrade): no lock.
    if (tx.exec("SELECT built FROM report_rollup_state")[0][0].as<bool>()) return absl::OkStatus();
    // Holds back every event writer's counters until this commits; events
    // committed before are read below, later ones add their own. Another
    // server may have built them meanwhile: look again under the lock.
    tx.exec("LOCK TABLE report_rollup_days, report_rollup_months IN EXCLUSIVE MODE");
    if (tx.exec("SELECT built FROM report_rollup_state FOR UPDATE")[0][0].as<bool>()) return absl::OkStatus();
    tx.exec("DELETE FROM report_rollup_days");
    tx.exec("DELETE FROM report_rollup_months");
    std::map<RollupKey, Sum> days;
    ForEachCountedEvent(tx, "true", {}, [&](const StoredEvent& e) {
      ++events;
      Accumulate(e, days);
    });
    std::map<RollupKey, Sum> months;
    for (const auto& [k, s] : days) {
      RollupKey m = k;
      m.day = DateParam(absl::CivilDay(absl::CivilMonth(DateFromText(k.day))));
      Sum& t = months[m];
      t.cases += s.cases;
      t.fen += s.fen;
    }
    InsertSums(tx, "rollup_insert_days", days);
    InsertSums(tx, "rollup_insert_months", months);
    tx.exec("UPDATE report_rollup_state SET built = true");
    return absl::OkStatus();
  }));
  return events;
}

}  // namespace caitiao::storage
