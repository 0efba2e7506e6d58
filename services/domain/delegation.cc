#include "services/domain/delegation.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "services/domain/enum_names.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_update.h"
#include "services/domain/document_rendering.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/room_rules.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr std::array<const char*, 3> kRouteNames = {"UNSPECIFIED", "BEFORE_FILING", "AFTER_FILING"};
constexpr std::array<const char*, 5> kStatusNames = {"UNSPECIFIED", "PENDING", "ACCEPTED", "DECLINED", "ENDED"};
constexpr std::array<const char*, 6> kGroundNames = {"OTHER", "NO_CAPACITY", "CONFLICT_OF_INTEREST",
                                                     "OUTSIDE_COMPETENCE", "PARTIES_UNREACHABLE", "OTHER"};


absl::Status InvalidState(std::string message) {
  return WithReason(absl::FailedPreconditionError(std::move(message)), reasons::kInvalidState);
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

const char* DeclineGroundName(DeclineGround ground) { return NameIn(kGroundNames, ground); }

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

bool IsRoomAvailable(const MediationRoom& room) { return room.active && room.open_cases < room.capacity; }

absl::Status RoomNotFound(const std::string& id) {
  return WithFields(Refuse(reasons::kRoomNotFound, absl::StrCat("no mediation room with id ", QuoteForMessage(id))),
                    {{"room_id", "no such room"}});
}

absl::StatusOr<CaseState> DecideDelegation(const DelegationFacts& f) {
  const bool contests = f.latest && f.latest->respondent_contests_labor_relationship;
  if (absl::Status s = CheckLaborRelationshipExclusion(f.claim_types, contests); !s.ok()) return s;
  if (absl::Status s = CheckCanDelegate(f.state, f.route); !s.ok()) return s;
  const ConsentSummary& consent = f.current.consent;
  if (!consent.applicants_all || !consent.respondents_all || consent.any_withdrawn) {
    return Refuse(reasons::kConsentMissing,
                  absl::StrCat("both parties must consent to mediation: ", consent.explanation));
  }
  if (!f.latest) {
    return Refuse(reasons::kNotEligible, "the case has not been assessed for delegation; call AssessEligibility first");
  }
  if (f.latest->substance_version != f.substance_version) {
    return Refuse(reasons::kEligibilityStale,
                  absl::StrCat("the case's content or consents changed since it was assessed (at ",
                               EtagOf(f.latest->case_version), "); assess it again"));
  }
  absl::StatusOr<EligibilityResult> result = AssessEligibility(f.current);
  if (!result.ok()) return result.status();
  if (absl::Status s = CheckDelegable(*result); !s.ok()) return s;
  if (!f.room) return RoomNotFound(f.room_id);
  const MediationRoom& room = *f.room;
  if (std::find(room.commission_ids.begin(), room.commission_ids.end(), f.commission_id) == room.commission_ids.end()) {
    return Refuse(reasons::kRoomNotServingCommission,
                  absl::StrCat("room ", room.id, " does not serve this case's commission"));
  }
  if (!room.active) return Refuse(reasons::kRoomInactive, absl::StrCat("room ", room.id, " is inactive"));
  if (!IsRoomAvailable(room)) {
    return Refuse(reasons::kRoomAtCapacity, absl::StrCat("room ", room.id, " is at capacity (", room.open_cases,
                                                         " open cases of ", room.capacity, "); choose another room"));
  }
  const Transition* t = FindTransition(f.state, CaseCommand::kDelegate);
  if (t == nullptr) return CheckCommandAllowed(f.state, CaseCommand::kDelegate);
  return t->to.front();
}

absl::Status MediatorNotFound(const std::string& id) {
  return WithFields(Refuse(reasons::kMediatorNotFound, absl::StrCat("no mediator with id ", QuoteForMessage(id))),
                    {{"mediator_id", "no such mediator"}});
}

absl::Status DecideConflictDeclaration(CaseState state, const std::optional<Mediator>& mediator,
                                       const std::string& mediator_id, const std::string& room_id) {
  if (absl::Status s = CheckCommandAllowed(state, CaseCommand::kDeclareConflict); !s.ok()) return s;
  if (!mediator) return MediatorNotFound(mediator_id);
  if (std::find(mediator->room_ids.begin(), mediator->room_ids.end(), room_id) == mediator->room_ids.end()) {
    return Refuse(reasons::kMediatorNotInRoom, "the mediator is not a member of the room the case is delegated to");
  }
  return absl::OkStatus();
}

absl::StatusOr<AcceptanceDecision> DecideAcceptance(const AcceptanceFacts& f) {
  if (absl::Status s = CheckCommandAllowed(f.state, CaseCommand::kAcceptDelegation); !s.ok()) return s;
  if (!f.mediator) return MediatorNotFound(f.mediator_id);
  if (absl::Status s = CheckMediatorCanTakeCase(*f.mediator, f.room_id, f.today); !s.ok()) return s;
  if (f.mediator_declared_conflict) {
    return Refuse(reasons::kMediatorConflict,
                  "this mediator declared a conflict of interest (回避) with the case; assign another");
  }
  // After filing the period runs from the parties' consent: the later of them.
  absl::CivilDay last_consent = f.today;
  if (!f.consent_days.empty()) last_consent = *std::max_element(f.consent_days.begin(), f.consent_days.end());
  AcceptanceDecision d;
  d.next = FindTransition(f.state, CaseCommand::kAcceptDelegation)->to.front();
  d.period_start = MediationPeriodStart(f.route, f.today, last_consent);
  return d;
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
  return DocumentNumberTemplate(case_number_template, "委调字");
}

}  // namespace caitiao::domain
