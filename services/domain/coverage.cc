#include "services/domain/coverage.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "services/domain/region_rules.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr int kMaxAfterMonths = 240;
constexpr int kMaxMinCovered = 10000;
constexpr size_t kMaxMilestones = 10;
constexpr size_t kMaxNoteChars = 500;

bool IsCityOrCounty(RegionLevel level) { return level == RegionLevel::kCity || level == RegionLevel::kCounty; }

}  // namespace

bool RoomActiveOn(const RoomActivity& room, absl::CivilDay day) {
  if (room.opened_on > day) return false;
  bool active = true;
  for (const auto& change : room.changes) {
    if (change.on <= day) active = change.active;
  }
  return active;
}

std::optional<absl::CivilDay> PilotSince(const std::vector<PilotEntry>& entries, const std::string& region_code,
                                         absl::CivilDay day) {
  const PilotEntry* in_force = nullptr;
  for (const auto& e : entries) {
    if (e.region_code != region_code || e.effective_from > day) continue;
    if (in_force == nullptr || e.effective_from >= in_force->effective_from) in_force = &e;
  }
  if (in_force == nullptr || !in_force->pilot) return std::nullopt;
  return in_force->effective_from;
}

FieldViolations ValidatePilotEntry(const PilotEntry& entry, RegionLevel level) {
  FieldViolations v;
  if (auto p = RegionCodeProblem(entry.region_code)) {
    v.Add("region_code", *p);
  } else if (!IsCityOrCounty(level)) {
    v.Add("region_code", absl::StrCat("is a ", RegionLevelName(level), "; only a city or a county can be a pilot"));
  }
  if (auto p = TextProblem(entry.note, 0, kMaxNoteChars)) v.Add("note", *p);
  return v;
}

FieldViolations ValidateCoverageTarget(const CoverageTarget& target) {
  FieldViolations v;
  if (auto p = RegionCodeProblem(target.province_code)) {
    v.Add("province_code", *p);
  } else if (LevelOfCode(target.province_code) != RegionLevel::kProvince) {
    v.Add("province_code", "must be a province (xx0000): targets are set per province");
  }
  if (target.milestones.empty() || target.milestones.size() > kMaxMilestones) {
    v.Add("milestones", absl::StrCat("must hold 1 to ", kMaxMilestones, " milestones"));
  }
  int previous_months = 0;
  for (size_t i = 0; i < target.milestones.size(); ++i) {
    const auto& m = target.milestones[i];
    const std::string at = absl::StrCat("milestones[", i, "]");
    if (m.after_months < 1 || m.after_months > kMaxAfterMonths) {
      v.Add(absl::StrCat(at, ".after_months"), absl::StrCat("must be 1..", kMaxAfterMonths));
    } else if (m.after_months <= previous_months) {
      v.Add(absl::StrCat(at, ".after_months"), "must be later than the milestone before it");
    }
    previous_months = std::max(previous_months, m.after_months);
    if (m.all && m.min_covered != 0) {
      v.Add(absl::StrCat(at, ".min_covered"), "must be 0 when all is set");
    } else if (!m.all && (m.min_covered < 1 || m.min_covered > kMaxMinCovered)) {
      v.Add(absl::StrCat(at, ".min_covered"), absl::StrCat("must be 1..", kMaxMinCovered, " (or set all)"));
    }
  }
  if (auto p = TextProblem(target.note, 0, kMaxNoteChars)) v.Add("note", *p);
  return v;
}

const CoverageTarget* TargetInForce(const std::vector<CoverageTarget>& versions, absl::CivilDay day) {
  const CoverageTarget* in_force = nullptr;
  for (const auto& t : versions) {
    if (t.effective_from > day) continue;
    if (in_force == nullptr || t.effective_from >= in_force->effective_from) in_force = &t;
  }
  return in_force;
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay first(month.year(), month.month(), 1);
  const int last = static_cast<int>(absl::CivilDay(absl::CivilMonth(first) + 1) - first);
  return absl::CivilDay(month.year(), month.month(), std::min(day.day(), last));
}

CoverageReport DecideCoverage(const std::string& province_code, absl::CivilDay day,
                              const std::vector<Region>& regions, const std::vector<RoomActivity>& rooms,
                              const std::vector<PilotEntry>& pilots, const std::vector<CoverageTarget>& targets) {
  CoverageReport report;
  report.province_code = province_code;
  report.day = day;
  std::map<std::string, int> active_rooms;
  for (const auto& room : rooms) {
    if (RoomActiveOn(room, day)) ++active_rooms[room.region_code];
  }
  std::vector<Region> sorted = regions;
  std::sort(sorted.begin(), sorted.end(), [](const Region& a, const Region& b) { return a.code < b.code; });
  for (const auto& region : sorted) {
    if (!IsCityOrCounty(region.level) || !RegionWithin(region.code, province_code)) continue;
    RegionCoverage rc;
    rc.region = region;
    if (auto it = active_rooms.find(region.code); it != active_rooms.end()) rc.rooms_active = it->second;
    rc.pilot_since = PilotSince(pilots, region.code, day);
    ++report.total;
    if (rc.pilot_since) ++report.pilots;
    if (rc.rooms_active > 0) {
      report.covered.push_back(std::move(rc));
    } else if (rc.pilot_since) {
      report.pilot_without_room.push_back(std::move(rc));
    } else {
      report.uncovered.push_back(std::move(rc));
    }
  }
  const CoverageTarget* target = TargetInForce(targets, day);
  if (target == nullptr) return report;
  report.target = *target;
  const int covered = static_cast<int>(report.covered.size());
  for (size_t i = 0; i < target->milestones.size(); ++i) {
    const auto& m = target->milestones[i];
    MilestoneResult r;
    r.milestone = m;
    r.due_on = AddMonths(target->pilot_start, m.after_months);
    r.required = m.all ? report.total : m.min_covered;
    r.due = r.due_on <= day;
    r.met = covered >= r.required;
    if (r.due) report.applicable = i;
    report.milestones.push_back(r);
  }
  return report;
}

}  // namespace caitiao::domain
