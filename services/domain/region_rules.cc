#include "services/domain/region_rules.h"

#include "absl/strings/str_cat.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr size_t kCodeLength = 6;
constexpr size_t kMaxRegionNameChars = 50;
// GB/T 2260 province parts run from 11 (Beijing) to 82 (Macao).
constexpr int kMinProvincePart = 11;
constexpr int kMaxProvincePart = 82;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string ProvinceOf(std::string_view code) { return std::string(code.substr(0, 2)) + "0000"; }
std::string CityOf(std::string_view code) { return std::string(code.substr(0, 4)) + "00"; }

// Region codes are public administrative data, so echoing them is fine and
// makes the parent rules concrete for the clerk.
std::optional<std::string> ParentProblem(std::string_view code, std::string_view parent) {
  std::string province = ProvinceOf(code);
  switch (LevelOfCode(code)) {
    case RegionLevel::kProvince:
      if (parent.empty()) return std::nullopt;
      return "must be empty for a province";
    case RegionLevel::kCity:
      if (parent == province) return std::nullopt;
      return absl::StrCat("must be ", province, ", the province of city ", std::string(code));
    case RegionLevel::kCounty: {
      std::string city = CityOf(code);
      if (parent == city || parent == province) return std::nullopt;
      return absl::StrCat("must be ", city, " (its city) or ", province,
                          " (its province, for county-level units directly under it)");
    }
    default:
      return std::nullopt;
  }
}

void CheckLevel(FieldViolations& v, const Region& region, bool code_ok) {
  int n = static_cast<int>(region.level);
  if (n < 1 || n > static_cast<int>(RegionLevel::kCounty)) {
    v.Add("level",
          absl::StrCat(n == 0 ? "is required: " : "", "must be one of PROVINCE, CITY, COUNTY"));
    return;
  }
  if (!code_ok) return;
  RegionLevel implied = LevelOfCode(region.code);
  if (region.level != implied) {
    v.Add("level", absl::StrCat("must be ", RegionLevelName(implied), " for code ", region.code,
                                " (xx0000 is a province, xxxx00 a city, anything else a county)"));
  }
}

}  // namespace

std::optional<std::string> RegionCodeProblem(std::string_view code) {
  if (code.empty()) return "is required";
  if (code.size() != kCodeLength || !AllDigits(code)) {
    return "must be 6 digits (a GB/T 2260 administrative division code, e.g. 420102)";
  }
  int province = (code[0] - '0') * 10 + (code[1] - '0');
  if (province < kMinProvincePart || province > kMaxProvincePart) {
    return absl::StrCat("must start with a province part from 11 to 82, got ",
                        std::string(code.substr(0, 2)));
  }
  return std::nullopt;
}

RegionLevel LevelOfCode(std::string_view code) {
  // Nothing sensible can be implied from an invalid code.
  if (RegionCodeProblem(code)) return RegionLevel::kUnspecified;
  if (code.substr(2) == "0000") return RegionLevel::kProvince;
  if (code.substr(4) == "00") return RegionLevel::kCity;
  return RegionLevel::kCounty;
}

FieldViolations ValidateRegion(const Region& region) {
  FieldViolations v;
  auto code_problem = RegionCodeProblem(region.code);
  if (code_problem) v.Add("code", *code_problem);
  if (auto problem = TextProblem(region.name, 1, kMaxRegionNameChars)) v.Add("name", *problem);
  CheckLevel(v, region, !code_problem);
  // The parent rule follows from the code; without a valid code there is
  // nothing to compare the parent with.
  if (!code_problem) {
    if (auto problem = ParentProblem(region.code, region.parent_code)) {
      v.Add("parent_code", *problem);
    }
  }
  return v;
}

std::string RegionPrefix(std::string_view code) {
  if (code.size() != kCodeLength) return std::string(code);
  if (code.substr(2) == "0000") return std::string(code.substr(0, 2));
  if (code.substr(4) == "00") return std::string(code.substr(0, 4));
  return std::string(code);
}

RegionCodeRange SubtreeRange(std::string_view code) {
  const std::string prefix = RegionPrefix(code);
  const size_t rest = code.size() > prefix.size() ? code.size() - prefix.size() : 0;
  return {prefix + std::string(rest, '0'), prefix + std::string(rest, '9')};
}

bool RegionWithin(std::string_view code, std::string_view scope) {
  // Invalid codes are inside nothing: a malformed scope such as "" or "00"
  // must never widen to everything.
  if (RegionCodeProblem(code) || RegionCodeProblem(scope)) return false;
  return code.starts_with(RegionPrefix(scope));
}

}  // namespace caitiao::domain
