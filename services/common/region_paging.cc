#include "services/common/region_paging.h"

#include "services/common/paging.h"
#include "services/domain/errors.h"

namespace caitiao::services {
namespace {

const absl::CivilDay kEpochDay(1970, 1, 1);

}  // namespace

absl::StatusOr<std::optional<domain::RegionCodeRange>> RegionFilter(const std::string& region_code) {
  if (region_code.empty()) return std::optional<domain::RegionCodeRange>();
  if (auto p = domain::RegionCodeProblem(region_code)) return domain::InvalidField("region_code", *p);
  return std::optional<domain::RegionCodeRange>(domain::SubtreeRange(region_code));
}

absl::StatusOr<std::optional<RegionDayCursor>> DecodeRegionDayCursor(std::string_view page_token,
                                                                     std::string_view list,
                                                                     const std::string& region_filter) {
  auto token = DecodePageToken(page_token, list, FilterFingerprint(region_filter));
  if (!token.ok()) return token.status();
  if (!*token) return std::optional<RegionDayCursor>();
  const int64_t days = (*token)->last_number();
  // Years 1..9999 lie within these day numbers.
  if (domain::RegionCodeProblem((*token)->last_id()) || days < -800000 || days > 3000000) return InvalidPageToken();
  const absl::CivilDay day = kEpochDay + days;
  if (day.year() < 1 || day.year() > 9999) return InvalidPageToken();
  return std::optional<RegionDayCursor>(RegionDayCursor{(*token)->last_id(), day});
}

std::string RegionDayPageToken(std::string_view list, const std::string& region_filter,
                               const std::string& last_region, absl::CivilDay last_day) {
  auto next = NewPageToken(list, FilterFingerprint(region_filter));
  next.set_last_id(last_region);
  next.set_last_number(last_day - kEpochDay);
  return EncodePageToken(next);
}

}  // namespace caitiao::services
