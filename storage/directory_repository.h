// Persistence of regions and arbitration commissions. Functions run inside
// the caller's transaction; SQL is prepared on every pooled connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/directory_types.h"
#include "services/domain/region_rules.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareDirectoryStatements(pqxx::connection& conn);

// ALREADY_EXISTS (REGION_EXISTS) if the code is taken. The parent must exist
// (checked by the caller with FindRegion).
absl::StatusOr<domain::Region> InsertRegion(Tx& tx, const domain::Region& region);
absl::StatusOr<std::optional<domain::Region>> FindRegion(Tx& tx, const std::string& code);
// Regions ordered by code after `after_code` (empty: from the start);
// `parent_code`/`level` filter when set. Returns up to `limit` rows.
absl::StatusOr<std::vector<domain::Region>> ListRegions(Tx& tx, const std::string& parent_code,
                                                        domain::RegionLevel level,
                                                        const std::string& after_code, int limit);

// Assigns the id. ALREADY_EXISTS (COMMISSION_EXISTS) if the region already has
// a commission of that name.
absl::StatusOr<domain::Commission> InsertCommission(Tx& tx, const domain::Commission& commission);
absl::StatusOr<std::optional<domain::Commission>> FindCommission(Tx& tx, const std::string& id);

struct CommissionCursor {
  std::string region_code;
  std::string name;  // unique within a region
};
// Commissions whose region lies in `subtree` (nullopt = all), ordered by
// (region_code, name) after the cursor. Returns up to `limit` rows.
absl::StatusOr<std::vector<domain::Commission>> ListCommissions(
    Tx& tx, const std::optional<domain::RegionCodeRange>& subtree, const std::optional<CommissionCursor>& after,
    int limit);

}  // namespace caitiao::storage
