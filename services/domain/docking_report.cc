#include "services/domain/docking_report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/domain/eligibility.h"
#include "services/domain/errors.h"
#include "services/domain/report_rollup.h"

namespace caitiao::domain {
namespace {

// Counters of one row before the rates are worked out.
struct Tally {
  DockingFigures f;
  std::map<std::string, int64_t> unmet, declines, failures;
  std::map<int, int64_t> days;
};

void AddTo(std::map<std::string, int64_t>& m, const std::string& key, int64_t n) { m[key] += n; }

void Add(Tally& t, const RollupSum& s) {
  namespace fig = figures;
  DockingFigures& f = t.f;
  const std::string& x = s.figure;
  if (x == fig::kReceived) {
    f.received += s.cases;
  } else if (x == fig::kAssessedEligible) {
    f.assessed_eligible += s.cases;
  } else if (x == fig::kAssessedIneligible) {
    f.assessed_ineligible += s.cases;
  } else if (x == fig::kUnmetCriterion) {
    AddTo(t.unmet, s.detail, s.cases);
    if (s.detail == kNotLaborRelationshipConfirmation) f.labor_relationship_excluded += s.cases;
  } else if (x == fig::kDelegated) {
    f.delegated += s.cases;
    if (s.detail == "BEFORE_FILING") f.delegated_before_filing += s.cases;
    if (s.detail == "AFTER_FILING") f.delegated_after_filing += s.cases;
    f.claimed_fen += s.amount_fen;
  } else if (x == fig::kAccepted) {
    f.accepted += s.cases;
  } else if (x == fig::kDeclined) {
    f.declined += s.cases;
    AddTo(t.declines, s.detail, s.cases);
  } else if (x == fig::kAcceptanceOverdue) {
    f.acceptance_overdue += s.cases;
  } else if (x == fig::kConflictDeclared) {
    f.conflicts_declared += s.cases;
  } else if (x == fig::kAgreementEffective) {
    f.agreements_effective += s.cases;
    f.agreed_fen += s.amount_fen;
  } else if (x == fig::kPerformance) {
    f.performed_fen += s.amount_fen;
  } else if (x == fig::kSucceeded) {
    f.succeeded += s.cases;
    if (s.detail == "SUCCEEDED_PERFORMED") f.succeeded_performed += s.cases;
    if (s.detail == "SUCCEEDED_DOCUMENT") f.succeeded_document += s.cases;
  } else if (x == fig::kFailed) {
    f.failed += s.cases;
    AddTo(t.failures, s.detail, s.cases);
  } else if (x == fig::kOutcomeDays) {
    int days = 0;
    if (absl::SimpleAtoi(s.detail, &days)) t.days[days] += s.cases;
  }
}

void Add(Tally& t, const SubsidySum& s) {
  t.f.subsidy_accrued_fen += s.accrued_fen;
  t.f.subsidy_held_back_fen += s.held_back_fen;
  t.f.subsidy_approved_fen += s.approved_fen;
  t.f.subsidy_paid_fen += s.paid_fen;
}

std::vector<DetailCount> Counts(const std::map<std::string, int64_t>& m) {
  std::vector<DetailCount> out;
  for (const auto& [k, n] : m) out.push_back({k, n});
  // The largest first, then by name: what a reader looks for.
  std::stable_sort(out.begin(), out.end(), [](const DetailCount& a, const DetailCount& b) { return a.cases > b.cases; });
  return out;
}

std::optional<double> Ratio(int64_t num, int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

DockingFigures Finish(const Tally& t) {
  DockingFigures f = t.f;
  f.unmet_criteria = Counts(t.unmet);
  f.declines_by_ground = Counts(t.declines);
  f.failures_by_reason = Counts(t.failures);
  f.delegation_rate = Ratio(f.delegated, f.received);
  f.success_rate = Ratio(f.succeeded, f.succeeded + f.failed);
  f.performance_rate = Ratio(f.succeeded_performed, f.agreements_effective);
  const std::vector<std::pair<int, int64_t>> days(t.days.begin(), t.days.end());
  f.median_days = HistogramPercentile(days, 0.5);
  f.p90_days = HistogramPercentile(days, 0.9);
  return f;
}

}  // namespace

absl::Status CheckBreakdown(const ReportCut& cut, ReportDimension breakdown) {
  ReportDimension finest = ReportDimension::kNone;
  std::string what = "its region";
  if (!cut.commission_id.empty()) finest = ReportDimension::kCommission, what = "one commission";
  if (!cut.room_id.empty()) finest = ReportDimension::kRoom, what = "one room";
  if (!cut.mediator_id.empty()) finest = ReportDimension::kMediator, what = "one mediator";
  if (breakdown == ReportDimension::kNone || breakdown > finest) return absl::OkStatus();
  if (breakdown == ReportDimension::kRegion && finest == ReportDimension::kNone) return absl::OkStatus();
  return InvalidField("breakdown", absl::StrCat("the report is cut to ", what,
                                                "; break it down by a finer dimension (REGION < COMMISSION < ROOM "
                                                "< MEDIATOR) or not at all"));
}

std::optional<int> HistogramPercentile(const std::vector<std::pair<int, int64_t>>& histogram, double p) {
  std::vector<std::pair<int, int64_t>> h = histogram;
  std::sort(h.begin(), h.end());
  int64_t n = 0;
  for (const auto& [v, c] : h) n += c;
  if (n <= 0) return std::nullopt;
  const auto rank = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(p * static_cast<double>(n) - 1e-9)));
  int64_t seen = 0;
  for (const auto& [v, c] : h) {
    seen += c;
    if (seen >= rank) return v;
  }
  return h.back().first;
}

