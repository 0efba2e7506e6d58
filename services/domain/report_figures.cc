#include "services/domain/report_figures.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "absl/strings/numbers.h"
#include "services/domain/docking_report.h"
#include "services/domain/report_rollup.h"

namespace caitiao::domain {
namespace {

void Add(ShareRow& row, ClosingKind kind, int64_t cases) {
  row.by_kind[static_cast<int>(kind)] += cases;
  row.closed += cases;
  if (kind == ClosingKind::kMediation) row.by_mediation += cases;
}

void Finish(ShareRow& row) {
  if (row.closed > 0) row.share = static_cast<double>(row.by_mediation) / static_cast<double>(row.closed);
}

}  // namespace

ClosingKind ClosingKindOf(const std::string& event_kind, const std::string& closing_manner) {
  if (event_kind == "MEDIATION_SUCCEEDED") return ClosingKind::kMediation;
  if (event_kind == "CASE_WITHDRAWN") return ClosingKind::kWithdrawn;
  if (event_kind == "CASE_NOT_ACCEPTED") return ClosingKind::kNotAccepted;
  if (event_kind == "CASE_CLOSED") {
    if (closing_manner == "AWARD") return ClosingKind::kAward;
    if (closing_manner == "TRIBUNAL_MEDIATION") return ClosingKind::kTribunalMediation;
    if (closing_manner == "TERMINATED") return ClosingKind::kTerminated;
  }
  return ClosingKind::kUnspecified;
}

namespace {
constexpr const char* kClosingKindNames[kClosingKinds] = {"UNSPECIFIED", "MEDIATION",  "AWARD",       "TRIBUNAL_MEDIATION",
                                                          "TERMINATED",  "WITHDRAWN", "NOT_ACCEPTED"};
}  // namespace

const char* ClosingKindName(ClosingKind kind) {
  const int i = static_cast<int>(kind);
  return i >= 0 && i < kClosingKinds ? kClosingKindNames[i] : "UNSPECIFIED";
}

std::optional<ClosingKind> ClosingKindFromName(std::string_view name) {
  for (int i = 1; i < kClosingKinds; ++i) {
    if (name == kClosingKindNames[i]) return static_cast<ClosingKind>(i);
  }
  return std::nullopt;
}

std::vector<ShareRow> MediationShare(const std::vector<ClosingCount>& counts, const std::string& region,
                                     const std::vector<std::string>& children, absl::CivilMonth first,
                                     absl::CivilMonth last) {
  // (group, year, month) -> row; group: a child's index, kOwn or kTotal;
  // month 0 is the whole period.
  const int kOwn = static_cast<int>(children.size()), kTotal = kOwn + 1;
  std::map<std::tuple<int, int, int>, ShareRow> rows;
  bool any_own = false;
  for (const auto& c : counts) {
    if (c.kind == ClosingKind::kUnspecified) continue;
    const absl::CivilMonth m(c.year, c.month);
    if (m < first || m > last) continue;
    int group = kOwn;
    for (int i = 0; i < kOwn; ++i) {
      const RegionCodeRange r = SubtreeRange(children[static_cast<size_t>(i)]);
      if (c.region_code >= r.first && c.region_code <= r.last) group = i;
    }
    any_own = any_own || group == kOwn;
    for (int g : {group, kTotal}) {
      Add(rows[{g, c.year, c.month}], c.kind, c.cases);
      Add(rows[{g, 0, 0}], c.kind, c.cases);
    }
  }
  std::vector<ShareRow> out;
  auto emit = [&](int group, const std::string& code, bool own) {
    auto take = [&](int year, int month) {
      ShareRow r = rows[{group, year, month}];
      r.region_code = code;
      r.own = own;
      r.year = year;
      r.month = month;
      Finish(r);
      out.push_back(r);
    };
    take(0, 0);
    for (absl::CivilMonth m = first; m <= last; ++m) take(static_cast<int>(m.year()), m.month());
  };
  for (int i = 0; i < kOwn; ++i) emit(i, children[static_cast<size_t>(i)], false);
  if (any_own) emit(kOwn, region, true);
  emit(kTotal, region, false);
  return out;
}

std::optional<int> NearestRankPercentile(std::vector<int> values, double p) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = static_cast<double>(values.size());
  const auto rank = static_cast<size_t>(std::max(1.0, std::ceil(p * n - 1e-9)));
  return values[std::min(rank, values.size()) - 1];
}

std::vector<ClosingCount> ClosingsOf(const std::vector<RollupSum>& sums) {
  std::vector<ClosingCount> out;
  for (const auto& s : sums) {
    if (s.figure != figures::kClosed) continue;
    const auto kind = ClosingKindFromName(s.detail);
    if (kind) out.push_back({s.group, s.year, s.month, *kind, s.cases});
  }
  return out;
}

void AddRollup(RoomFigures& room, const std::string& figure, const std::string& detail, int64_t cases) {
  namespace f = figures;
  if (figure == f::kDelegated) room.delegated += cases;
  if (figure == f::kAccepted) room.accepted += cases;
  if (figure == f::kDeclined) room.declined += cases;
  if (figure == f::kSucceeded) room.succeeded += cases;
  if (figure == f::kFailed) room.failed += cases;
  int days = 0;
  if (figure == f::kOutcomeDays && absl::SimpleAtoi(detail, &days)) room.days_to_outcome.emplace_back(days, cases);
}

std::vector<RoomReviewRow> ReviewRooms(std::vector<RoomFigures> rooms, const ReviewThresholds& t) {
  std::vector<RoomReviewRow> out;
  for (auto& f : rooms) {
    RoomReviewRow r;
    const int64_t outcomes = f.succeeded + f.failed;
    if (outcomes > 0) r.success_rate = static_cast<double>(f.succeeded) / static_cast<double>(outcomes);
    r.median_days = HistogramPercentile(f.days_to_outcome, 0.5);
    if (f.delegated == 0) r.flags.push_back(RoomFlag::kNoCase);
    if (r.success_rate && outcomes >= t.min_outcomes && *r.success_rate * 100.0 < t.min_success_rate_percent) {
      r.flags.push_back(RoomFlag::kLowSuccessRate);
    }
    if (f.active_mediators < f.min_mediators) r.flags.push_back(RoomFlag::kMediatorsBelowMinimum);
    if (f.overdue_now > 0) r.flags.push_back(RoomFlag::kOverdue);
    r.figures = std::move(f);
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const RoomReviewRow& a, const RoomReviewRow& b) {
    const double ra = a.success_rate.value_or(-1), rb = b.success_rate.value_or(-1);
    if (ra != rb) return ra > rb;
    if (a.figures.delegated != b.figures.delegated) return a.figures.delegated > b.figures.delegated;
    return a.figures.name < b.figures.name;
  });
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i + 1);
  return out;
}

}  // namespace caitiao::domain
