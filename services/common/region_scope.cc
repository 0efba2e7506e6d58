#include "services/common/region_scope.h"

#include "services/domain/errors.h"
#include "services/domain/principal.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/directory_repository.h"

namespace caitiao::services {

absl::StatusOr<domain::Region> RegionOfCaller(storage::Tx& tx, const CallContext& call, const std::string& code,
                                              const std::string& field) {
  if (domain::RegionInScope(domain::CaseScopeOf(call.principal), code)) {
    CAITIAO_ASSIGN_OR_RETURN(auto region, storage::FindRegion(tx, code));
    if (region) return *std::move(region);
  }
  return domain::NotFound("region", code, domain::reasons::kRegionNotFound, field);
}

}  // namespace caitiao::services
