// Reads for the province's figures (share resolved by mediation, room
// review) beyond the rollups (rollup_repository.h): rooms and their
// mediators. Read-only; never blocks writers.
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

// Every room of `region` opened by `last_day`, with its overdue cases and
// active mediators as of `today` (the period's figures come from the
// rollups: RoomReviewFigures).
absl::StatusOr<std::vector<domain::RoomFigures>> RoomsOfReview(Tx& tx, const domain::RegionCodeRange& region,
                                                                absl::CivilDay last_day, absl::CivilDay today);

}  // namespace caitiao::storage
