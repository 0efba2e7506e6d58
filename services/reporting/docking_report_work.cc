#include "services/reporting/docking_report_work.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/region_scope.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_types.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_report.h"
#include "services/domain/personal_data.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "storage/directory_repository.h"
#include "storage/room_repository.h"
#include "storage/rollup_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

// Cases in a room today: the states in which a case is a room's, as its
// queue lists them (domain::IsWithRoom).
std::vector<std::string> InRoomStates() {
  std::vector<std::string> out;
  for (domain::CaseState s : domain::AllCaseStates()) {
    if (domain::IsWithRoom(s)) out.push_back(domain::CaseStateName(s));
  }
  return out;
}

void CountsToProto(const std::vector<domain::DetailCount>& counts,
                   google::protobuf::RepeatedPtrField<v1::DetailCount>* out) {
  for (const auto& c : counts) {
    auto* o = out->Add();
    o->set_detail(c.detail);
    o->set_cases(c.cases);
  }
}

void FiguresToProto(const domain::DockingFigures& f, v1::DockingFigures* o) {
  o->set_received(f.received);
  o->set_assessed_eligible(f.assessed_eligible);
  o->set_assessed_ineligible(f.assessed_ineligible);
  CountsToProto(f.unmet_criteria, o->mutable_unmet_criteria());
  o->set_labor_relationship_excluded(f.labor_relationship_excluded);
  o->set_delegated(f.delegated);
  o->set_delegated_before_filing(f.delegated_before_filing);
  o->set_delegated_after_filing(f.delegated_after_filing);
  if (f.delegation_rate) o->set_delegation_rate(*f.delegation_rate);
  o->set_accepted(f.accepted);
  o->set_declined(f.declined);
  CountsToProto(f.declines_by_ground, o->mutable_declines_by_ground());
  o->set_acceptance_overdue(f.acceptance_overdue);
  o->set_conflicts_declared(f.conflicts_declared);
  o->set_succeeded(f.succeeded);
  o->set_succeeded_performed(f.succeeded_performed);
  o->set_succeeded_document(f.succeeded_document);
  o->set_failed(f.failed);
  CountsToProto(f.failures_by_reason, o->mutable_failures_by_reason());
  if (f.open_now) o->set_open_now(*f.open_now);
  if (f.overdue_now) o->set_overdue_now(*f.overdue_now);
  o->set_agreements_effective(f.agreements_effective);
  if (f.success_rate) o->set_success_rate(*f.success_rate);
  if (f.performance_rate) o->set_performance_rate(*f.performance_rate);
  if (f.median_days) o->set_median_days(*f.median_days);
  if (f.p90_days) o->set_p90_days(*f.p90_days);
  o->set_claimed_fen(f.claimed_fen);
  o->set_agreed_fen(f.agreed_fen);
  o->set_performed_fen(f.performed_fen);
  o->set_subsidy_accrued_fen(f.subsidy_accrued_fen);
  o->set_subsidy_held_back_fen(f.subsidy_held_back_fen);
  o->set_subsidy_approved_fen(f.subsidy_approved_fen);
  o->set_subsidy_paid_fen(f.subsidy_paid_fen);
}

// The cut's commission and room lie in the region; the mediator exists.
absl::Status CheckCut(storage::Tx& tx, const domain::ReportCut& cut) {
  if (!cut.commission_id.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(auto c, storage::FindCommission(tx, cut.commission_id));
    if (!c || !domain::RegionWithin(c->region_code, cut.region_code)) {
      return domain::NotFound("commission", cut.commission_id, domain::reasons::kCommissionNotFound,
                              "commission_id");
    }
  }
  if (!cut.room_id.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(auto r, storage::FindRoom(tx, cut.room_id, false));
    if (!r || !domain::RegionWithin(r->region_code, cut.region_code)) {
      return domain::NotFound("room", cut.room_id, domain::reasons::kRoomNotFound, "room_id");
    }
  }
  if (!cut.mediator_id.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(auto m, storage::FindMediator(tx, cut.mediator_id, false));
    if (!m) return domain::NotFound("mediator", cut.mediator_id, domain::reasons::kMediatorNotFound, "mediator_id");
  }
  return absl::OkStatus();
}

