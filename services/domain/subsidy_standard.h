// Subsidy standards (办案补贴标准) as versioned data per region: which version
// is in force for a region on a day, whether a new version may supersede
// the region's latest, and the field rules of a version. Pure.
//
// A version is in force from effective_from until effective_until (if set)
// or the day before the region's next version. A region without a version in
// force looks at its city's, then its province's (PolicyRegionChain, as for
// deadline policies); with none anywhere, no subsidy accrues.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/domain/errors.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {

inline constexpr int64_t kMaxSubsidyFen = 10000000;  // 100000 yuan per case

// The version in force for `region_code` on `day`, or nullptr. Points into
// `versions`.
const SubsidyStandard* StandardInForce(const std::vector<SubsidyStandard>& versions, std::string_view region_code,
                                       absl::CivilDay day);

// Field rules, paths relative to the standard ("ordinary_fen"): amounts
// 0..kMaxSubsidyFen, collective_min_workers 2..1000, known distinct paid
// failures, a cap period when a cap is set, caps >= 0, a QUARTER or
// HALF_YEAR settlement period, a basis of 1..200 characters,
// effective_from not before `today` (history is never rewritten) and
// effective_until not before it.
FieldViolations ValidateSubsidyStandard(const SubsidyStandard& standard, absl::CivilDay today);

// OK when `next` may supersede the versions `region_versions` (all of its
// region): it starts after every one of them. FAILED_PRECONDITION
// (STANDARD_VERSION_OVERLAPS) naming the version in the way otherwise.
absl::Status CheckSupersedes(const std::vector<SubsidyStandard>& region_versions, const SubsidyStandard& next);

// The amount a successful case of `tier` earns under `standard`.
int64_t TierAmount(const SubsidyStandard& standard, SubsidyTier tier);

}  // namespace caitiao::domain
