// The docking report (裁调对接统计): every figure of the docking for a period
// and a cut (region subtree, commission, room, mediator), broken down by
// one dimension and by month, as a pure function of the rollup counters
// storage sums (see report_rollup.h for which event adds to which), the
// subsidy ledger's sums and today's open cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"

namespace caitiao::domain {

// Values equal caitiao.v1.ReportDimension. Ordered coarse to fine.
enum class ReportDimension { kNone = 0, kRegion = 1, kCommission = 2, kRoom = 3, kMediator = 4 };

// The report's cut: the region is always set; the others narrow it.
struct ReportCut {
  std::string region_code;
  std::string commission_id, room_id, mediator_id;
};

// INVALID_ARGUMENT (FIELD_INVALID) at "breakdown" when the breakdown is not
// finer than every cut (e.g. by commission within one room, or by room
// within one room): each group would be the whole report or empty.
absl::Status CheckBreakdown(const ReportCut& cut, ReportDimension breakdown);

// Rollup counters summed by group (the breakdown's key: a child region,
// commission, room or mediator id; empty without a breakdown), month
// (China) and figure/detail.
struct RollupSum {
  std::string group;
  int year = 0, month = 0;
  std::string figure, detail;
  int64_t cases = 0, amount_fen = 0;
};

// Subsidy ledger sums by group and the month of the entries' period day.
struct SubsidySum {
  std::string group;
  int year = 0, month = 0;
  int64_t accrued_fen = 0, held_back_fen = 0, approved_fen = 0, paid_fen = 0;
};

// Cases in mediation rooms today (delegated, accepted or mediating), by group.
struct OpenCount {
  std::string group;
  int64_t open = 0, overdue = 0;
};

struct DetailCount {
  std::string detail;
  int64_t cases = 0;
  bool operator==(const DetailCount&) const = default;
};

// The figures; reporting.proto's DockingFigures defines each.
struct DockingFigures {
  int64_t received = 0;
  int64_t assessed_eligible = 0, assessed_ineligible = 0, labor_relationship_excluded = 0;
  std::vector<DetailCount> unmet_criteria;
  int64_t delegated = 0, delegated_before_filing = 0, delegated_after_filing = 0;
  std::optional<double> delegation_rate;
  int64_t accepted = 0, declined = 0, acceptance_overdue = 0, conflicts_declared = 0;
  std::vector<DetailCount> declines_by_ground;
  int64_t succeeded = 0, succeeded_performed = 0, succeeded_document = 0, failed = 0;
  std::vector<DetailCount> failures_by_reason;
  std::optional<int64_t> open_now, overdue_now;  // the whole period's rows only
  int64_t agreements_effective = 0;
  std::optional<double> success_rate, performance_rate;
  std::optional<int> median_days, p90_days;
  int64_t claimed_fen = 0, agreed_fen = 0, performed_fen = 0;
  int64_t subsidy_accrued_fen = 0, subsidy_held_back_fen = 0, subsidy_approved_fen = 0, subsidy_paid_fen = 0;
};

struct DockingRow {
  std::string group;  // empty: the total
  int year = 0, month = 0;  // 0, 0: the whole period
  DockingFigures figures;
};

// For each group (in `groups` order; with no breakdown pass none), the
// whole period then, if by_month, each month of [first, last]; then the
// total the same way. Sums of other groups or months are ignored.
std::vector<DockingRow> DockingReport(const std::vector<RollupSum>& rollups, const std::vector<SubsidySum>& subsidies,
                                      const std::vector<OpenCount>& open, const std::vector<std::string>& groups,
                                      bool by_month, absl::CivilMonth first, absl::CivilMonth last);

// Nearest-rank percentile of a histogram (value -> count), as
// NearestRankPercentile of the expanded values.
std::optional<int> HistogramPercentile(const std::vector<std::pair<int, int64_t>>& histogram, double p);

}  // namespace caitiao::domain
