#include "storage/directory_repository.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::Commission;
using domain::Region;
using domain::RegionLevel;

constexpr char kRegionColumns[] =
    "code, name, level, coalesce(parent_code, ''), "
    "(extract(epoch FROM created_at) * 1000000)::bigint";
constexpr char kCommissionColumns[] =
    "id::text, region_code, name, case_number_template, "
    "(extract(epoch FROM created_at) * 1000000)::bigint";

Region RegionFromRow(const pqxx::row& row) {
  Region r;
  r.code = row[0].as<std::string>();
  r.name = row[1].as<std::string>();
  r.level = domain::RegionLevelFromName(row[2].as<std::string>()).value_or(RegionLevel::kUnspecified);
  r.parent_code = row[3].as<std::string>();
  r.create_time = TimeFromMicros(row[4].as<int64_t>());
  return r;
}

Commission CommissionFromRow(const pqxx::row& row) {
  Commission c;
  c.id = row[0].as<std::string>();
  c.region_code = row[1].as<std::string>();
  c.name = row[2].as<std::string>();
  c.case_number_template = row[3].as<std::string>();
  c.create_time = TimeFromMicros(row[4].as<int64_t>());
  return c;
}

}  // namespace

void PrepareDirectoryStatements(pqxx::connection& conn) {
  conn.prepare("region_insert",
               absl::StrCat("INSERT INTO regions (code, name, level, parent_code) "
                            "VALUES ($1, $2, $3, nullif($4, '')) ON CONFLICT (code) DO NOTHING "
                            "RETURNING ",
                            kRegionColumns));
  conn.prepare("region_find", absl::StrCat("SELECT ", kRegionColumns, " FROM regions WHERE code = $1"));
  conn.prepare("region_list",
               absl::StrCat("SELECT ", kRegionColumns,
                            " FROM regions WHERE code > $1 "
                            "AND ($2 = '' OR parent_code = $2) AND ($3 = '' OR level = $3) "
                            "ORDER BY code LIMIT $4"));
  conn.prepare("commission_insert",
               absl::StrCat("INSERT INTO commissions (region_code, name, case_number_template) "
                            "VALUES ($1, $2, $3) ON CONFLICT (region_code, name) DO NOTHING "
                            "RETURNING ",
                            kCommissionColumns));
  conn.prepare("commission_find",
               absl::StrCat("SELECT ", kCommissionColumns, " FROM commissions WHERE id = $1::uuid"));
  conn.prepare("commission_list",
               absl::StrCat("SELECT ", kCommissionColumns,
                            " FROM commissions WHERE region_code BETWEEN $1 AND $2 "
                            "AND (region_code, name) > ($3, $4) "
                            "ORDER BY region_code, name LIMIT $5"));
}

absl::StatusOr<Region> InsertRegion(Tx& tx, const Region& region) {
  pqxx::result r = tx.exec_prepared("region_insert", region.code, region.name,
                                    domain::RegionLevelName(region.level), region.parent_code);
  if (r.empty()) {
    return domain::WithReason(
        absl::AlreadyExistsError(absl::StrCat("region ", region.code, " already exists")),
        domain::reasons::kRegionExists);
  }
  return RegionFromRow(r[0]);
}

absl::StatusOr<std::optional<Region>> FindRegion(Tx& tx, const std::string& code) {
  pqxx::result r = tx.exec_prepared("region_find", code);
  if (r.empty()) return std::nullopt;
  return RegionFromRow(r[0]);
}

absl::StatusOr<std::vector<Region>> ListRegions(Tx& tx, const std::string& parent_code,
                                                RegionLevel level, const std::string& after_code,
                                                int limit) {
  std::string level_name = level == RegionLevel::kUnspecified ? "" : domain::RegionLevelName(level);
  pqxx::result r = tx.exec_prepared("region_list", after_code, parent_code, level_name, limit);
  std::vector<Region> out;
  for (const auto& row : r) out.push_back(RegionFromRow(row));
  return out;
}

absl::StatusOr<Commission> InsertCommission(Tx& tx, const Commission& c) {
  pqxx::result r = tx.exec_prepared("commission_insert", c.region_code, c.name, c.case_number_template);
  if (r.empty()) {
    return domain::WithReason(absl::AlreadyExistsError(absl::StrCat(
                                  "region ", c.region_code, " already has a commission named \"",
                                  c.name, "\"")),
                              domain::reasons::kCommissionExists);
  }
  return CommissionFromRow(r[0]);
}

absl::StatusOr<std::optional<Commission>> FindCommission(Tx& tx, const std::string& id) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared("commission_find", id);
  if (r.empty()) return std::nullopt;
  return CommissionFromRow(r[0]);
}

absl::StatusOr<std::vector<Commission>> ListCommissions(Tx& tx,
                                                        const std::optional<domain::RegionCodeRange>& subtree,
                                                        const std::optional<CommissionCursor>& after,
                                                        int limit) {
  const domain::RegionCodeRange all{"000000", "999999"};
  const domain::RegionCodeRange& range = subtree ? *subtree : all;
  pqxx::result r = tx.exec_prepared("commission_list", range.first, range.last,
                                    after ? after->region_code : std::string(),
                                    after ? after->name : std::string(), limit);
  std::vector<Commission> out;
  for (const auto& row : r) out.push_back(CommissionFromRow(row));
  return out;
}

}  // namespace caitiao::storage
