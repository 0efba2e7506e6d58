#include "storage/coverage_repository.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::Region;

constexpr char kRegionColumns[] =
    "code, name, level, coalesce(parent_code, ''), (extract(epoch FROM created_at) * 1000000)::bigint";

// The unnest of four text arrays (code, name, level, parent code; '' for none).
constexpr char kRegionInput[] =
    "SELECT code, name, level, nullif(parent_code, '') AS parent_code "
    "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(code, name, level, parent_code)";

Region RegionFromRow(const pqxx::row& row) {
  Region r;
  r.code = row[0].as<std::string>();
  r.name = row[1].as<std::string>();
  r.level = domain::RegionLevelFromName(row[2].as<std::string>()).value_or(domain::RegionLevel::kUnspecified);
  r.parent_code = row[3].as<std::string>();
  r.create_time = TimeFromMicros(row[4].as<int64_t>());
  return r;
}

// A PostgreSQL array literal of arbitrary text, each element double-quoted
// with '"' and '\' escaped: a value bound as one parameter, never SQL.
std::string TextArrayParam(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

struct RegionArrays {
  std::string codes, names, levels, parents;
};

RegionArrays ArraysOf(const std::vector<Region>& regions) {
  std::vector<std::string> codes, names, levels, parents;
  for (const auto& r : regions) {
    codes.push_back(r.code);
    names.push_back(r.name);
    levels.push_back(domain::RegionLevelName(r.level));
    parents.push_back(r.parent_code);
  }
  return {TextArrayParam(codes), TextArrayParam(names), TextArrayParam(levels), TextArrayParam(parents)};
}

domain::CoverageMilestone MilestoneFromRow(const pqxx::row& row) {
  return {row[2].as<int>(), row[3].as<int>(), row[4].as<bool>()};
}

}  // namespace

void PrepareCoverageStatements(pqxx::connection& conn) {
  conn.prepare("coverage_region_count", "SELECT count(*) FROM regions");
  conn.prepare("coverage_region_all", absl::StrCat("SELECT ", kRegionColumns, " FROM regions ORDER BY code"));
  conn.prepare("coverage_region_insert_missing",
               absl::StrCat("INSERT INTO regions (code, name, level, parent_code) ", kRegionInput,
                            " ON CONFLICT (code) DO NOTHING"));
  conn.prepare("coverage_region_upsert",
               absl::StrCat("INSERT INTO regions (code, name, level, parent_code) ", kRegionInput,
                            " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, "
                            "parent_code = EXCLUDED.parent_code "
                            "WHERE (regions.name, regions.level, regions.parent_code) IS DISTINCT FROM "
                            "(EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_code)"));
  conn.prepare("coverage_cities_counties",
               absl::StrCat("SELECT ", kRegionColumns,
                            " FROM regions WHERE code BETWEEN $1 AND $2 AND level IN ('CITY', 'COUNTY') "
                            "ORDER BY code"));
  conn.prepare("coverage_rooms",
               "SELECT id::text, region_code, opened_on::text FROM mediation_rooms "
               "WHERE region_code BETWEEN $1 AND $2 ORDER BY id");
  conn.prepare("coverage_room_changes",
               "SELECT c.room_id::text, c.changed_on::text, c.active FROM room_activity_changes c "
               "JOIN mediation_rooms r ON r.id = c.room_id "
               "WHERE r.region_code BETWEEN $1 AND $2 ORDER BY c.seq");
  conn.prepare("coverage_pilots",
               "SELECT region_code, effective_from::text, pilot, note, set_by, "
               "(extract(epoch FROM set_at) * 1000000)::bigint FROM coverage_pilots "
               "WHERE region_code BETWEEN $1 AND $2 ORDER BY region_code, effective_from");
  conn.prepare("coverage_pilot_upsert",
               "INSERT INTO coverage_pilots AS p (region_code, effective_from, pilot, note, set_by, set_at) "
               "VALUES ($1, $2::date, $3::boolean, $4, $5, $6::timestamptz) "
               "ON CONFLICT (region_code, effective_from) DO UPDATE SET pilot = EXCLUDED.pilot, "
               "note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at "
               "RETURNING (xmax <> 0) AS replaced");
  conn.prepare("coverage_targets",
               "SELECT province_code, effective_from::text, pilot_start::text, note, set_by, "
               "(extract(epoch FROM set_at) * 1000000)::bigint FROM coverage_targets "
               "WHERE province_code = $1 ORDER BY effective_from");
  conn.prepare("coverage_target_milestones",
               "SELECT province_code, effective_from::text, after_months, min_covered, all_regions "
               "FROM coverage_target_milestones WHERE province_code = $1 ORDER BY effective_from, after_months");
  conn.prepare("coverage_target_upsert",
               "INSERT INTO coverage_targets (province_code, effective_from, pilot_start, note, set_by, set_at) "
               "VALUES ($1, $2::date, $3::date, $4, $5, $6::timestamptz) "
               "ON CONFLICT (province_code, effective_from) DO UPDATE SET pilot_start = EXCLUDED.pilot_start, "
               "note = EXCLUDED.note, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at "
               "RETURNING (xmax <> 0) AS replaced");
  conn.prepare("coverage_target_milestones_clear",
               "DELETE FROM coverage_target_milestones WHERE province_code = $1 AND effective_from = $2::date");
  conn.prepare("coverage_target_milestones_insert",
               "INSERT INTO coverage_target_milestones (province_code, effective_from, after_months, min_covered, "
               "all_regions) SELECT $1, $2::date, m, c, a "
               "FROM unnest($3::int[], $4::int[], $5::boolean[]) AS t(m, c, a)");
}

