// policy, policies, set-policy, calendars, load-calendar: PolicyService calls
// (writes need an admin token; everyone may read).
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "caitiao/v1/policy.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/input_file.h"
#include "clients/policy_view.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::PolicyService;

std::unique_ptr<PolicyService::Stub> PolicyStub(const Session& s) { return PolicyService::NewStub(s.channel); }

}  // namespace

int EffectivePolicyCommand(const Session& s, const Args& args) {
  caitiao::v1::GetEffectiveDeadlinePolicyRequest request;
  request.set_region_code(args[0]);
  if (const std::string day = absl::GetFlag(FLAGS_date); !day.empty()) {
    auto date = ParseDate("date", day);
    if (!date.ok()) return UsageError(std::string(date.status().message()));
    *request.mutable_date() = *date;
  }
  auto stub = PolicyStub(s);
  caitiao::v1::GetEffectiveDeadlinePolicyResponse response;
  if (int rc = CallUnary(s, *stub, &PolicyService::Stub::GetEffectiveDeadlinePolicy, request, response);
      rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, response, [](const auto& r) { PrintEffectivePolicy(r, std::cout); });
}

int ListPoliciesCommand(const Session& s, const Args&) {
  caitiao::v1::ListDeadlinePoliciesRequest request;
  auto region = OneValue("region", absl::GetFlag(FLAGS_region));
  if (!region.ok()) return UsageError(std::string(region.status().message()));
  request.set_region_code(*region);
  auto stub = PolicyStub(s);
  return RunList<caitiao::v1::ListDeadlinePoliciesRequest, caitiao::v1::ListDeadlinePoliciesResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListDeadlinePolicies(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.versions(); }, NewPolicyTable(), AddPolicyRow);
}

int SetPolicyCommand(const Session& s, const Args& args) {
  caitiao::v1::SetDeadlinePolicyRequest request;
  request.set_region_code(args[0]);
  const std::string from = absl::GetFlag(FLAGS_from);
  if (from.empty()) return UsageError("set-policy needs --from=YYYY-MM-DD (the first day in force)");
  auto date = ParseDate("from", from);
  if (!date.ok()) return UsageError(std::string(date.status().message()));
  *request.mutable_effective_from() = *date;
  // All four lengths, always: a version replaces the whole policy.
  const struct {
    const char* flag;
    int32_t value;
    void (caitiao::v1::DeadlinePolicy::*set)(int32_t);
  } lengths[] = {
      {"pre-filing", absl::GetFlag(FLAGS_pre_filing), &caitiao::v1::DeadlinePolicy::set_pre_filing_mediation_days},
      {"post-filing", absl::GetFlag(FLAGS_post_filing), &caitiao::v1::DeadlinePolicy::set_post_filing_mediation_days},
      {"acceptance", absl::GetFlag(FLAGS_acceptance), &caitiao::v1::DeadlinePolicy::set_acceptance_working_days},
      {"extension", absl::GetFlag(FLAGS_extension), &caitiao::v1::DeadlinePolicy::set_max_extension_days},
  };
  for (const auto& l : lengths) {
    if (l.value < 0) {
      return UsageError(
          absl::StrCat("set-policy needs all of --pre-filing, --post-filing, --acceptance and "
                       "--extension (days); --",
                       l.flag, " is missing"));
    }
    (request.mutable_policy()->*l.set)(l.value);
  }
  // The further periods are optional: unset, the built-in default applies.
  const struct {
    int32_t value;
    void (caitiao::v1::DeadlinePolicy::*set)(int32_t);
  } optional_lengths[] = {
      {absl::GetFlag(FLAGS_decision), &caitiao::v1::DeadlinePolicy::set_acceptance_decision_working_days},
      {absl::GetFlag(FLAGS_review_window), &caitiao::v1::DeadlinePolicy::set_review_application_days},
      {absl::GetFlag(FLAGS_review), &caitiao::v1::DeadlinePolicy::set_review_working_days},
      {absl::GetFlag(FLAGS_review_extension), &caitiao::v1::DeadlinePolicy::set_review_extension_working_days},
      {absl::GetFlag(FLAGS_extensions), &caitiao::v1::DeadlinePolicy::set_max_mediation_extensions},
  };
  for (const auto& l : optional_lengths) {
    if (l.value >= 0) (request.mutable_policy()->*l.set)(l.value);
  }
  request.set_request_id(RequestIdForChange());
  auto stub = PolicyStub(s);
  caitiao::v1::SetDeadlinePolicyResponse response;
  if (int rc = CallUnary(s, *stub, &PolicyService::Stub::SetDeadlinePolicy, request, response); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, response, [](const auto& r) { PrintSetPolicy(r, std::cout); });
}

int ListCalendarsCommand(const Session& s, const Args&) {
  caitiao::v1::ListHolidayCalendarsRequest request;
  auto stub = PolicyStub(s);
  return RunList<caitiao::v1::ListHolidayCalendarsRequest, caitiao::v1::ListHolidayCalendarsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListHolidayCalendars(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.calendars(); }, NewCalendarTable(), AddCalendarRow);
}

int LoadCalendarCommand(const Session& s, const Args& args) {
  auto text = ReadInputFile(args[0]);
  if (!text.ok()) return UsageError(std::string(text.status().message()));
  caitiao::v1::LoadHolidayCalendarRequest request;
  request.set_calendar_text(*std::move(text));
  request.set_request_id(RequestIdForChange());
  auto stub = PolicyStub(s);
  caitiao::v1::LoadHolidayCalendarResponse response;
  if (int rc = CallUnary(s, *stub, &PolicyService::Stub::LoadHolidayCalendar, request, response); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, response, [](const auto& r) { PrintLoadedCalendar(r, std::cout); });
}

}  // namespace caitiao::cli
