// Directory use cases (regions and commissions) in domain terms, over the
// caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/directory/directory_requests.h"
#include "services/common/rpc.h"
#include "services/domain/directory_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Stores a region that passed CheckNewRegion; its parent must exist.
absl::StatusOr<domain::Region> CreateRegion(storage::Tx& tx, const domain::Region& region);

// Stores a commission that passed CheckNewCommission; its region must exist.
absl::StatusOr<domain::Commission> CreateCommission(storage::Tx& tx, const domain::Commission& commission);

// NOT_FOUND (COMMISSION_NOT_FOUND) if there is none with that id.
absl::StatusOr<domain::Commission> GetCommission(storage::Tx& tx, const std::string& id);

// Loads the demo directory (a commission each for Hubei, Wuhan and five more
// cities and counties of the region list, and the demo rooms and mediators of
// LoadDemoRooms); what already exists is left as it is.
absl::Status LoadDemoDirectory(storage::Tx& tx);

}  // namespace caitiao::services