absl::StatusOr<int64_t> CountRegions(Tx& tx) {
  return tx.exec_prepared1("coverage_region_count")[0].as<int64_t>();
}

absl::StatusOr<std::vector<Region>> AllRegions(Tx& tx) {
  std::vector<Region> out;
  for (const auto& row : tx.exec_prepared("coverage_region_all")) out.push_back(RegionFromRow(row));
  return out;
}

absl::StatusOr<int64_t> InsertMissingRegions(Tx& tx, const std::vector<Region>& regions) {
  if (regions.empty()) return 0;
  const RegionArrays a = ArraysOf(regions);
  return tx.exec_prepared0("coverage_region_insert_missing", a.codes, a.names, a.levels, a.parents).affected_rows();
}

absl::StatusOr<int64_t> UpsertRegions(Tx& tx, const std::vector<Region>& regions) {
  if (regions.empty()) return 0;
  const RegionArrays a = ArraysOf(regions);
  return tx.exec_prepared0("coverage_region_upsert", a.codes, a.names, a.levels, a.parents).affected_rows();
}

absl::StatusOr<std::vector<Region>> CitiesAndCounties(Tx& tx, const domain::RegionCodeRange& subtree) {
  std::vector<Region> out;
  for (const auto& row : tx.exec_prepared("coverage_cities_counties", subtree.first, subtree.last)) {
    out.push_back(RegionFromRow(row));
  }
  return out;
}

absl::StatusOr<std::vector<domain::RoomActivity>> RoomActivities(Tx& tx, const domain::RegionCodeRange& subtree) {
  std::vector<domain::RoomActivity> out;
  std::map<std::string, size_t> index;
  for (const auto& row : tx.exec_prepared("coverage_rooms", subtree.first, subtree.last)) {
    domain::RoomActivity room;
    room.room_id = row[0].as<std::string>();
    room.region_code = row[1].as<std::string>();
    room.opened_on = DateFromText(row[2].as<std::string>());
    index.emplace(room.room_id, out.size());
    out.push_back(std::move(room));
  }
  for (const auto& row : tx.exec_prepared("coverage_room_changes", subtree.first, subtree.last)) {
    auto it = index.find(row[0].as<std::string>());
    if (it == index.end()) continue;  // a room moved into the subtree since the first read
    out[it->second].changes.push_back({DateFromText(row[1].as<std::string>()), row[2].as<bool>()});
  }
  return out;
}

absl::StatusOr<std::vector<domain::PilotEntry>> PilotEntries(Tx& tx, const domain::RegionCodeRange& subtree) {
  std::vector<domain::PilotEntry> out;
  for (const auto& row : tx.exec_prepared("coverage_pilots", subtree.first, subtree.last)) {
    domain::PilotEntry e;
    e.region_code = row[0].as<std::string>();
    e.effective_from = DateFromText(row[1].as<std::string>());
    e.pilot = row[2].as<bool>();
    e.note = row[3].as<std::string>();
    e.set_by = row[4].as<std::string>();
    e.set_time = TimeFromMicros(row[5].as<int64_t>());
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<bool> UpsertPilotEntry(Tx& tx, const domain::PilotEntry& e) {
  return tx
      .exec_prepared1("coverage_pilot_upsert", e.region_code, DateParam(e.effective_from), e.pilot, e.note, e.set_by,
                      TimeParam(e.set_time))[0]
      .as<bool>();
}

absl::StatusOr<std::vector<domain::CoverageTarget>> CoverageTargets(Tx& tx, const std::string& province_code) {
  std::vector<domain::CoverageTarget> out;
  std::map<std::string, size_t> index;
  for (const auto& row : tx.exec_prepared("coverage_targets", province_code)) {
    domain::CoverageTarget t;
    t.province_code = row[0].as<std::string>();
    t.effective_from = DateFromText(row[1].as<std::string>());
    t.pilot_start = DateFromText(row[2].as<std::string>());
    t.note = row[3].as<std::string>();
    t.set_by = row[4].as<std::string>();
    t.set_time = TimeFromMicros(row[5].as<int64_t>());
    index.emplace(row[1].as<std::string>(), out.size());
    out.push_back(std::move(t));
  }
  for (const auto& row : tx.exec_prepared("coverage_target_milestones", province_code)) {
    auto it = index.find(row[1].as<std::string>());
    if (it != index.end()) out[it->second].milestones.push_back(MilestoneFromRow(row));
  }
  return out;
}

absl::StatusOr<bool> UpsertCoverageTarget(Tx& tx, const domain::CoverageTarget& t) {
  const std::string from = DateParam(t.effective_from);
  const bool replaced = tx.exec_prepared1("coverage_target_upsert", t.province_code, from, DateParam(t.pilot_start),
                                          t.note, t.set_by, TimeParam(t.set_time))[0]
                            .as<bool>();
  tx.exec_prepared0("coverage_target_milestones_clear", t.province_code, from);
  std::vector<std::string> months, mins, alls;
  for (const auto& m : t.milestones) {
    months.push_back(absl::StrCat(m.after_months));
    mins.push_back(absl::StrCat(m.all ? 0 : m.min_covered));
    alls.push_back(m.all ? "true" : "false");
  }
  tx.exec_prepared0("coverage_target_milestones_insert", t.province_code, from, PlainArrayParam(months),
                    PlainArrayParam(mins), PlainArrayParam(alls));
  return replaced;
}

}  // namespace caitiao::storage