std::vector<DockingRow> DockingReport(const std::vector<RollupSum>& rollups, const std::vector<SubsidySum>& subsidies,
                                      const std::vector<OpenCount>& open, const std::vector<std::string>& groups,
                                      bool by_month, absl::CivilMonth first, absl::CivilMonth last) {
  // (group index, year, month) -> tally; month 0 is the whole period and
  // the index groups.size() the total.
  const int kTotal = static_cast<int>(groups.size());
  std::map<std::string, int> index;
  for (int i = 0; i < kTotal; ++i) index.emplace(groups[static_cast<size_t>(i)], i);
  std::map<std::tuple<int, int, int>, Tally> rows;
  auto each = [&](const std::string& group, int year, int month, auto&& fn) {
    if (year == 0 || absl::CivilMonth(year, month) < first || absl::CivilMonth(year, month) > last) return;
    std::vector<int> targets = {kTotal};
    if (auto it = index.find(group); it != index.end()) targets.push_back(it->second);
    for (int g : targets) {
      fn(rows[{g, 0, 0}]);
      fn(rows[{g, year, month}]);
    }
  };
  for (const auto& s : rollups) each(s.group, s.year, s.month, [&](Tally& t) { Add(t, s); });
  for (const auto& s : subsidies) each(s.group, s.year, s.month, [&](Tally& t) { Add(t, s); });
  std::map<int, OpenCount> open_by;
  for (const auto& o : open) {
    std::vector<int> targets = {kTotal};
    if (auto it = index.find(o.group); it != index.end()) targets.push_back(it->second);
    for (int g : targets) {
      open_by[g].open += o.open;
      open_by[g].overdue += o.overdue;
    }
  }
  std::vector<DockingRow> out;
  auto emit = [&](int g, const std::string& group) {
    DockingRow whole{group, 0, 0, Finish(rows[{g, 0, 0}])};
    whole.figures.open_now = open_by[g].open;
    whole.figures.overdue_now = open_by[g].overdue;
    out.push_back(std::move(whole));
    if (!by_month) return;
    for (absl::CivilMonth m = first; m <= last; ++m) {
      const int y = static_cast<int>(m.year());
      out.push_back({group, y, m.month(), Finish(rows[{g, y, m.month()}])});
    }
  };
  for (int i = 0; i < kTotal; ++i) emit(i, groups[static_cast<size_t>(i)]);
  emit(kTotal, "");
  return out;
}

}  // namespace caitiao::domain
