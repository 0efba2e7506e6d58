// The region list the server ships (deploy/data/cn-regions-2023.csv, embedded
// at build time) and the first-start duties around it: loading it into an
// empty directory, and the demo's coverage target for Hubei.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "storage/connection_pool.h"
#include "storage/transaction.h"

namespace caitiao::services {

// The CSV text of the shipped list: China's 31 provinces, 333 cities and
// 2,975 county-level units (NBS 2023 division codes).
std::string_view BuiltInRegionList();

// On a directory without regions, loads the shipped list in one transaction
// (one INSERT of arrays); does nothing when any region exists. Safe when
// several servers start at once.
absl::Status InstallBuiltInRegions(storage::ConnectionPool& pool);

// The demo's target for Hubei (420000), from the docking pilot's plan:
// pilot start 2023-06-01, at least 50 cities and counties covered after 12
// months, all of them after 24; in force from 2023-06-01. Left alone when
// Hubei already has a target version of that day.
absl::Status LoadDemoCoverageTarget(storage::Tx& tx);

}  // namespace caitiao::services
