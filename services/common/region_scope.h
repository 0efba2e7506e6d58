// The region a request names, as the caller may see it: the one check of
// standards, budgets, batches, coverage and the province's figures.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/domain/directory_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// The region `code`. NOT_FOUND (REGION_NOT_FOUND, at `field`) when the
// directory has none or it lies outside the caller's regions (admins see
// every region), so a caller cannot tell the two apart.
absl::StatusOr<domain::Region> RegionOfCaller(storage::Tx& tx, const CallContext& call, const std::string& code,
                                              const std::string& field);

}  // namespace caitiao::services
