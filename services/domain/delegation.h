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
#include "services/domain/docking_types.h"
#include "services/domain/eligibility.h"
#include "services/domain/room_types.h"

namespace caitiao::domain {

// Values equal caitiao.v1.DelegationRoute.
enum class DelegationRoute {
  kUnspecified = 0,
  kBeforeFiling = 1,  // 立案前: acceptance suspended (暂缓受理) while the room mediates
  kAfterFiling = 2,   // 立案后、开庭前: the arbitration clock keeps running
};

// Values equal caitiao.v1.DelegationStatus.
// ENDED: mediation is over (success, or failure and return to arbitration).
enum class DelegationStatus { kUnspecified = 0, kPending = 1, kAccepted = 2, kDeclined = 3, kEnded = 4 };

const char* DelegationRouteName(DelegationRoute route);  // "BEFORE_FILING", "AFTER_FILING"
std::optional<DelegationRoute> DelegationRouteFromName(std::string_view name);
const char* DelegationStatusName(DelegationStatus status);  // "PENDING", "ACCEPTED", …
std::optional<DelegationStatus> DelegationStatusFromName(std::string_view name);

// Why a room declines a delegation, as the docking report counts it.
// Values equal caitiao.v1.DeclineGround; unspecified is recorded as OTHER.
enum class DeclineGround {
  kUnspecified = 0,
  kNoCapacity = 1,
  kConflictOfInterest = 2,
  kOutsideCompetence = 3,
  kPartiesUnreachable = 4,
  kOther = 5,
};
const char* DeclineGroundName(DeclineGround ground);  // "NO_CAPACITY", …

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

// The room-availability rule (ProposeRooms ranks by it, DelegateCase
// enforces it): the room is active and has capacity left.
bool IsRoomAvailable(const MediationRoom& room);

// NOT_FOUND (ROOM_NOT_FOUND) at room_id.
absl::Status RoomNotFound(const std::string& id);

// What DelegateCase is decided on, loaded inside its transaction.
struct DelegationFacts {
  CaseState state = CaseState::kUnspecified;
  DelegationRoute route = DelegationRoute::kUnspecified;
  int64_t substance_version = 0;
  std::vector<DisputeType> claim_types;
  // The latest assessment, and a fresh evaluation of its staff
  // determinations with today's consents and claims.
  std::optional<EligibilityAssessmentRecord> latest;
  EligibilityInput current;
  std::string commission_id;
  std::string room_id;                 // as requested
  std::optional<MediationRoom> room;   // nullopt: no such room
};

// DelegateCase, refusals in this order: the labor-relationship exclusion
// (LABOR_RELATIONSHIP_CONFIRMATION, it admits nothing); the state the route
// needs (INVALID_STATE); every party consented and none withdrew
// (CONSENT_MISSING); an assessment exists (NOT_ELIGIBLE), is current
// (ELIGIBILITY_STALE) and passes every criterion (NOT_ELIGIBLE …); the room
// exists (ROOM_NOT_FOUND), serves the commission (ROOM_NOT_SERVING_COMMISSION),
// is active (ROOM_INACTIVE) and has capacity (ROOM_AT_CAPACITY). Returns the
// next state, DELEGATED.
absl::StatusOr<CaseState> DecideDelegation(const DelegationFacts& facts);

struct AcceptanceFacts {
  CaseState state = CaseState::kUnspecified;
  DelegationRoute route = DelegationRoute::kUnspecified;
  std::string room_id;  // the room the case is delegated to
  std::string mediator_id;                // as requested
  std::optional<Mediator> mediator;       // nullopt: no such mediator
  bool mediator_declared_conflict = false;
  absl::CivilDay today;
  std::vector<absl::CivilDay> consent_days;  // the current consents' days
};
struct AcceptanceDecision {
  CaseState next = CaseState::kUnspecified;  // IN_MEDIATION
  absl::CivilDay period_start;  // what the mediation period counts from
};
// AcceptDelegation, refusals in this order: the table (INVALID_STATE); the
// mediator exists (MEDIATOR_NOT_FOUND) and can take the case (see
// CheckMediatorCanTakeCase); no declared conflict (MEDIATOR_CONFLICT).
absl::StatusOr<AcceptanceDecision> DecideAcceptance(const AcceptanceFacts& facts);

// DeclareConflict (回避): the table (INVALID_STATE); the mediator exists
// (MEDIATOR_NOT_FOUND) and belongs to the room the case is delegated to
// (MEDIATOR_NOT_IN_ROOM).
absl::Status DecideConflictDeclaration(CaseState state, const std::optional<Mediator>& mediator,
                                       const std::string& mediator_id, const std::string& room_id);

// NOT_FOUND (MEDIATOR_NOT_FOUND) at mediator_id.
absl::Status MediatorNotFound(const std::string& id);

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
