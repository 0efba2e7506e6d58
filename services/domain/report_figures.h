// The province's figures, as pure functions of counts storage reads from the
// recorded transitions (never from extra forms): the share of disputes
// resolved by mediation (调解化解比例) and the half-yearly room review.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/region_rules.h"
#include "services/domain/room_types.h"

namespace caitiao::domain {

// How a case was closed: the denominator of the share. Values equal
// caitiao.v1.ClosingKind.
enum class ClosingKind {
  kUnspecified = 0,
  kMediation = 1,          // mediation succeeded (MEDIATION_SUCCEEDED)
  kAward = 2,              // CASE_CLOSED, manner AWARD (裁决)
  kTribunalMediation = 3,  // CASE_CLOSED, manner TRIBUNAL_MEDIATION (仲裁庭调解)
  kTerminated = 4,         // CASE_CLOSED, manner TERMINATED (终结)
  kWithdrawn = 5,          // CASE_WITHDRAWN
  kNotAccepted = 6,        // CASE_NOT_ACCEPTED
};
inline constexpr int kClosingKinds = 7;

// The closing kind of an event (its kind, and the case's closing manner for
// CASE_CLOSED); kUnspecified for an event that closes nothing.
ClosingKind ClosingKindOf(const std::string& event_kind, const std::string& closing_manner);
// "MEDIATION", "AWARD", ...; and back.
const char* ClosingKindName(ClosingKind kind);
std::optional<ClosingKind> ClosingKindFromName(std::string_view name);

// Closings counted by the case's region and the month (China time).
struct ClosingCount {
  std::string region_code;
  int year = 0, month = 0;
  ClosingKind kind = ClosingKind::kUnspecified;
  int64_t cases = 0;
};

struct RollupSum;
// The closings among rollup sums grouped by region (figures::kClosed).
std::vector<ClosingCount> ClosingsOf(const std::vector<RollupSum>& sums);

struct ShareRow {
  std::string region_code;  // a child of the asked region, or the region itself
  // The region's own cases, in none of its children (a province
  // commission's); false for the children's rows and the total.
  bool own = false;
  int year = 0, month = 0;  // 0, 0: the whole period
  int64_t by_kind[kClosingKinds] = {};
  int64_t closed = 0;          // every kind
  int64_t by_mediation = 0;    // by_kind[kMediation]
  std::optional<double> share;  // by_mediation / closed; none when nothing closed
};

// Rows for `region` over the months [first, last]: for each child region
// (each `children` code with its subtree), in the order given, the whole
// period then each month; then, if any, the region's own cases in no
// child (`own`), the same way; then the region's total. Months without
// closings appear with zeros.
std::vector<ShareRow> MediationShare(const std::vector<ClosingCount>& counts, const std::string& region,
                                     const std::vector<std::string>& children, absl::CivilMonth first,
                                     absl::CivilMonth last);

// Nearest-rank percentile of `values` (p in (0, 1]): the value at rank
// ceil(p * n) in ascending order; nullopt for no values. The median is p = 0.5.
std::optional<int> NearestRankPercentile(std::vector<int> values, double p);

// One room's figures for a review period.
struct RoomFigures {
  std::string room_id, name;
  RoomKind kind = RoomKind::kUnspecified;
  std::string region_code;
  int64_t delegated = 0, accepted = 0, declined = 0, succeeded = 0, failed = 0;
  int64_t overdue_now = 0;
  int active_mediators = 0, min_mediators = 0;
  int64_t paid_fen = 0;
  // Calendar days from delegation to outcome -> outcomes, of the period.
  std::vector<std::pair<int, int64_t>> days_to_outcome;
};

// Adds the period's rollup sums of one room (RollupSum.group is its id:
// see docking_report.h) to its figures.
void AddRollup(RoomFigures& room, const std::string& figure, const std::string& detail, int64_t cases);

// Values equal caitiao.v1.RoomFlag.
enum class RoomFlag { kUnspecified = 0, kNoCase = 1, kLowSuccessRate = 2, kMediatorsBelowMinimum = 3, kOverdue = 4 };

// The review's thresholds (policy): a success rate below
// min_success_rate_percent over at least min_outcomes outcomes is flagged.
struct ReviewThresholds {
  int min_success_rate_percent = 50;
  int min_outcomes = 3;
};

struct RoomReviewRow {
  RoomFigures figures;
  std::optional<double> success_rate;  // succeeded / (succeeded + failed)
  std::optional<int> median_days;
  int rank = 0;  // 1 = best
  std::vector<RoomFlag> flags;
};

// Ranked by success rate (rooms without outcomes last), then cases
// delegated, then name; each with its flags: NO_CASE (nothing delegated
// in the period), LOW_SUCCESS_RATE, MEDIATORS_BELOW_MINIMUM (fewer active
// mediators than the room's minimum), OVERDUE (cases past their deadline now).
std::vector<RoomReviewRow> ReviewRooms(std::vector<RoomFigures> rooms, const ReviewThresholds& thresholds);

}  // namespace caitiao::domain
