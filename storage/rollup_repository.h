// The docking report's rollups (migration 0016): written in each case
// event's transaction, read by the reports, rebuilt from the events when
// they are known to be incomplete (after the migration, after a bulk load).
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/case_types.h"
#include "services/domain/docking_report.h"
#include "services/domain/report_rollup.h"
#include "services/domain/region_rules.h"
#include "storage/connection_pool.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareRollupStatements(pqxx::connection& conn);

// The group of events of no room, or before a mediator was assigned.
inline constexpr char kNoId[] = "00000000-0000-0000-0000-000000000000";

// The context of `e` as the rollups see it, read now: its case's region and
// commission, and (report) the room and mediator, the delegation's day and
// the fen claimed.
struct EventContext {
  std::string region_code, commission_id;
  domain::ReportContext report;
};
absl::StatusOr<EventContext> ReadEventContext(Tx& tx, const domain::CaseEvent& e);

// Adds what `e` counts for (domain::RollupOf) to its day's and month's
// counters. Called by AppendCaseEvent, in the event's transaction.
absl::Status RollUpEvent(Tx& tx, const domain::CaseEvent& e, const EventContext& context);

// What a report reads: the period's days, the region subtree, the cut's
// ids (empty: any) and the breakdown (its key becomes RollupSum::group; no
// room or no mediator is kNoId).
struct RollupQuery {
  absl::CivilDay first, last;
  domain::RegionCodeRange region;
  std::string commission_id, room_id, mediator_id;
  domain::ReportDimension group_by = domain::ReportDimension::kNone;
};

// The counters of the query, summed by group, month, figure and detail:
// whole months from the monthly table, the rest from the daily one.
absl::StatusOr<std::vector<domain::RollupSum>> ReadRollups(Tx& tx, const RollupQuery& q);

// The same sums worked out by reading every event of the period (the
// benchmark's and the tests' yardstick for the rollups).
absl::StatusOr<std::vector<domain::RollupSum>> ScanRollups(Tx& tx, const RollupQuery& q);

// The subsidy ledger's entries whose period day is in the query's days.
absl::StatusOr<std::vector<domain::SubsidySum>> ReadSubsidySums(Tx& tx, const RollupQuery& q);

// Cases in rooms today (`in_room_states`), and those past their current deadline.
absl::StatusOr<std::vector<domain::OpenCount>> ReadOpenCounts(Tx& tx, const RollupQuery& q,
                                                              const std::vector<std::string>& in_room_states,
                                                              absl::CivilDay today);

// Budget entries of the region subtree for the years [first_year,
// last_year], and what was paid of entries of those years.
struct BudgetFigures {
  int64_t budget_fen = 0, paid_fen = 0;
};
absl::StatusOr<BudgetFigures> ReadBudget(Tx& tx, const domain::RegionCodeRange& region, int first_year,
                                         int last_year);

// If report_rollup_state says the rollups are incomplete, rebuilds them from
// every case event (under a lock that holds event writers back), and marks
// them built. Returns the events read (0 when nothing was to do).
absl::StatusOr<int64_t> RebuildRollupsIfNeeded(ConnectionPool& pool);

}  // namespace caitiao::storage
