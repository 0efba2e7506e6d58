// Persistence of pilot coverage: loading the region list into the directory,
// the rooms' activity history, pilot entries and coverage targets. Functions
// run inside the caller's transaction; SQL is prepared on every pooled
// connection and takes every value as a bound parameter (arrays included).
#pragma once

#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/coverage.h"
#include "services/domain/directory_types.h"
#include "services/domain/region_rules.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareCoverageStatements(pqxx::connection& conn);

// How many regions the directory holds.
absl::StatusOr<int64_t> CountRegions(Tx& tx);
// Every region of the directory, by code.
absl::StatusOr<std::vector<domain::Region>> AllRegions(Tx& tx);

// Inserts the regions whose code is new and leaves existing ones as they are
// (safe when several servers load at once); returns how many it inserted. One
// statement: parents and children may come in any order.
absl::StatusOr<int64_t> InsertMissingRegions(Tx& tx, const std::vector<domain::Region>& regions);
// Inserts new codes and gives existing ones the name, level and parent of
// `regions`, in one statement; never deletes. Returns the rows written.
absl::StatusOr<int64_t> UpsertRegions(Tx& tx, const std::vector<domain::Region>& regions);

// The cities and counties in `subtree`, by code.
absl::StatusOr<std::vector<domain::Region>> CitiesAndCounties(Tx& tx, const domain::RegionCodeRange& subtree);
// Every room registered in `subtree` with its activation history.
absl::StatusOr<std::vector<domain::RoomActivity>> RoomActivities(Tx& tx, const domain::RegionCodeRange& subtree);

// Pilot entries of regions in `subtree`.
absl::StatusOr<std::vector<domain::PilotEntry>> PilotEntries(Tx& tx, const domain::RegionCodeRange& subtree);
// Stores the entry, replacing one of the same region and day; true if it replaced one.
absl::StatusOr<bool> UpsertPilotEntry(Tx& tx, const domain::PilotEntry& entry);

// Every target version of a province with its milestones.
absl::StatusOr<std::vector<domain::CoverageTarget>> CoverageTargets(Tx& tx, const std::string& province_code);
// Stores the version, replacing one of the same province and day (and its
// milestones); true if it replaced one.
absl::StatusOr<bool> UpsertCoverageTarget(Tx& tx, const domain::CoverageTarget& target);

}  // namespace caitiao::storage
