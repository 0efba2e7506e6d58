#include "services/directory/directory_admin.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/directory/room_admin.h"
#include "services/domain/case_number.h"
#include "services/domain/errors.h"
#include "services/domain/principal.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/directory_repository.h"

namespace caitiao::services {
namespace {

using domain::Commission;
using domain::Region;
using domain::RegionLevel;

absl::Status RegionNotFound(const std::string& code, const std::string& field) {
  return domain::WithFields(
      domain::WithReason(absl::NotFoundError(absl::StrCat("no region with code ", domain::QuoteForMessage(code))),
                         domain::reasons::kRegionNotFound),
      {{field, "no such region"}});
}

}  // namespace

absl::StatusOr<Region> CreateRegion(storage::Tx& tx, const Region& region) {
  if (!region.parent_code.empty()) {
    CAITIAO_ASSIGN_OR_RETURN(auto parent, storage::FindRegion(tx, region.parent_code));
    if (!parent) return RegionNotFound(region.parent_code, "region.parent_code");
    if (parent->level >= region.level) {
      return domain::InvalidField("region.parent_code",
                                  absl::StrCat("is a ", domain::RegionLevelName(parent->level),
                                               ", which cannot contain a ", domain::RegionLevelName(region.level)));
    }
  }
  return storage::InsertRegion(tx, region);
}

absl::StatusOr<Commission> CreateCommission(storage::Tx& tx, const Commission& commission) {
  CAITIAO_ASSIGN_OR_RETURN(auto region, storage::FindRegion(tx, commission.region_code));
  if (!region) return RegionNotFound(commission.region_code, "commission.region_code");
  return storage::InsertCommission(tx, commission);
}

absl::StatusOr<Commission> GetCommission(storage::Tx& tx, const std::string& id) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindCommission(tx, id));
  if (!found) {
    return domain::WithReason(
        absl::NotFoundError(absl::StrCat("no commission with id ", domain::QuoteForMessage(id))),
        domain::reasons::kCommissionNotFound);
  }
  return *std::move(found);
}

absl::Status LoadDemoDirectory(storage::Tx& tx) {
  struct DemoRegion {
    Region region;
    const char* commission;
    const char* template_;
  };
  const DemoRegion kDemo[] = {
      {{"420000", "湖北省", RegionLevel::kProvince, "", {}}, "湖北省劳动人事争议仲裁委员会",
       "鄂劳人仲案字〔{year}〕第{seq}号"},
      {{"420100", "武汉市", RegionLevel::kCity, "420000", {}}, "武汉市劳动人事争议仲裁委员会",
       "鄂武劳人仲案字〔{year}〕第{seq}号"},
      {{"420102", "江岸区", RegionLevel::kCounty, "420100", {}}, "武汉市江岸区劳动人事争议仲裁委员会",
       "岸劳人仲案字〔{year}〕第{seq}号"},
      {{"420500", "宜昌市", RegionLevel::kCity, "420000", {}}, "宜昌市劳动人事争议仲裁委员会",
       "宜劳人仲案字〔{year}〕第{seq}号"},
      {{"420600", "襄阳市", RegionLevel::kCity, "420000", {}}, "襄阳市劳动人事争议仲裁委员会",
       "襄劳人仲案字〔{year}〕第{seq}号"},
      {{"421000", "荆州市", RegionLevel::kCity, "420000", {}}, "荆州市劳动人事争议仲裁委员会",
       "荆劳人仲案字〔{year}〕第{seq}号"},
      {{"429004", "仙桃市", RegionLevel::kCounty, "420000", {}}, "仙桃市劳动人事争议仲裁委员会",
       "仙劳人仲案字〔{year}〕第{seq}号"},
  };
  // The regions themselves come from the region list loaded at first start
  // (services/coverage/builtin_regions.h); one the directory lacks (a
  // directory from before the list) is added as the demo knows it.
  for (const auto& d : kDemo) {
    CAITIAO_ASSIGN_OR_RETURN(auto existing, storage::FindRegion(tx, d.region.code));
    if (!existing) CAITIAO_RETURN_IF_ERROR(storage::InsertRegion(tx, d.region).status());
    auto commission = storage::InsertCommission(tx, Commission{"", d.region.code, d.commission, d.template_, {}});
    if (!commission.ok() && domain::ReasonOf(commission.status()) != domain::reasons::kCommissionExists) {
      return commission.status();
    }
  }
  return LoadDemoRooms(tx, absl::Now());
}

}  // namespace caitiao::services
