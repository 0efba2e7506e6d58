// Regions (行政区划) and arbitration commissions (劳动人事争议仲裁委员会) as
// plain domain structs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace caitiao::domain {

// Values equal caitiao.v1.RegionLevel.
enum class RegionLevel { kUnspecified = 0, kProvince = 1, kCity = 2, kCounty = 3 };

struct Region {
  std::string code;  // 6-digit GB/T 2260
  std::string name;
  RegionLevel level = RegionLevel::kUnspecified;
  std::string parent_code;  // empty for a province
  absl::Time create_time;
};

struct Commission {
  std::string id;
  std::string region_code;
  std::string name;
  std::string case_number_template;  // e.g. 鄂武劳人仲案字〔{year}〕第{seq}号
  absl::Time create_time;
};

const char* RegionLevelName(RegionLevel level);  // "PROVINCE", "CITY", "COUNTY"
std::optional<RegionLevel> RegionLevelFromName(std::string_view name);

}  // namespace caitiao::domain
