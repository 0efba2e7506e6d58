// The list of China's regions (行政区划) as CSV, and what loading it into the
// directory changes. The list is data, not code: the server embeds
// deploy/data/cn-regions-2023.csv and loads it into an empty directory; an
// admin loads a newer list with CoverageService.LoadRegions.
//
//   code,name,level,parent_code          <- the header, required
//   420000,湖北省,province,
//   420100,武汉市,city,420000
//   429004,仙桃市,county,420000          <- a county-level unit under its province
//
// Lines end in LF or CRLF; a UTF-8 byte order mark and blank lines are
// ignored; a field may be double-quoted ("" inside stands for one quote).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/directory_types.h"

namespace caitiao::domain {

struct RegionListEntry {
  int line = 0;  // 1-based line of the text (the header is line 1)
  Region region;
};

// At most this many regions in one list (China has about 3,300).
inline constexpr size_t kMaxRegionListEntries = 10000;

// Parses and checks a whole list: the header; four fields per line; each
// region valid by ValidateRegion (level "province", "city" or "county", any
// case); no code twice; a parent that is in the list must come with the
// right level (a parent outside the list is checked against the directory by
// PlanRegionLoad). INVALID_ARGUMENT with reason REGION_LIST_INVALID and the
// message "line N: ...", naming the first bad line.
absl::StatusOr<std::vector<RegionListEntry>> ParseRegionList(std::string_view text);

// What loading a list changes in a directory holding `existing`. Regions are
// never deleted: a region of the directory that the list lacks stays (it may
// be named by commissions, rooms and cases) and is counted in `absent`.
struct RegionLoadPlan {
  std::vector<Region> added;    // codes new to the directory
  std::vector<Region> renamed;  // same code, another name
  std::vector<Region> moved;    // same code, another parent or level (the name may change too)
  int unchanged = 0;
  int absent = 0;  // in the directory, not in the list; kept
};

// INVALID_ARGUMENT (REGION_LIST_INVALID) naming the line of a region whose
// parent is neither in the list nor in the directory.
absl::StatusOr<RegionLoadPlan> PlanRegionLoad(const std::vector<Region>& existing,
                                              const std::vector<RegionListEntry>& list);

}  // namespace caitiao::domain
