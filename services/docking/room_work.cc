#include "services/docking/room_work.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/docking/docking_deadlines.h"
#include "services/domain/case_events.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/room_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/case_repository.h"
#include "storage/room_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
absl::Status RoomNotFound(const std::string& id) { return domain::RoomNotFound(id); }

namespace {

// The case as the room sees it, locked, with its open delegation; the room
// row is locked too (its queue events commit in sequence order).
struct RoomCase {
  domain::CaseRecord c;
  domain::Delegation delegation;
};
absl::StatusOr<RoomCase> LockRoomCase(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                      const std::string& etag) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, c.version));
  CAITIAO_RETURN_IF_ERROR(domain::CheckAwaitingRoom(c.state));
  CAITIAO_ASSIGN_OR_RETURN(auto open, storage::OpenDelegation(tx, c.id));
  if (!open || open->status != domain::DelegationStatus::kPending) {
    return absl::InternalError("a DELEGATED case without a pending delegation");
  }
  CAITIAO_RETURN_IF_ERROR(storage::FindRoom(tx, open->room_id, /*lock=*/true).status());
  return RoomCase{std::move(c), *std::move(open)};
}

absl::Status RecordRoomEvent(storage::Tx& tx, const CallContext& call, const domain::CaseRecord& c,
                             domain::CaseState from, const std::string& kind, const std::string& room_id,
                             std::string summary) {
  auto event = MakeCaseEvent(call, c, kind, from, std::move(summary));
  event.room_id = room_id;
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  return storage::NotifyRoomQueue(tx, room_id);
}

}  // namespace

absl::StatusOr<std::string> RoomOfCall(const CallContext& call, const std::string& requested) {
  return RoomOf(call.principal, requested);
}

absl::StatusOr<std::vector<QueueEntry>> RoomQueue(storage::Tx& tx, const storage::RoomQueueQuery& query,
                                                  const std::optional<storage::RoomQueueCursor>& after, int limit) {
  CAITIAO_ASSIGN_OR_RETURN(auto delegations, storage::ListRoomQueue(tx, query, after, limit));
  std::vector<std::string> ids;
  for (const auto& d : delegations) ids.push_back(d.case_id);
  CAITIAO_ASSIGN_OR_RETURN(auto cases, storage::FindCases(tx, ids));
  std::vector<QueueEntry> out;
  for (size_t i = 0; i < delegations.size() && i < cases.size(); ++i) {
    out.push_back(QueueEntry{std::move(cases[i]), std::move(delegations[i])});
  }
  return out;
}

absl::StatusOr<std::pair<domain::Delegation, int64_t>> AcceptDelegation(storage::Tx& tx, const CallContext& call,
                                                                        const std::string& case_id,
                                                                        const std::string& etag,
                                                                        const std::string& mediator_id) {
  CAITIAO_ASSIGN_OR_RETURN(RoomCase rc, LockRoomCase(tx, call, case_id, etag));
  auto& [c, d] = rc;
  domain::AcceptanceFacts facts;
  facts.state = c.state;
  facts.route = d.route;
  facts.room_id = d.room_id;
  facts.mediator_id = mediator_id;
  if (storage::LooksLikeUuid(mediator_id)) {
    CAITIAO_ASSIGN_OR_RETURN(facts.mediator, storage::FindMediator(tx, mediator_id, /*lock=*/false));
  }
  if (facts.mediator) {
    CAITIAO_ASSIGN_OR_RETURN(auto conflict, storage::FindConflict(tx, facts.mediator->id, c.id));
    facts.mediator_declared_conflict = conflict.has_value();
  }
  facts.today = domain::ChinaDay(call.now);
  CAITIAO_ASSIGN_OR_RETURN(auto consents, storage::ListConsents(tx, c.id));
  for (const auto& consent : consents) {
    if (!consent.withdrawn) facts.consent_days.push_back(domain::ChinaDay(consent.given));
  }
  CAITIAO_ASSIGN_OR_RETURN(const domain::AcceptanceDecision decision, domain::DecideAcceptance(facts));
  const domain::Mediator* mediator = &*facts.mediator;
  const absl::CivilDay start = decision.period_start;
  CAITIAO_ASSIGN_OR_RETURN(auto period, DockingDeadline(tx, c.region_code, start, [&](const domain::DeadlinePolicy& p) {
                             return domain::MediationPeriodRule(p, d.route);
                           }));
  d.status = domain::DelegationStatus::kAccepted;
  d.mediator_id = mediator->id;
  d.accepted_by = call.principal.id;
  d.accept_time = call.now;
  d.mediation_due = period.deadline;
  d.mediation_policy = period.policy_source;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateDelegation(tx, d));

  const domain::CaseState from = c.state;
  c.state = decision.next;
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, c.id, d.room_id, d.mediation_due->due));
  CAITIAO_RETURN_IF_ERROR(RecordRoomEvent(tx, call, c, from, domain::events::kDelegationAccepted, d.room_id,
                                          absl::StrCat("mediator=", mediator->id)));
  call.resource = absl::StrCat("cases/", c.id);
  return std::make_pair(d, c.version);
}

