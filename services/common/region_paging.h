// Paging of lists of versioned data per region (deadline policies, subsidy
// standards): the optional region filter (a region and its sub-regions) and
// the keyset cursor (the last row's region and first day).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/common/paging.h"
#include "services/domain/region_rules.h"

namespace caitiao::services {

struct RegionDayCursor {
  std::string region_code;
  absl::CivilDay day;
};

// What a List request of versioned data per region asks for: the region
// subtree (nullopt: every region), the page size and the cursor (nullopt:
// the first page).
struct RegionDayListRequest {
  std::optional<domain::RegionCodeRange> subtree;
  int page_size = kDefaultPageSize;
  std::optional<RegionDayCursor> after;
};

// nullopt for an empty code (every region); INVALID_ARGUMENT ("region_code")
// for a malformed one.
absl::StatusOr<std::optional<domain::RegionCodeRange>> RegionFilter(const std::string& region_code);

// The cursor of `page_token` in `list` under the request's region filter;
// nullopt for the first page. INVALID_ARGUMENT (PAGE_TOKEN_INVALID) for a
// token that is not one of ours, of another list or filter, or whose
// cursor does not hold up.
absl::StatusOr<std::optional<RegionDayCursor>> DecodeRegionDayCursor(std::string_view page_token,
                                                                     std::string_view list,
                                                                     const std::string& region_filter);

// The next page's token after the row (`last_region`, `last_day`).
std::string RegionDayPageToken(std::string_view list, const std::string& region_filter,
                               const std::string& last_region, absl::CivilDay last_day);

}  // namespace caitiao::services
