#include "storage/policy_repository.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

constexpr char kPolicyColumns[] =
    "region_code, effective_from::text, pre_filing_mediation_days, post_filing_mediation_days, "
    "acceptance_working_days, max_extension_days, created_by, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, acceptance_decision_working_days, review_application_days, "
    "review_working_days, review_extension_working_days, max_mediation_extensions";
constexpr char kCalendarColumns[] =
    "year, version, calendar_text, loaded_by, (extract(epoch FROM loaded_at) * 1000000)::bigint";

domain::DeadlinePolicyVersion PolicyFromRow(const pqxx::row& row) {
  domain::DeadlinePolicyVersion v;
  v.region_code = row[0].as<std::string>();
  v.effective_from = DateFromText(row[1].as<std::string>());
  v.policy.pre_filing_mediation_days = row[2].as<int>();
  v.policy.post_filing_mediation_days = row[3].as<int>();
  v.policy.acceptance_working_days = row[4].as<int>();
  v.policy.max_extension_days = row[5].as<int>();
  v.created_by = row[6].as<std::string>();
  v.create_time = TimeFromMicros(row[7].as<int64_t>());
  v.policy.acceptance_decision_working_days = row[8].as<int>();
  v.policy.review_application_days = row[9].as<int>();
  v.policy.review_working_days = row[10].as<int>();
  v.policy.review_extension_working_days = row[11].as<int>();
  v.policy.max_mediation_extensions = row[12].as<int>();
  return v;
}

StoredCalendar CalendarFromRow(const pqxx::row& row) {
  StoredCalendar c;
  c.year = row[0].as<int>();
  c.version = row[1].as<std::string>();
  c.text = row[2].as<std::string>();
  c.loaded_by = row[3].as<std::string>();
  c.load_time = TimeFromMicros(row[4].as<int64_t>());
  return c;
}

}  // namespace

void PreparePolicyStatements(pqxx::connection& conn) {
  conn.prepare("calendar_all", absl::StrCat("SELECT ", kCalendarColumns, " FROM holiday_calendars ORDER BY year"));
  conn.prepare("calendar_list", absl::StrCat("SELECT ", kCalendarColumns,
                                             " FROM holiday_calendars WHERE year > $1 ORDER BY year LIMIT $2"));
  conn.prepare("calendar_insert_if_absent",
               "INSERT INTO holiday_calendars (year, version, calendar_text, loaded_by, loaded_at) "
               "VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT (year) DO NOTHING RETURNING 1");
  conn.prepare("calendar_version_locked", "SELECT version FROM holiday_calendars WHERE year = $1 FOR UPDATE");
  conn.prepare("calendar_replace",
               "UPDATE holiday_calendars SET version = $2, calendar_text = $3, loaded_by = $4, "
               "loaded_at = $5::timestamptz WHERE year = $1");
  conn.prepare("policy_for_chain",
               absl::StrCat("SELECT ", kPolicyColumns,
                            " FROM deadline_policies WHERE region_code IN ($1, $2, $3) "
                            "ORDER BY region_code, effective_from"));
  conn.prepare("policy_find", absl::StrCat("SELECT ", kPolicyColumns,
                                           " FROM deadline_policies WHERE region_code = $1 "
                                           "AND effective_from = $2::date"));
  conn.prepare("policy_find_locked", absl::StrCat("SELECT ", kPolicyColumns,
                                                  " FROM deadline_policies WHERE region_code = $1 "
                                                  "AND effective_from = $2::date FOR UPDATE"));
  conn.prepare("policy_insert",
               "INSERT INTO deadline_policies (region_code, effective_from, pre_filing_mediation_days, "
               "post_filing_mediation_days, acceptance_working_days, max_extension_days, created_by, created_at, "
               "acceptance_decision_working_days, review_application_days, review_working_days, "
               "review_extension_working_days, max_mediation_extensions) "
               "VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8::timestamptz, $9, $10, $11, $12, $13) "
               "ON CONFLICT (region_code, effective_from) DO NOTHING RETURNING 1");
  conn.prepare("policy_replace",
               "UPDATE deadline_policies SET pre_filing_mediation_days = $3, post_filing_mediation_days = $4, "
               "acceptance_working_days = $5, max_extension_days = $6, created_by = $7, "
               "created_at = $8::timestamptz, acceptance_decision_working_days = $9, review_application_days = $10, "
               "review_working_days = $11, review_extension_working_days = $12, max_mediation_extensions = $13 "
               "WHERE region_code = $1 AND effective_from = $2::date RETURNING 1");
  conn.prepare("policy_list",
               absl::StrCat("SELECT ", kPolicyColumns,
                            " FROM deadline_policies WHERE region_code BETWEEN $1 AND $2 "
                            "AND (region_code, effective_from) > ($3, $4::date) "
                            "ORDER BY region_code, effective_from LIMIT $5"));
}

absl::StatusOr<domain::CalendarSet> LoadCalendarSet(Tx& tx) {
  domain::CalendarSet set;
  for (const auto& row : tx.exec_prepared("calendar_all")) {
    const StoredCalendar stored = CalendarFromRow(row);
    absl::StatusOr<domain::HolidayCalendar> parsed = domain::ParseHolidayCalendar(stored.text);
    if (!parsed.ok() || parsed->year() != stored.year) {
      return absl::InternalError(absl::StrCat("the stored holiday calendar of ", stored.year,
                                              " no longer parses; load it again with LoadHolidayCalendar"));
    }
    set.Add(*std::move(parsed));
  }
  return set;
}

