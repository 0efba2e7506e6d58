#include "services/coverage/builtin_regions.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"
#include "services/domain/coverage.h"
#include "services/domain/region_list.h"
#include "services/domain/status_macros.h"
#include "storage/coverage_repository.h"

namespace caitiao::services {
namespace {

constexpr absl::Duration kSetupTime = absl::Seconds(60);

}  // namespace

absl::Status InstallBuiltInRegions(storage::ConnectionPool& pool) {
  int64_t inserted = 0;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(
      pool, absl::Now() + kSetupTime, "InstallBuiltInRegions", [&](storage::Tx& tx) -> absl::Status {
        CAITIAO_ASSIGN_OR_RETURN(const int64_t count, storage::CountRegions(tx));
        if (count > 0) return absl::OkStatus();
        CAITIAO_ASSIGN_OR_RETURN(const auto entries, domain::ParseRegionList(BuiltInRegionList()));
        std::vector<domain::Region> regions;
        regions.reserve(entries.size());
        for (const auto& e : entries) regions.push_back(e.region);
        CAITIAO_ASSIGN_OR_RETURN(inserted, storage::InsertMissingRegions(tx, regions));
        return absl::OkStatus();
      }));
  if (inserted > 0) {
    log::Info("first start: the region list loaded into the directory",
              {{"regions", absl::StrCat(inserted)}, {"source", "deploy/data/cn-regions-2023.csv"}});
  }
  return absl::OkStatus();
}

absl::Status LoadDemoCoverageTarget(storage::Tx& tx) {
  CAITIAO_ASSIGN_OR_RETURN(const auto existing, storage::CoverageTargets(tx, "420000"));
  const absl::CivilDay start(2023, 6, 1);
  for (const auto& t : existing) {
    if (t.effective_from == start) return absl::OkStatus();
  }
  domain::CoverageTarget target;
  target.province_code = "420000";
  target.effective_from = start;
  target.pilot_start = start;
  target.milestones = {{12, 50, false}, {24, 0, true}};
  target.note = "湖北省裁调对接试点: 一年覆盖不少于50个市县, 两年全覆盖 (demo)";
  target.set_by = "system/demo";
  target.set_time = absl::Now();
  return storage::UpsertCoverageTarget(tx, target).status();
}

}  // namespace caitiao::services
