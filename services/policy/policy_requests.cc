#include "services/policy/policy_requests.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/domain/china_time.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/policy/policy_proto.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kPoliciesList[] = "deadline_policies";
constexpr char kCalendarsList[] = "holiday_calendars";
constexpr int kMinCalendarYear = 1900;
constexpr int kMaxCalendarYear = 9999;
constexpr size_t kMaxCalendarChars = 20000;
constexpr size_t kMaxCalendarVersionChars = 100;

}  // namespace

absl::Status CheckDeadlinePolicyVersion(const domain::DeadlinePolicyVersion& version,
                                        domain::FieldViolations problems) {
  if (auto p = domain::RegionCodeProblem(version.region_code)) problems.Add("region_code", *p);
  problems.Merge("policy", domain::ValidateDeadlinePolicy(version.policy));
  return problems.ToStatus();
}

absl::StatusOr<domain::HolidayCalendar> CheckCalendarText(const std::string& text) {
  if (auto p = domain::TextProblem(text, 1, kMaxCalendarChars, /*multiline=*/true)) {
    return domain::InvalidField("calendar_text", *p);
  }
  absl::StatusOr<domain::HolidayCalendar> parsed = domain::ParseHolidayCalendar(text);
  if (!parsed.ok()) {
    return domain::WithFields(parsed.status(), {{"calendar_text", std::string(parsed.status().message())}});
  }
  if (auto p = domain::TextProblem(parsed->version(), 1, kMaxCalendarVersionChars)) {
    return domain::InvalidField("calendar_text", absl::StrCat("the version ", *p));
  }
  return parsed;
}

absl::StatusOr<domain::DeadlinePolicyVersion> ReadSetDeadlinePolicyRequest(const v1::SetDeadlinePolicyRequest& req) {
  domain::FieldViolations problems;
  domain::DeadlinePolicyVersion version;
  version.region_code = req.region_code();
  version.effective_from = DayFromProto(req.effective_from(), req.has_effective_from(), "effective_from", &problems);
  version.policy = PolicyFromProto(req.policy());
  CAITIAO_RETURN_IF_ERROR(CheckDeadlinePolicyVersion(version, std::move(problems)));
  return version;
}

absl::StatusOr<RegionDayListRequest> ReadListDeadlinePoliciesRequest(const v1::ListDeadlinePoliciesRequest& req) {
  RegionDayListRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.subtree, RegionFilter(req.region_code()));
  CAITIAO_ASSIGN_OR_RETURN(r.page_size, EffectivePageSize(req.page_size()));
  CAITIAO_ASSIGN_OR_RETURN(r.after, DecodeRegionDayCursor(req.page_token(), kPoliciesList, req.region_code()));
  return r;
}

absl::StatusOr<absl::CivilDay> ReadGetEffectiveDeadlinePolicyRequest(const v1::GetEffectiveDeadlinePolicyRequest& req,
                                                                     absl::Time now) {
  domain::FieldViolations problems;
  if (auto p = domain::RegionCodeProblem(req.region_code())) problems.Add("region_code", *p);
  absl::CivilDay day = domain::ChinaDay(now);
  if (req.has_date()) day = DayFromProto(req.date(), true, "date", &problems);
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return day;
}

absl::StatusOr<domain::HolidayCalendar> ReadLoadHolidayCalendarRequest(const v1::LoadHolidayCalendarRequest& req) {
  return CheckCalendarText(req.calendar_text());
}

absl::StatusOr<CalendarListRequest> ReadListHolidayCalendarsRequest(const v1::ListHolidayCalendarsRequest& req) {
  CalendarListRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint("");
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kCalendarsList, r.page.fingerprint));
  if (r.page.token) {
    if (r.page.token->last_number() < kMinCalendarYear || r.page.token->last_number() > kMaxCalendarYear) {
      return InvalidPageToken();
    }
    r.after_year = static_cast<int>(r.page.token->last_number());
  }
  return r;
}

}  // namespace caitiao::services