absl::StatusOr<std::pair<domain::Delegation, int64_t>> DeclineDelegation(storage::Tx& tx, const CallContext& call,
                                                                         const std::string& case_id,
                                                                         const std::string& etag,
                                                                         const std::string& reason,
                                                                         domain::DeclineGround ground) {
  CAITIAO_ASSIGN_OR_RETURN(RoomCase rc, LockRoomCase(tx, call, case_id, etag));
  auto& [c, d] = rc;
  d.status = domain::DelegationStatus::kDeclined;
  d.declined_by = call.principal.id;
  d.decline_time = call.now;
  d.decline_reason = reason;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateDelegation(tx, d));
  const domain::CaseState from = c.state;
  c.state = domain::StateAfterDecline(d.route);
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, c.id, "", std::nullopt));
  CAITIAO_RETURN_IF_ERROR(RecordRoomEvent(tx, call, c, from, domain::events::kDelegationDeclined, d.room_id,
                                          absl::StrCat("ground=", domain::DeclineGroundName(ground))));
  call.resource = absl::StrCat("cases/", c.id);
  return std::make_pair(d, c.version);
}

absl::StatusOr<DeclaredConflict> DeclareConflict(storage::Tx& tx, const CallContext& call,
                                                 const std::string& mediator_id, const std::string& case_id,
                                                 const std::string& reason) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id, /*lock=*/true));
  CAITIAO_ASSIGN_OR_RETURN(auto open, storage::OpenDelegation(tx, c.id));
  std::optional<domain::Mediator> mediator;
  if (storage::LooksLikeUuid(mediator_id)) {
    CAITIAO_ASSIGN_OR_RETURN(mediator, storage::FindMediator(tx, mediator_id, /*lock=*/false));
  }
  CAITIAO_RETURN_IF_ERROR(
      domain::DecideConflictDeclaration(c.state, mediator, mediator_id, open ? open->room_id : std::string()));
  if (!open) return absl::InternalError("a case awaiting or in mediation without an open delegation");
  DeclaredConflict out;
  out.conflict = {mediator->id, c.id, reason, call.principal.id, call.now};
  CAITIAO_ASSIGN_OR_RETURN(const bool first, storage::InsertConflict(tx, out.conflict));
  if (!first) {
    CAITIAO_ASSIGN_OR_RETURN(auto stored, storage::FindConflict(tx, mediator->id, c.id));
    if (stored) out.conflict = *stored;
  } else {
    CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, MakeCaseEvent(call, c, domain::events::kMediatorConflictDeclared, c.state,
                                                                       absl::StrCat("mediator=", mediator->id)))
                                .status());
  }
  out.was_assigned = open->mediator_id == mediator->id;
  call.resource = absl::StrCat("cases/", c.id);
  return out;
}

}  // namespace caitiao::services
