#include "services/policy/policy_admin.h"

#include "absl/strings/str_cat.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/directory_repository.h"

namespace caitiao::services {
namespace {


absl::Status RegionNotFound(const std::string& code) {
  return domain::WithFields(
      domain::WithReason(absl::NotFoundError(absl::StrCat("no region with code ", domain::QuoteForMessage(code))),
                         domain::reasons::kRegionNotFound),
      {{"region_code", "no such region"}});
}

absl::Status CheckRegionExists(storage::Tx& tx, const std::string& code) {
  CAITIAO_ASSIGN_OR_RETURN(auto region, storage::FindRegion(tx, code));
  if (!region) return RegionNotFound(code);
  return absl::OkStatus();
}

CalendarSummary Summarize(storage::StoredCalendar stored, const domain::HolidayCalendar& parsed) {
  CalendarSummary s;
  s.stored = std::move(stored);
  s.holiday_count = static_cast<int>(parsed.holidays().size());
  s.workday_count = static_cast<int>(parsed.workdays().size());
  return s;
}

}  // namespace

absl::StatusOr<SetPolicyResult> SetDeadlinePolicy(storage::Tx& tx, const CallContext& call,
                                                  domain::DeadlinePolicyVersion version) {
  call.resource = absl::StrCat("deadline-policies/", version.region_code, "/",
                               absl::FormatCivilTime(version.effective_from));
  CAITIAO_RETURN_IF_ERROR(CheckRegionExists(tx, version.region_code));
  version.created_by = call.principal.id;
  version.create_time = call.now;
  SetPolicyResult result;
  CAITIAO_ASSIGN_OR_RETURN(result.replaced, storage::FindDeadlinePolicy(tx, version.region_code,
                                                                        version.effective_from, /*lock=*/true));
  if (!result.replaced) {
    CAITIAO_RETURN_IF_ERROR(storage::InsertDeadlinePolicy(tx, version));
  } else if (result.replaced->effective_from <= domain::ChinaDay(call.now)) {
    return domain::WithFields(
        domain::WithReason(
            absl::AlreadyExistsError(absl::StrCat(
                "region ", version.region_code, " has a deadline policy version in force since ",
                absl::FormatCivilTime(version.effective_from),
                "; a version in force is never changed: set a new version from a later day")),
            domain::reasons::kPolicyVersionExists),
        {{"effective_from", "a version in force since this day exists"}});
  } else {
    CAITIAO_RETURN_IF_ERROR(storage::ReplaceDeadlinePolicy(tx, version));
  }
  result.version = std::move(version);
  return result;
}

absl::StatusOr<PolicyInForce> EffectivePolicyFor(storage::Tx& tx, const std::string& region_code,
                                                 absl::CivilDay day) {
  if (auto p = domain::RegionCodeProblem(region_code)) return domain::InvalidField("region_code", *p);
  CAITIAO_RETURN_IF_ERROR(CheckRegionExists(tx, region_code));
  CAITIAO_ASSIGN_OR_RETURN(const auto versions, storage::DeadlinePoliciesFor(tx, region_code));
  PolicyInForce out;
  out.effective = domain::EffectiveDeadlinePolicy(versions, region_code, day);
  if (const auto* v = domain::VersionInForce(versions, region_code, day)) out.version = *v;
  return out;
}

absl::StatusOr<LoadedCalendar> LoadHolidayCalendar(storage::Tx& tx, const CallContext& call,
                                                   const domain::HolidayCalendar& calendar, const std::string& text) {
  call.resource = absl::StrCat("holiday-calendars/", calendar.year());
  const storage::StoredCalendar stored{calendar.year(), calendar.version(), text, call.principal.id, call.now};
  LoadedCalendar loaded;
  CAITIAO_ASSIGN_OR_RETURN(loaded.replaced_version, storage::UpsertHolidayCalendar(tx, stored));
  loaded.calendar = Summarize(stored, calendar);
  return loaded;
}

absl::StatusOr<std::vector<CalendarSummary>> ListCalendarSummaries(storage::Tx& tx, int after_year, int limit) {
  CAITIAO_ASSIGN_OR_RETURN(auto stored, storage::ListHolidayCalendars(tx, after_year, limit));
  std::vector<CalendarSummary> out;
  for (auto& s : stored) {
    absl::StatusOr<domain::HolidayCalendar> parsed = domain::ParseHolidayCalendar(s.text);
    if (!parsed.ok()) {
      return absl::InternalError(absl::StrCat("the stored holiday calendar of ", s.year, " no longer parses"));
    }
    out.push_back(Summarize(std::move(s), *parsed));
  }
  return out;
}

}  // namespace caitiao::services
