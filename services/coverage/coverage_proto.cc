#include "services/coverage/coverage_proto.h"

#include "services/common/proto_time.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

void RegionCoverageToProto(const domain::RegionCoverage& r, v1::RegionCoverage* out) {
  out->set_code(r.region.code);
  out->set_name(r.region.name);
  out->set_level(static_cast<v1::RegionLevel>(r.region.level));
  out->set_rooms_active(r.rooms_active);
  out->set_pilot(r.pilot_since.has_value());
  if (r.pilot_since) ToProto(*r.pilot_since, out->mutable_pilot_since());
}

}  // namespace

void PilotEntryToProto(const domain::PilotEntry& e, v1::PilotEntry* out) {
  out->set_region_code(e.region_code);
  ToProto(e.effective_from, out->mutable_effective_from());
  out->set_pilot(e.pilot);
  out->set_note(e.note);
  out->set_set_by(e.set_by);
  ToProto(e.set_time, out->mutable_set_time());
}

domain::CoverageTarget TargetFromProto(const v1::CoverageTarget& t, domain::FieldViolations* problems) {
  domain::CoverageTarget out;
  out.province_code = t.province_code();
  out.effective_from = DayFromProto(t.effective_from(), t.has_effective_from(), "target.effective_from", problems);
  out.pilot_start = DayFromProto(t.pilot_start(), t.has_pilot_start(), "target.pilot_start", problems);
  for (const auto& m : t.milestones()) out.milestones.push_back({m.after_months(), m.min_covered(), m.all()});
  out.note = t.note();
  return out;
}

void TargetToProto(const domain::CoverageTarget& t, v1::CoverageTarget* out) {
  out->set_province_code(t.province_code);
  ToProto(t.effective_from, out->mutable_effective_from());
  ToProto(t.pilot_start, out->mutable_pilot_start());
  for (const auto& m : t.milestones) {
    auto* pm = out->add_milestones();
    pm->set_after_months(m.after_months);
    pm->set_min_covered(m.all ? 0 : m.min_covered);
    pm->set_all(m.all);
  }
  out->set_note(t.note);
  out->set_set_by(t.set_by);
  ToProto(t.set_time, out->mutable_set_time());
}

void CoverageToProto(const ProvinceCoverage& c, v1::CoverageReport* out) {
  const auto& r = c.report;
  out->set_province_code(r.province_code);
  out->set_province_name(c.province_name);
  ToProto(r.day, out->mutable_date());
  out->set_total(r.total);
  out->set_covered(static_cast<int>(r.covered.size()));
  out->set_pilots(r.pilots);
  if (r.target) TargetToProto(*r.target, out->mutable_target());
  for (const auto& m : r.milestones) {
    auto* pm = out->add_milestones();
    pm->mutable_milestone()->set_after_months(m.milestone.after_months);
    pm->mutable_milestone()->set_min_covered(m.milestone.all ? 0 : m.milestone.min_covered);
    pm->mutable_milestone()->set_all(m.milestone.all);
    ToProto(m.due_on, pm->mutable_due_on());
    pm->set_required(m.required);
    pm->set_due(m.due);
    pm->set_met(m.met);
  }
  out->set_applicable_milestone(r.applicable ? static_cast<int>(*r.applicable) : -1);
  for (const auto& x : r.covered) RegionCoverageToProto(x, out->add_covered_regions());
  for (const auto& x : r.pilot_without_room) RegionCoverageToProto(x, out->add_pilot_without_room());
  for (const auto& x : r.uncovered) RegionCoverageToProto(x, out->add_uncovered_regions());
}

}  // namespace caitiao::services
