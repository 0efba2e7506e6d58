// Persistence of the deadline policy (versions per region and effective
// date) and of the public-holiday calendars (one text per year, in the format
// of services/domain/holiday_calendar.h). Functions run inside the caller's
// transaction; SQL is prepared on every pooled connection.
//
// For deadline computation, read both in the transaction that stores the
// deadline:
//
//   CAITIAO_ASSIGN_OR_RETURN(domain::CalendarSet calendars, storage::LoadCalendarSet(tx));
//   CAITIAO_ASSIGN_OR_RETURN(auto versions, storage::DeadlinePoliciesFor(tx, room.region_code));
//   domain::EffectivePolicy policy = domain::EffectiveDeadlinePolicy(versions, room.region_code, today);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/holiday_calendar.h"
#include "services/domain/region_rules.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PreparePolicyStatements(pqxx::connection& conn);

// ---------------------------------------------------------------------------
// Holiday calendars.

// One stored year: the text as loaded, and who loaded it when.
struct StoredCalendar {
  int year = 0;
  std::string version;  // the notice number, as in the text's `version` line
  std::string text;
  std::string loaded_by;  // a principal id, or "system/built-in"
  absl::Time load_time;
};

// Every stored calendar, parsed with ParseHolidayCalendar. INTERNAL if a
// stored text no longer parses or its year is not the row's (the message
// names the year, not the text).
absl::StatusOr<domain::CalendarSet> LoadCalendarSet(Tx& tx);

// Stores `calendar` for its year, replacing any stored one; returns the
// replaced calendar's version, or nullopt if the year was new. The caller
// has parsed the text and copied year and version from it.
absl::StatusOr<std::optional<std::string>> UpsertHolidayCalendar(Tx& tx, const StoredCalendar& calendar);

// Stores `calendar` only if its year has none; true if it was stored. Safe
// when several servers start at once.
absl::StatusOr<bool> InsertHolidayCalendarIfAbsent(Tx& tx, const StoredCalendar& calendar);

// Parses each of `texts` and stores those whose year has no calendar yet,
// never replacing a stored one (an operator's correction stands). Returns
// the years stored, ascending. INVALID_ARGUMENT ("line N: ...") if a text
// does not parse; then nothing is stored by the caller's transaction.
absl::StatusOr<std::vector<int>> InsertMissingCalendars(Tx& tx, const std::vector<std::string>& texts,
                                                        const std::string& loaded_by, absl::Time now);

// Stored calendars with year > after_year, ascending, at most `limit`.
absl::StatusOr<std::vector<StoredCalendar>> ListHolidayCalendars(Tx& tx, int after_year, int limit);

// ---------------------------------------------------------------------------
// Deadline policies.

// Every version of `region_code` and of its ancestors (its city and
// province, domain::PolicyRegionChain), ordered by region code then
// effective_from; the input EffectiveDeadlinePolicy expects. An unknown or
// malformed code simply has none.
absl::StatusOr<std::vector<domain::DeadlinePolicyVersion>> DeadlinePoliciesFor(Tx& tx,
                                                                               const std::string& region_code);

// The version of exactly that region and day; `lock` takes a row lock.
absl::StatusOr<std::optional<domain::DeadlinePolicyVersion>> FindDeadlinePolicy(Tx& tx,
                                                                                const std::string& region_code,
                                                                                absl::CivilDay effective_from,
                                                                                bool lock);

// ALREADY_EXISTS (POLICY_VERSION_EXISTS) if the region already has a version
// for that day. The region must exist (checked by the caller).
absl::Status InsertDeadlinePolicy(Tx& tx, const domain::DeadlinePolicyVersion& version);

// Overwrites the values, author and time of the version of that region and
// day. NOT_FOUND if there is none.
absl::Status ReplaceDeadlinePolicy(Tx& tx, const domain::DeadlinePolicyVersion& version);

struct PolicyCursor {
  std::string region_code;
  absl::CivilDay effective_from;
};
// Versions whose region lies in `subtree` (nullopt = all), ordered by
// (region_code, effective_from) after the cursor; up to `limit` rows.
absl::StatusOr<std::vector<domain::DeadlinePolicyVersion>> ListDeadlinePolicies(
    Tx& tx, const std::optional<domain::RegionCodeRange>& subtree, const std::optional<PolicyCursor>& after,
    int limit);

}  // namespace caitiao::storage
