// Delegation of a case to a mediation room (委托调解): its routes, its record,
// and the state-machine steps it takes a case through.
//
//   RECEIVED --DelegateCase(BEFORE_FILING)--> DELEGATED   (暂缓受理, the Rules Art. 69)
//   FILED    --DelegateCase(AFTER_FILING)---> DELEGATED   (立案后、开庭前, the Rules Art. 70)
//   DELEGATED --AcceptDelegation--> IN_MEDIATION          (a mediator is assigned; the clock runs)
//   DELEGATED --DeclineDelegation--> RECEIVED or FILED    (back to the commission, by route)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/domain/case_types.h"
#include "services/domain/deadline.h"
#include "services/domain/deadline_policy.h"

namespace caitiao::domain {

// Values equal caitiao.v1.DelegationRoute.
enum class DelegationRoute {
  kUnspecified = 0,
  kBeforeFiling = 1,  // 立案前: acceptance suspended (暂缓受理) while the room mediates
  kAfterFiling = 2,   // 立案后、开庭前: the arbitration clock keeps running
};

// Values equal caitiao.v1.DelegationStatus.
enum class DelegationStatus { kUnspecified = 0, kPending = 1, kAccepted = 2, kDeclined = 3 };

const char* DelegationRouteName(DelegationRoute route);  // "BEFORE_FILING", "AFTER_FILING"
std::optional<DelegationRoute> DelegationRouteFromName(std::string_view name);
const char* DelegationStatusName(DelegationStatus status);  // "PENDING", "ACCEPTED", "DECLINED"
std::optional<DelegationStatus> DelegationStatusFromName(std::string_view name);

// One delegation of a case to a room; a case may have several over time (a
// declined one stays in the history).
struct Delegation {
  std::string id;
  std::string case_id;
  std::string room_id;
  DelegationRoute route = DelegationRoute::kUnspecified;
  DelegationStatus status = DelegationStatus::kUnspecified;
  std::string letter_number;  // 委托调解函 number
  std::string reason;         // why this room (e.g. the proposal's reasons)
  std::string delegated_by;
  absl::Time delegate_time;
  Deadline acceptance_due;  // the room's acceptance window
  std::string acceptance_policy;  // where its length came from
  std::string mediator_id;  // once accepted
  std::string accepted_by;
  std::optional<absl::Time> accept_time;
  std::optional<Deadline> mediation_due;  // once accepted
  std::string mediation_policy;
  std::string declined_by;
  std::optional<absl::Time> decline_time;
  std::string decline_reason;
};

// OK if a case in `state` may be delegated by `route`; FAILED_PRECONDITION
// (INVALID_STATE) naming the state the route needs otherwise.
absl::Status CheckCanDelegate(CaseState state, DelegationRoute route);

// OK if the room may accept or decline: the case is DELEGATED.
// FAILED_PRECONDITION (INVALID_STATE) otherwise.
absl::Status CheckAwaitingRoom(CaseState state);

// Where a declined case returns: RECEIVED before filing, FILED after.
CaseState StateAfterDecline(DelegationRoute route);

// The room's acceptance window: working days from the delegation.
DeadlineRule AcceptanceWindowRule(const DeadlinePolicy& policy);

// The mediation period: calendar days (ending on a working day), 15 before
// filing from the room's acceptance, 10 after filing from the parties'
// consent (by default; the lengths are policy).
DeadlineRule MediationPeriodRule(const DeadlinePolicy& policy, DelegationRoute route);

// The day the mediation period counts from: the acceptance before filing;
// after filing, the day the last of the parties consented.
absl::CivilDay MediationPeriodStart(DelegationRoute route, absl::CivilDay accepted_on,
                                    absl::CivilDay last_consent_on);

// The delegation letter's number template from the commission's case number
// template: 案字 becomes 委调字 (鄂武劳人仲案字〔{year}〕第{seq}号 ->
// 鄂武劳人仲委调字〔{year}〕第{seq}号); a template without 案字 gets 委调字
// inserted before its 〔, or "委调字〔{year}〕第{seq}号" appended to its prefix.
std::string DelegationLetterTemplate(std::string_view case_number_template);

}  // namespace caitiao::domain
