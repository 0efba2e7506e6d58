// Pilot coverage (裁调对接试点覆盖): which cities and counties of a province
// have a mediation room working on a given day, which are docking pilots, and
// how that compares with the province's target.
//
// The rules, all on calendar days in China time:
//  - A room is active on day D when it opened on or before D and its last
//    activation change on or before D (if any) left it active. A room
//    deactivated on D is inactive on D.
//  - A region (a city or a county of the province) is covered on D when at
//    least one room of any of the three kinds, registered in exactly that
//    region, is active on D.
//  - A region is a pilot on D when its pilot entry in force on D (the latest
//    with effective_from <= D) marks it as one.
//  - The target in force on D is the province's latest version with
//    effective_from <= D. Each milestone falls due `after_months` after the
//    target's pilot start and asks for `min_covered` regions, or for all the
//    province's cities and counties; a milestone is met when that many are
//    covered on D.
//
//   auto report = DecideCoverage(province, day, regions, rooms, pilots, targets);
//   report.covered.size();   // cities and counties with an active room
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/directory_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

// A room's history as far as coverage cares.
struct RoomActivity {
  std::string room_id;
  std::string region_code;
  absl::CivilDay opened_on;
  struct Change {
    absl::CivilDay on;  // the day (China time) it was (de)activated
    bool active = false;
  };
  std::vector<Change> changes;  // in the order they happened
};

bool RoomActiveOn(const RoomActivity& room, absl::CivilDay day);

// One entry of a region's pilot history: from `effective_from` on, the region
// is (pilot = true) or is no longer (false) a docking pilot.
struct PilotEntry {
  std::string region_code;
  absl::CivilDay effective_from;
  bool pilot = true;
  std::string note;
  std::string set_by;
  absl::Time set_time;
};

// The effective_from of the entry that makes `region_code` a pilot on `day`;
// nullopt if it is none then. `entries` may hold any regions, in any order.
std::optional<absl::CivilDay> PilotSince(const std::vector<PilotEntry>& entries, const std::string& region_code,
                                         absl::CivilDay day);

// Checks a pilot entry for a region of `level`: only cities and counties may
// be pilots. Field paths: "region_code", "note" (0..500 characters).
FieldViolations ValidatePilotEntry(const PilotEntry& entry, RegionLevel level);

struct CoverageMilestone {
  int after_months = 0;  // 1..240, after the pilot start
  int min_covered = 0;   // 1..10000, when !all
  bool all = false;      // every city and county of the province
  bool operator==(const CoverageMilestone&) const = default;
};

// A province's target (policy), as versions each in force from effective_from.
struct CoverageTarget {
  std::string province_code;
  absl::CivilDay effective_from;
  absl::CivilDay pilot_start;
  std::vector<CoverageMilestone> milestones;  // after_months strictly increasing
  std::string note;
  std::string set_by;
  absl::Time set_time;
};

// Field checks of a target (paths relative: "province_code", "milestones",
// "milestones[1].after_months", "milestones[0].min_covered", "note").
FieldViolations ValidateCoverageTarget(const CoverageTarget& target);

// The version in force on `day` (latest effective_from <= day) or nullptr.
const CoverageTarget* TargetInForce(const std::vector<CoverageTarget>& versions, absl::CivilDay day);

// pilot_start plus `months`, the day of the month kept or cut to the month's
// last day (2023-01-31 + 1 month = 2023-02-28).
absl::CivilDay AddMonths(absl::CivilDay day, int months);

struct RegionCoverage {
  Region region;
  int rooms_active = 0;
  std::optional<absl::CivilDay> pilot_since;
};

struct MilestoneResult {
  CoverageMilestone milestone;
  absl::CivilDay due_on;
  int required = 0;    // regions that must be covered
  bool due = false;    // due_on <= the report's day
  bool met = false;    // covered >= required on the report's day
};

struct CoverageReport {
  std::string province_code;
  absl::CivilDay day;
  int total = 0;    // cities and counties of the province
  int pilots = 0;   // of them, pilots on the day (with or without a room)
  std::vector<RegionCoverage> covered;             // an active room on the day
  std::vector<RegionCoverage> pilot_without_room;  // a pilot, no active room
  std::vector<RegionCoverage> uncovered;           // neither
  std::optional<CoverageTarget> target;            // in force on the day
  std::vector<MilestoneResult> milestones;         // of that target, in order
  // The milestone that applies on the day: the last one due; nullopt before
  // the first falls due (or without a target).
  std::optional<size_t> applicable;
};

// The report for `province_code` on `day`. `regions` are the province's
// cities and counties (others are ignored), `rooms` and `pilots` may cover
// more than the province. Each list is ordered by region code.
CoverageReport DecideCoverage(const std::string& province_code, absl::CivilDay day,
                              const std::vector<Region>& regions, const std::vector<RoomActivity>& rooms,
                              const std::vector<PilotEntry>& pilots, const std::vector<CoverageTarget>& targets);

}  // namespace caitiao::domain
