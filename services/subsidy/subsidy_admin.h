// Subsidy standards, a case's tier, ledger corrections and budgets, in domain
// terms, over the caller's transaction. Regions outside a funding officer's
// scope are NOT_FOUND (REGION_NOT_FOUND), exactly like unknown ones
// (RegionOfCaller).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/common/call_context.h"
#include "services/subsidy/subsidy_requests.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Stores a new version (validated with ValidateSubsidyStandard before).
// FAILED_PRECONDITION (STANDARD_VERSION_OVERLAPS) when the region has a
// version from that day or later.
absl::StatusOr<domain::SubsidyStandard> CreateStandard(storage::Tx& tx, const CallContext& call,
                                                       domain::SubsidyStandard standard);

// The version in force for a region on a day (the region's own, its city's
// or its province's: domain::StandardInForce), if any.
absl::StatusOr<std::optional<domain::SubsidyStandard>> FindStandardInForce(storage::Tx& tx,
                                                                           const std::string& region_code,
                                                                           absl::CivilDay day);
// The same, NOT_FOUND (SUBSIDY_STANDARD_NOT_FOUND) when there is none.
absl::StatusOr<domain::SubsidyStandard> StandardInForceFor(storage::Tx& tx, const std::string& region_code,
                                                           absl::CivilDay day);

struct TierSet {
  domain::SubsidyTier tier;
  int64_t version;
};
absl::StatusOr<TierSet> SetCaseTier(storage::Tx& tx, const CallContext& call, const TierRequest& r);

// Writes the reversal of an accrual in the caller's scope.
absl::StatusOr<domain::LedgerEntry> ReverseEntry(storage::Tx& tx, const CallContext& call, const std::string& entry_id,
                                                 const std::string& reason);

absl::StatusOr<domain::BudgetEntry> AddBudget(storage::Tx& tx, const CallContext& call, domain::BudgetEntry e);
struct BudgetView {
  std::vector<domain::BudgetLine> lines;
  std::vector<domain::BudgetEntry> entries;
};
absl::StatusOr<BudgetView> GetBudget(storage::Tx& tx, const CallContext& call, const std::string& region_code,
                                     int year);

}  // namespace caitiao::services
