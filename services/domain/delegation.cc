#include "services/domain/delegation.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

constexpr std::array<const char*, 3> kRouteNames = {"UNSPECIFIED", "BEFORE_FILING", "AFTER_FILING"};
constexpr std::array<const char*, 4> kStatusNames = {"UNSPECIFIED", "PENDING", "ACCEPTED", "DECLINED"};

template <typename E, size_t N>
const char* NameIn(const std::array<const char*, N>& names, E value) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : names[0];
}

template <typename E, size_t N>
std::optional<E> FromNameIn(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (name == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

absl::Status InvalidState(std::string message) {
  return WithReason(absl::FailedPreconditionError(std::move(message)), "INVALID_STATE");
}

}  // namespace

const char* DelegationRouteName(DelegationRoute route) { return NameIn(kRouteNames, route); }
std::optional<DelegationRoute> DelegationRouteFromName(std::string_view name) {
  return FromNameIn<DelegationRoute>(kRouteNames, name);
}
const char* DelegationStatusName(DelegationStatus status) { return NameIn(kStatusNames, status); }
std::optional<DelegationStatus> DelegationStatusFromName(std::string_view name) {
  return FromNameIn<DelegationStatus>(kStatusNames, name);
}

absl::Status CheckCanDelegate(CaseState state, DelegationRoute route) {
  switch (route) {
    case DelegationRoute::kBeforeFiling:
      if (state == CaseState::kReceived) return absl::OkStatus();
      return InvalidState(absl::StrCat("delegation before filing needs a RECEIVED case; this one is ",
                                       CaseStateName(state)));
    case DelegationRoute::kAfterFiling:
      if (state == CaseState::kFiled) return absl::OkStatus();
      return InvalidState(absl::StrCat("delegation after filing needs a FILED case; this one is ",
                                       CaseStateName(state)));
    case DelegationRoute::kUnspecified:
      break;
  }
  return InvalidField("route", "must be BEFORE_FILING or AFTER_FILING");
}

absl::Status CheckAwaitingRoom(CaseState state) {
  if (state == CaseState::kDelegated) return absl::OkStatus();
  return InvalidState(absl::StrCat("the case is ", CaseStateName(state),
                                   "; a room accepts or declines only a DELEGATED case"));
}

CaseState StateAfterDecline(DelegationRoute route) {
  return route == DelegationRoute::kAfterFiling ? CaseState::kFiled : CaseState::kReceived;
}

DeadlineRule AcceptanceWindowRule(const DeadlinePolicy& policy) {
  return DeadlineRule{PeriodKind::kWorkingDays, policy.acceptance_working_days, false};
}

DeadlineRule MediationPeriodRule(const DeadlinePolicy& policy, DelegationRoute route) {
  const int days = route == DelegationRoute::kAfterFiling ? policy.post_filing_mediation_days
                                                          : policy.pre_filing_mediation_days;
  return DeadlineRule{PeriodKind::kCalendarDays, days, true};
}

absl::CivilDay MediationPeriodStart(DelegationRoute route, absl::CivilDay accepted_on,
                                    absl::CivilDay last_consent_on) {
  return route == DelegationRoute::kAfterFiling ? last_consent_on : accepted_on;
}

std::string DelegationLetterTemplate(std::string_view case_number_template) {
  const std::string t(case_number_template);
  if (t.find("案字") != std::string::npos) return absl::StrReplaceAll(t, {{"案字", "委调字"}});
  const size_t bracket = t.find("〔");
  if (bracket != std::string::npos) return absl::StrCat(t.substr(0, bracket), "委调字", t.substr(bracket));
  return absl::StrCat(t, "委调字〔{year}〕第{seq}号");
}

}  // namespace caitiao::domain
