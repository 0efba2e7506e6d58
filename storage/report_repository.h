// Reads for the province's figures (share resolved by mediation, room
// review) from the recorded transitions: case events, delegations, rooms,
// mediators and the subsidy ledger. Read-only; never blocks writers.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/region_rules.h"
#include "services/domain/report_figures.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareReportStatements(pqxx::connection& conn);

// Closings (MEDIATION_SUCCEEDED, CASE_CLOSED by manner, CASE_WITHDRAWN,
// CASE_NOT_ACCEPTED) of cases in `region` with events in [from, to),
// counted by the case's region and the month in China.
absl::StatusOr<std::vector<domain::ClosingCount>> ClosingCounts(Tx& tx, const domain::RegionCodeRange& region,
                                                                absl::Time from, absl::Time to);

// Every room of `region` opened by `last_day`, with its figures for events
// in [from, to); overdue and mediators as of `today`.
absl::StatusOr<std::vector<domain::RoomFigures>> RoomFiguresOf(Tx& tx, const domain::RegionCodeRange& region,
                                                               absl::Time from, absl::Time to,
                                                               absl::CivilDay last_day, absl::CivilDay today);

}  // namespace caitiao::storage
