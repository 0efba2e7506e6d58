#include "services/coverage/coverage_admin.h"

#include "absl/strings/str_cat.h"
#include "services/common/region_scope.h"
#include "services/domain/errors.h"
#include "services/domain/principal.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "storage/coverage_repository.h"
#include "storage/directory_repository.h"

namespace caitiao::services {
namespace {

absl::StatusOr<domain::Region> ExistingRegion(storage::Tx& tx, const std::string& code, const std::string& field) {
  CAITIAO_ASSIGN_OR_RETURN(auto region, storage::FindRegion(tx, code));
  if (!region) return domain::NotFound("region", code, domain::reasons::kRegionNotFound, field);
  return *std::move(region);
}

}  // namespace

absl::StatusOr<RegionLoadCounts> LoadRegionList(storage::Tx& tx, const CallContext& call,
                                                const std::vector<domain::RegionListEntry>& entries) {
  call.resource = "regions";
  CAITIAO_ASSIGN_OR_RETURN(const auto existing, storage::AllRegions(tx));
  auto plan = domain::PlanRegionLoad(existing, entries);
  if (!plan.ok()) return AsCsvTextProblem(plan.status());
  std::vector<domain::Region> writes = plan->added;
  writes.insert(writes.end(), plan->renamed.begin(), plan->renamed.end());
  writes.insert(writes.end(), plan->moved.begin(), plan->moved.end());
  CAITIAO_RETURN_IF_ERROR(storage::UpsertRegions(tx, writes).status());
  RegionLoadCounts counts;
  counts.added = static_cast<int>(plan->added.size());
  counts.renamed = static_cast<int>(plan->renamed.size());
  counts.moved = static_cast<int>(plan->moved.size());
  counts.unchanged = plan->unchanged;
  counts.absent = plan->absent;
  CAITIAO_ASSIGN_OR_RETURN(const int64_t total, storage::CountRegions(tx));
  counts.total = static_cast<int>(total);
  return counts;
}

absl::StatusOr<bool> SetPilotEntry(storage::Tx& tx, const CallContext& call, domain::PilotEntry& entry) {
  CAITIAO_ASSIGN_OR_RETURN(const auto region, ExistingRegion(tx, entry.region_code, "region_code"));
  CAITIAO_RETURN_IF_ERROR(domain::ValidatePilotEntry(entry, region.level).ToStatus());
  entry.set_by = call.principal.id;
  entry.set_time = call.now;
  call.resource = absl::StrCat("regions/", entry.region_code, "/pilot");
  return storage::UpsertPilotEntry(tx, entry);
}

absl::StatusOr<bool> SetCoverageTarget(storage::Tx& tx, const CallContext& call, domain::CoverageTarget& target) {
  CAITIAO_RETURN_IF_ERROR(ExistingRegion(tx, target.province_code, "target.province_code").status());
  target.set_by = call.principal.id;
  target.set_time = call.now;
  call.resource = absl::StrCat("regions/", target.province_code, "/coverage-target");
  return storage::UpsertCoverageTarget(tx, target);
}

absl::StatusOr<ProvinceCoverage> CoverageOf(storage::Tx& tx, const CallContext& call,
                                            const std::string& province_code, absl::CivilDay day) {
  CAITIAO_ASSIGN_OR_RETURN(const auto province, RegionOfCaller(tx, call, province_code, "province_code"));
  const auto subtree = domain::SubtreeRange(province_code);
  CAITIAO_ASSIGN_OR_RETURN(const auto regions, storage::CitiesAndCounties(tx, subtree));
  CAITIAO_ASSIGN_OR_RETURN(const auto rooms, storage::RoomActivities(tx, subtree));
  CAITIAO_ASSIGN_OR_RETURN(const auto pilots, storage::PilotEntries(tx, subtree));
  CAITIAO_ASSIGN_OR_RETURN(const auto targets, storage::CoverageTargets(tx, province_code));
  return ProvinceCoverage{province.name,
                          domain::DecideCoverage(province_code, day, regions, rooms, pilots, targets)};
}

}  // namespace caitiao::services
