// Administration of the deadline policy and the holiday calendars, in domain
// terms, over the caller's transaction: adding a region's policy version,
// reading the policy in force, loading a year's calendar, and listing what is
// stored. The Check* functions run before a transaction opens.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/common/call_context.h"
#include "services/policy/policy_requests.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/holiday_calendar.h"
#include "storage/policy_repository.h"
#include "storage/transaction.h"

namespace caitiao::services {


struct SetPolicyResult {
  domain::DeadlinePolicyVersion version;
  // The not-yet-in-force version of the same day that was replaced.
  std::optional<domain::DeadlinePolicyVersion> replaced;
};

// Stores `version` (region, day and values; author and time come from
// `call`). The region must exist (NOT_FOUND, REGION_NOT_FOUND). A version of
// the same region and day that is already in force (effective_from <= the
// call's day in China) is never changed: ALREADY_EXISTS
// (POLICY_VERSION_EXISTS); one not yet in force is replaced.
absl::StatusOr<SetPolicyResult> SetDeadlinePolicy(storage::Tx& tx, const CallContext& call,
                                                  domain::DeadlinePolicyVersion version);

struct PolicyInForce {
  domain::EffectivePolicy effective;
  // The version behind it; nullopt for the built-in defaults.
  std::optional<domain::DeadlinePolicyVersion> version;
};

// The policy for a region on `day`. INVALID_ARGUMENT ("region_code") for a
// malformed code; NOT_FOUND (REGION_NOT_FOUND) for a region not in the
// directory.
absl::StatusOr<PolicyInForce> EffectivePolicyFor(storage::Tx& tx, const std::string& region_code,
                                                 absl::CivilDay day);


// A stored calendar with its day counts.
struct CalendarSummary {
  storage::StoredCalendar stored;
  int holiday_count = 0;
  int workday_count = 0;
};

struct LoadedCalendar {
  CalendarSummary calendar;
  std::optional<std::string> replaced_version;
};

// Stores `calendar` (parsed from `text` by CheckCalendarText) for its year,
// replacing the year's calendar if any, loaded by the caller.
absl::StatusOr<LoadedCalendar> LoadHolidayCalendar(storage::Tx& tx, const CallContext& call,
                                                   const domain::HolidayCalendar& calendar, const std::string& text);

// Stored calendars with year > after_year, ascending, at most `limit`, with
// their counts. INTERNAL if a stored text no longer parses.
absl::StatusOr<std::vector<CalendarSummary>> ListCalendarSummaries(storage::Tx& tx, int after_year, int limit);

}  // namespace caitiao::services
