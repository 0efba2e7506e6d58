// Pilot coverage use cases in domain terms, over the caller's transaction:
// loading a region list, pilot entries, coverage targets and the report.
// The Check* functions run before a transaction opens.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/common/call_context.h"
#include "services/coverage/coverage_requests.h"
#include "services/domain/coverage.h"
#include "services/domain/region_list.h"
#include "storage/transaction.h"

namespace caitiao::services {


struct RegionLoadCounts {
  int added = 0, renamed = 0, moved = 0, unchanged = 0, absent = 0, total = 0;
};

// Applies a parsed list to the directory (PlanRegionLoad, then one upsert).
// INVALID_ARGUMENT (REGION_LIST_INVALID, field "csv_text") for a parent the
// directory lacks.
absl::StatusOr<RegionLoadCounts> LoadRegionList(storage::Tx& tx, const CallContext& call,
                                                const std::vector<domain::RegionListEntry>& entries);

// Stores a pilot entry (author and time from `call`) for a region that must
// exist (NOT_FOUND, REGION_NOT_FOUND, field "region_code") and be a city or
// a county (INVALID_ARGUMENT, "region_code"). Returns whether it replaced an
// entry of the same day.
absl::StatusOr<bool> SetPilotEntry(storage::Tx& tx, const CallContext& call, domain::PilotEntry& entry);

// Stores a target version (author and time from `call`); the province must
// exist (NOT_FOUND, REGION_NOT_FOUND, field "target.province_code"). Returns
// whether it replaced a version of the same day.
absl::StatusOr<bool> SetCoverageTarget(storage::Tx& tx, const CallContext& call, domain::CoverageTarget& target);

struct ProvinceCoverage {
  std::string province_name;
  domain::CoverageReport report;
};

// The report of a province on `day`. NOT_FOUND (REGION_NOT_FOUND, field
// "province_code") if the directory lacks the province or it is outside the
// caller's regions.
absl::StatusOr<ProvinceCoverage> CoverageOf(storage::Tx& tx, const CallContext& call,
                                            const std::string& province_code, absl::CivilDay day);

}  // namespace caitiao::services
