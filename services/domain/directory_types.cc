#include "services/domain/directory_types.h"

#include <array>

namespace caitiao::domain {
namespace {

// Indexed by the enum value (equal to caitiao.v1.RegionLevel); stored names.
constexpr std::array<const char*, 4> kRegionLevelNames = {"UNSPECIFIED", "PROVINCE", "CITY",
                                                          "COUNTY"};

}  // namespace

const char* RegionLevelName(RegionLevel level) {
  // An out-of-range value (unchecked cast) reads as UNSPECIFIED.
  auto index = static_cast<size_t>(level);
  return index < kRegionLevelNames.size() ? kRegionLevelNames[index] : kRegionLevelNames[0];
}

std::optional<RegionLevel> RegionLevelFromName(std::string_view name) {
  // UNSPECIFIED is the absence of a level, never a stored one.
  for (size_t i = 1; i < kRegionLevelNames.size(); ++i) {
    if (name == kRegionLevelNames[i]) return static_cast<RegionLevel>(i);
  }
  return std::nullopt;
}

}  // namespace caitiao::domain