absl::StatusOr<bool> InsertHolidayCalendarIfAbsent(Tx& tx, const StoredCalendar& c) {
  pqxx::result r = tx.exec_prepared("calendar_insert_if_absent", c.year, c.version, c.text, c.loaded_by,
                                    TimeParam(c.load_time));
  return !r.empty();
}

absl::StatusOr<std::optional<std::string>> UpsertHolidayCalendar(Tx& tx, const StoredCalendar& c) {
  // Insert first: a concurrent load of the same new year waits here for the
  // other to commit, then finds its row below (READ COMMITTED).
  CAITIAO_ASSIGN_OR_RETURN(const bool inserted, InsertHolidayCalendarIfAbsent(tx, c));
  if (inserted) return std::nullopt;
  pqxx::result old = tx.exec_prepared("calendar_version_locked", c.year);
  if (old.empty()) return absl::AbortedError("the calendar changed concurrently; retry");
  std::string replaced = old[0][0].as<std::string>();
  tx.exec_prepared("calendar_replace", c.year, c.version, c.text, c.loaded_by, TimeParam(c.load_time));
  return replaced;
}

absl::StatusOr<std::vector<int>> InsertMissingCalendars(Tx& tx, const std::vector<std::string>& texts,
                                                        const std::string& loaded_by, absl::Time now) {
  std::vector<int> stored;
  for (const std::string& text : texts) {
    CAITIAO_ASSIGN_OR_RETURN(domain::HolidayCalendar calendar, domain::ParseHolidayCalendar(text));
    CAITIAO_ASSIGN_OR_RETURN(
        const bool inserted,
        InsertHolidayCalendarIfAbsent(tx, {calendar.year(), calendar.version(), text, loaded_by, now}));
    if (inserted) stored.push_back(calendar.year());
  }
  std::sort(stored.begin(), stored.end());
  return stored;
}

absl::StatusOr<std::vector<StoredCalendar>> ListHolidayCalendars(Tx& tx, int after_year, int limit) {
  std::vector<StoredCalendar> out;
  for (const auto& row : tx.exec_prepared("calendar_list", after_year, limit)) out.push_back(CalendarFromRow(row));
  return out;
}

absl::StatusOr<std::vector<domain::DeadlinePolicyVersion>> DeadlinePoliciesFor(Tx& tx,
                                                                               const std::string& region_code) {
  std::vector<std::string> chain = domain::PolicyRegionChain(region_code);
  chain.resize(3, chain.front());  // IN ($1, $2, $3) tolerates repeats
  std::vector<domain::DeadlinePolicyVersion> out;
  for (const auto& row : tx.exec_prepared("policy_for_chain", chain[0], chain[1], chain[2])) {
    out.push_back(PolicyFromRow(row));
  }
  return out;
}

absl::StatusOr<std::optional<domain::DeadlinePolicyVersion>> FindDeadlinePolicy(Tx& tx,
                                                                                const std::string& region_code,
                                                                                absl::CivilDay effective_from,
                                                                                bool lock) {
  pqxx::result r =
      tx.exec_prepared(lock ? "policy_find_locked" : "policy_find", region_code, DateParam(effective_from));
  if (r.empty()) return std::nullopt;
  return PolicyFromRow(r[0]);
}

absl::Status InsertDeadlinePolicy(Tx& tx, const domain::DeadlinePolicyVersion& v) {
  const domain::DeadlinePolicy& p = v.policy;
  pqxx::result r = tx.exec_prepared("policy_insert", v.region_code, DateParam(v.effective_from),
                                    p.pre_filing_mediation_days, p.post_filing_mediation_days,
                                    p.acceptance_working_days, p.max_extension_days, v.created_by,
                                    TimeParam(v.create_time), p.acceptance_decision_working_days,
                                    p.review_application_days, p.review_working_days,
                                    p.review_extension_working_days, p.max_mediation_extensions);
  if (r.empty()) {
    return domain::WithFields(
        domain::WithReason(absl::AlreadyExistsError(absl::StrCat(
                               "region ", v.region_code, " already has a deadline policy version from ",
                               absl::FormatCivilTime(v.effective_from))),
                           domain::reasons::kPolicyVersionExists),
        {{"effective_from", "a version from this day exists"}});
  }
  return absl::OkStatus();
}

absl::Status ReplaceDeadlinePolicy(Tx& tx, const domain::DeadlinePolicyVersion& v) {
  const domain::DeadlinePolicy& p = v.policy;
  pqxx::result r = tx.exec_prepared("policy_replace", v.region_code, DateParam(v.effective_from),
                                    p.pre_filing_mediation_days, p.post_filing_mediation_days,
                                    p.acceptance_working_days, p.max_extension_days, v.created_by,
                                    TimeParam(v.create_time), p.acceptance_decision_working_days,
                                    p.review_application_days, p.review_working_days,
                                    p.review_extension_working_days, p.max_mediation_extensions);
  if (r.empty()) return absl::NotFoundError("no deadline policy version to replace");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::DeadlinePolicyVersion>> ListDeadlinePolicies(
    Tx& tx, const std::optional<domain::RegionCodeRange>& subtree, const std::optional<PolicyCursor>& after,
    int limit) {
  const domain::RegionCodeRange all{"000000", "999999"};
  const domain::RegionCodeRange& range = subtree ? *subtree : all;
  pqxx::result r = tx.exec_prepared("policy_list", range.first, range.last,
                                    after ? after->region_code : std::string(),
                                    after ? DateParam(after->effective_from) : std::string("0001-01-01"), limit);
  std::vector<domain::DeadlinePolicyVersion> out;
  for (const auto& row : r) out.push_back(PolicyFromRow(row));
  return out;
}

}  // namespace caitiao::storage
