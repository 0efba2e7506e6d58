// Rules for GB/T 2260 region codes, the region tree and region scopes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "services/domain/directory_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

// Six ASCII digits, not "000000", with a province part 11..82.
std::optional<std::string> RegionCodeProblem(std::string_view code);

// The level a valid code implies: "xx0000" province, "xxxx00" city, else county.
RegionLevel LevelOfCode(std::string_view code);

// Checks a new region: code valid; name 1..50 chars; level given and equal to
// LevelOfCode; a province has no parent; a city's parent is its province
// (code[0..2] + "0000"); a county's parent is its city (code[0..4] + "00") or,
// for county-level units directly under the province, the province.
// Field paths are relative ("code", "parent_code").
FieldViolations ValidateRegion(const Region& region);

// The significant prefix of a region code: "420000" -> "42",
// "420100" -> "4201", "420102" -> "420102". A region is inside another
// exactly when its code starts with the other's prefix.
std::string RegionPrefix(std::string_view code);

// The codes of a region's subtree as an inclusive range of equal-length
// digit strings: "420000" -> ["420000", "429999"], "420100" -> ["420100",
// "420199"], a county -> [code, code]. Storage selects a subtree with it as an
// index range scan (LIKE 'prefix%' cannot use a btree under a UTF-8 collation).
struct RegionCodeRange {
  std::string first;
  std::string last;
  bool operator==(const RegionCodeRange&) const = default;
};
RegionCodeRange SubtreeRange(std::string_view code);

// True if `code` is `scope` or lies below it.
bool RegionWithin(std::string_view code, std::string_view scope);

}  // namespace caitiao::domain
