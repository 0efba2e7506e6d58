// The requests of caitiao.v1.DockingService and caitiao.v1.RoomService read
// without a database (see services/cases/case_requests.h for the pattern).
// Refusals are INVALID_ARGUMENT (FIELD_INVALID, PAGE_TOKEN_INVALID), and
// NOT_FOUND (ROOM_NOT_FOUND) where a room staff member names another room.
#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/docking.pb.h"
#include "services/common/paging.h"
#include "services/domain/delegation.h"
#include "services/domain/docking_types.h"
#include "services/domain/principal.h"

namespace caitiao::services {

struct NewConsent {
  std::string case_id;
  domain::PartySide side = domain::PartySide::kUnspecified;
  int position = 0;
  domain::ConsentForm form = domain::ConsentForm::kUnspecified;
  std::optional<absl::Time> given;  // unset: now
  std::string evidence_ref;
};

struct DelegationRequest {
  std::string case_id;
  std::string etag;
  std::string room_id;
  domain::DelegationRoute route = domain::DelegationRoute::kUnspecified;
  std::string reason;
};

struct StaffAssessment {
  std::string case_id;
  std::string etag;
  domain::StaffDetermination within_scope;
  domain::StaffDetermination acceptance_dispute_type;
  domain::StaffDetermination acceptance_clear_claim;
  domain::StaffDetermination acceptance_parties;
  domain::StaffDetermination acceptance_jurisdiction;
  domain::StaffDetermination suitable_for_mediation;
  bool respondent_contests_labor_relationship = false;
  std::string contest_cleared_reason;
  std::string contest_cleared_evidence_ref;
  std::optional<absl::CivilDay> infringement_date;
};

// Field checks before a transaction opens (`now` is the call's time). INVALID_ARGUMENT.
absl::Status CheckNewConsent(absl::Time now, const NewConsent& consent);
// Reason 1..2000 characters, time not in the future. INVALID_ARGUMENT.
absl::Status CheckConsentWithdrawal(absl::Time now, const std::string& consent_id, const std::string& reason,
                                    const std::optional<absl::Time>& when);
// Field checks before a transaction opens. INVALID_ARGUMENT.
absl::Status CheckDelegationRequest(const DelegationRequest& request);

// The room `caller` acts on: room staff act on their own room (a different
// `requested` one is NOT_FOUND, ROOM_NOT_FOUND); others must name one
// (INVALID_ARGUMENT at room_id); an id that cannot be a room's is NOT_FOUND.
absl::StatusOr<std::string> RoomOf(const domain::Principal& caller, const std::string& requested);

// ---- DockingService
absl::StatusOr<NewConsent> ReadRecordConsentRequest(const caitiao::v1::RecordConsentRequest& req, absl::Time now);
// WithdrawConsent: when it was withdrawn (nullopt: now).
absl::StatusOr<std::optional<absl::Time>> ReadWithdrawConsentRequest(const caitiao::v1::WithdrawConsentRequest& req,
                                                                     absl::Time now);
absl::Status ReadListConsentsRequest(const caitiao::v1::ListConsentsRequest& req);
absl::StatusOr<StaffAssessment> ReadAssessEligibilityRequest(const caitiao::v1::AssessEligibilityRequest& req);
absl::Status ReadGetEligibilityRequest(const caitiao::v1::GetEligibilityRequest& req);
absl::Status ReadProposeRoomsRequest(const caitiao::v1::ProposeRoomsRequest& req);
absl::StatusOr<DelegationRequest> ReadDelegateCaseRequest(const caitiao::v1::DelegateCaseRequest& req);
absl::Status ReadListDelegationsRequest(const caitiao::v1::ListDelegationsRequest& req);

// ---- RoomService
// ListRoomQueue: the room, the filters and the page (a token's cursor id is
// checked); `overdue_as_of` is the China day of `now` when asked for.
struct RoomQueueRequest {
  std::string room_id;
  std::optional<domain::CaseState> state;
  std::optional<absl::CivilDay> overdue_as_of;
  std::optional<absl::CivilDay> due_before;
  PageRequest page;
};
absl::StatusOr<RoomQueueRequest> ReadListRoomQueueRequest(const caitiao::v1::ListRoomQueueRequest& req,
                                                          const domain::Principal& caller, absl::Time now);
absl::Status ReadAcceptDelegationRequest(const caitiao::v1::AcceptDelegationRequest& req);
absl::StatusOr<domain::DeclineGround> ReadDeclineDelegationRequest(const caitiao::v1::DeclineDelegationRequest& req);
absl::Status ReadDeclareConflictRequest(const caitiao::v1::DeclareConflictRequest& req);
// WatchRoomQueue: the room watched.
absl::StatusOr<std::string> ReadWatchRoomQueueRequest(const caitiao::v1::WatchRoomQueueRequest& req,
                                                      const domain::Principal& caller);

}  // namespace caitiao::services
