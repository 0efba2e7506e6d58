#include "services/docking/delegations.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/docking/docking_deadlines.h"
#include "services/docking/eligibility_assessments.h"
#include "services/docking/room_work.h"
#include "services/domain/case_events.h"
#include "services/domain/case_number.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/document_rendering.h"
#include "services/domain/eligibility.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/documents.h"
#include "storage/case_repository.h"
#include "storage/directory_repository.h"
#include "storage/docking_repository.h"
#include "storage/room_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

constexpr char kDelegationLetter[] = "DELEGATION_LETTER";  // 委托调解函

// The facts DecideDelegation needs, loaded inside the transaction. The room
// row stays locked to the end: capacity holds, and its queue events commit in
// sequence order.
absl::StatusOr<domain::DelegationFacts> LoadDelegationFacts(storage::Tx& tx, const CallContext& call,
                                                            const domain::CaseRecord& c,
                                                            const DelegationRequest& request) {
  domain::DelegationFacts f;
  f.state = c.state;
  f.route = request.route;
  f.substance_version = c.substance_version;
  for (const auto& claim : c.content.claims) f.claim_types.push_back(claim.dispute_type);
  CAITIAO_ASSIGN_OR_RETURN(f.latest, storage::LatestAssessment(tx, c.id));
  StaffAssessment staff;
  if (f.latest) staff = StaffPartOf(*f.latest);
  CAITIAO_ASSIGN_OR_RETURN(f.current, CurrentEligibilityInput(tx, call, c, staff, /*with_warnings=*/false));
  f.commission_id = c.commission_id;
  f.room_id = request.room_id;
  if (storage::LooksLikeUuid(request.room_id)) {
    CAITIAO_ASSIGN_OR_RETURN(f.room, storage::FindRoom(tx, request.room_id, /*lock=*/true));
  }
  return f;
}

}  // namespace

absl::StatusOr<std::vector<domain::RoomCandidate>> ProposeRooms(storage::Tx& tx, const CallContext& call,
                                                                const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  CAITIAO_ASSIGN_OR_RETURN(auto rooms, storage::RoomsServingCommission(tx, c.commission_id));
  return domain::RankRooms(rooms, c.region_code);
}

absl::StatusOr<std::pair<domain::Delegation, int64_t>> DelegateCase(storage::Tx& tx, const CallContext& call,
                                                                    const DelegationRequest& request) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, request.case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(request.etag, c.version));
  CAITIAO_ASSIGN_OR_RETURN(const domain::DelegationFacts facts, LoadDelegationFacts(tx, call, c, request));
  CAITIAO_ASSIGN_OR_RETURN(const domain::CaseState next, domain::DecideDelegation(facts));
  const domain::MediationRoom* room = &*facts.room;

  CAITIAO_ASSIGN_OR_RETURN(auto commission, storage::FindCommission(tx, c.commission_id));
  if (!commission) return absl::InternalError("the case's commission is missing");
  const absl::CivilDay today = domain::ChinaDay(call.now);
  const int year = static_cast<int>(today.year());
  CAITIAO_ASSIGN_OR_RETURN(const int64_t seq,
                           storage::NextDocumentSequence(tx, commission->id, kDelegationLetter, year));
  CAITIAO_ASSIGN_OR_RETURN(auto window, DockingDeadline(tx, c.region_code, today, domain::AcceptanceWindowRule));

  domain::Delegation d;
  d.id = NewUuid();
  d.case_id = c.id;
  d.room_id = room->id;
  d.route = request.route;
  d.status = domain::DelegationStatus::kPending;
  d.letter_number =
      domain::FormatCaseNumber(domain::DelegationLetterTemplate(commission->case_number_template), year, seq);
  d.reason = request.reason;
  d.delegated_by = call.principal.id;
  d.delegate_time = call.now;
  d.acceptance_due = window.deadline;
  d.acceptance_policy = window.policy_source;
  CAITIAO_RETURN_IF_ERROR(storage::InsertDelegation(tx, d));
  CAITIAO_RETURN_IF_ERROR(IssueDocument(tx, call, domain::DocumentKind::kDelegationLetter, d.letter_number, c,
                                        commission->id, domain::RenderDelegationLetter(c, d, room->name))
                              .status());

  const domain::CaseState from = c.state;
  c.state = next;
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, c.id, room->id, d.acceptance_due.due));
  auto event = MakeCaseEvent(call, c, domain::events::kCaseDelegated, from,
                             absl::StrCat("room=", room->id, " route=", domain::DelegationRouteName(d.route),
                                          " letter=", d.letter_number));
  event.room_id = room->id;
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  CAITIAO_RETURN_IF_ERROR(storage::NotifyRoomQueue(tx, room->id));
  call.resource = absl::StrCat("cases/", c.id);
  return std::make_pair(d, c.version);
}

absl::StatusOr<std::vector<domain::Delegation>> DelegationsOf(storage::Tx& tx, const CallContext& call,
                                                              const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  return storage::ListDelegations(tx, c.id);
}

}  // namespace caitiao::services