// The name of a group of the breakdown.
absl::StatusOr<std::string> GroupName(storage::Tx& tx, domain::ReportDimension d, const std::string& id) {
  switch (d) {
    case domain::ReportDimension::kCommission: {
      CAITIAO_ASSIGN_OR_RETURN(auto c, storage::FindCommission(tx, id));
      return c ? c->name : id;
    }
    case domain::ReportDimension::kRoom: {
      if (id == storage::kNoId) return std::string("(no room)");
      CAITIAO_ASSIGN_OR_RETURN(auto r, storage::FindRoom(tx, id, false));
      return r ? r->name : id;
    }
    case domain::ReportDimension::kMediator: {
      if (id == storage::kNoId) return std::string("(no mediator assigned)");
      CAITIAO_ASSIGN_OR_RETURN(auto m, storage::FindMediator(tx, id, false));
      return m ? domain::MaskPersonName(m->name) : id;
    }
    default: break;
  }
  return id;
}

}  // namespace

absl::Status DockingReportOf(storage::Tx& tx, const CallContext& call, const v1::GetDockingReportRequest& req,
                             absl::CivilDay first, absl::CivilDay last, v1::GetDockingReportResponse* resp) {
  CAITIAO_ASSIGN_OR_RETURN(const domain::Region region, RegionOfCaller(tx, call, req.region_code(), "region_code"));
  const domain::ReportCut cut{region.code, req.commission_id(), req.room_id(), req.mediator_id()};
  CAITIAO_RETURN_IF_ERROR(CheckCut(tx, cut));
  const auto breakdown = static_cast<domain::ReportDimension>(req.breakdown());  // the numbers are shared
  const storage::RollupQuery q{first, last, domain::SubtreeRange(region.code), cut.commission_id, cut.room_id,
                               cut.mediator_id, breakdown};
  CAITIAO_ASSIGN_OR_RETURN(auto rollups, storage::ReadRollups(tx, q));
  CAITIAO_ASSIGN_OR_RETURN(auto subsidies, storage::ReadSubsidySums(tx, q));
  CAITIAO_ASSIGN_OR_RETURN(auto open, storage::ReadOpenCounts(tx, q, InRoomStates(), domain::ChinaDay(call.now)));

  // The groups: a region's children (its own cases in none last), or the
  // ids found, in the order of their names.
  std::vector<std::string> groups;
  std::map<std::string, std::string> names;
  if (breakdown == domain::ReportDimension::kRegion) {
    CAITIAO_ASSIGN_OR_RETURN(const auto children, storage::ListRegions(tx, region.code,
                                                                       domain::RegionLevel::kUnspecified, "", 10000));
    auto child_of = [&](const std::string& code) {
      for (const auto& c : children) {
        if (domain::RegionWithin(code, c.code)) return c.code;
      }
      return region.code;
    };
    bool own = false;
    auto regroup = [&](std::string& g) {
      g = child_of(g);
      own = own || g == region.code;
    };
    for (auto& r : rollups) regroup(r.group);
    for (auto& s : subsidies) regroup(s.group);
    for (auto& o : open) regroup(o.group);
    for (const auto& c : children) {
      groups.push_back(c.code);
      names[c.code] = c.name;
    }
    if (own) {
      groups.push_back(region.code);
      names[region.code] = absl::StrCat(region.name, " (own)");
    }
  } else if (breakdown != domain::ReportDimension::kNone) {
    std::set<std::string> ids;
    for (const auto& r : rollups) ids.insert(r.group);
    for (const auto& s : subsidies) ids.insert(s.group);
    for (const auto& o : open) ids.insert(o.group);
    for (const auto& id : ids) {
      CAITIAO_ASSIGN_OR_RETURN(names[id], GroupName(tx, breakdown, id));
      groups.push_back(id);
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [&](const std::string& a, const std::string& b) { return names[a] < names[b]; });
  }

  resp->set_region_code(region.code);
  ToProto(first, resp->mutable_from());
  ToProto(last, resp->mutable_to());
  resp->set_breakdown(req.breakdown());
  for (const auto& row : domain::DockingReport(rollups, subsidies, open, groups, req.by_month(),
                                               absl::CivilMonth(first), absl::CivilMonth(last))) {
    auto* out = resp->add_rows();
    out->set_group_id(row.group);
    if (!row.group.empty()) out->set_group_name(names[row.group]);
    out->set_year(row.year);
    out->set_month(row.month);
    FiguresToProto(row.figures, out->mutable_figures());
  }
  if (cut.commission_id.empty() && cut.room_id.empty() && cut.mediator_id.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(const auto budget, storage::ReadBudget(tx, q.region, static_cast<int>(first.year()),
                                                                    static_cast<int>(last.year())));
    resp->set_budget_fen(budget.budget_fen);
    resp->set_budget_left_fen(budget.budget_fen - budget.paid_fen);
  }
  return absl::OkStatus();
}

}  // namespace caitiao::services
