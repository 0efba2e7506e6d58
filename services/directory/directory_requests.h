// The requests of caitiao.v1.DirectoryService (regions, commissions, rooms,
// mediators) read without a database (see services/cases/case_requests.h for
// the pattern). Refusals are INVALID_ARGUMENT (FIELD_INVALID,
// PAGE_TOKEN_INVALID).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "caitiao/v1/directory.pb.h"
#include "services/common/paging.h"
#include "services/domain/directory_types.h"
#include "services/domain/region_rules.h"
#include "services/domain/room_types.h"
#include "services/domain/room_update.h"

namespace caitiao::services {

// Field checks of CreateRegion, before a transaction opens.
absl::Status CheckNewRegion(const domain::Region& region);
absl::Status CheckNewCommission(const domain::Commission& commission);
// The rules a room or mediator meets, stored or new ("room.name", "mediator.name", ...).
absl::Status CheckValidRoom(const domain::MediationRoom& room);
absl::Status CheckValidMediator(const domain::Mediator& m);
// UNSPECIFIED status counts as ACTIVE.
domain::Mediator WithDefaultStatus(domain::Mediator m);
// Field checks of CreateRoom ("room.name", "room.capacity", ...).
absl::Status CheckNewRoom(const domain::MediationRoom& room);
// INVALID_ARGUMENT (update_mask) if no field is named.
absl::Status CheckRoomUpdate(const std::set<domain::RoomField>& fields);
// Field checks of CreateMediator ("mediator.name", ...); UNSPECIFIED status
// counts as ACTIVE.
absl::Status CheckNewMediator(const domain::Mediator& mediator);
// INVALID_ARGUMENT (update_mask) if no field is named.
absl::Status CheckMediatorUpdate(const std::set<domain::MediatorField>& fields);

// ---- Regions and commissions
absl::StatusOr<domain::Region> ReadCreateRegionRequest(const caitiao::v1::CreateRegionRequest& req);
// ListRegions: the level asked for and the page (after the region code in
// the token's last_id).
struct RegionListRequest {
  domain::RegionLevel level = domain::RegionLevel::kUnspecified;
  PageRequest page;
};
absl::StatusOr<RegionListRequest> ReadListRegionsRequest(const caitiao::v1::ListRegionsRequest& req);
absl::StatusOr<domain::Commission> ReadCreateCommissionRequest(const caitiao::v1::CreateCommissionRequest& req);
absl::Status ReadGetCommissionRequest(const caitiao::v1::GetCommissionRequest& req);
// ListCommissions and ListRooms: the region subtree filtered on and the page
// (a token's cursor holds a valid region code).
struct RegionFilteredPage {
  std::optional<domain::RegionCodeRange> subtree;
  PageRequest page;
};
absl::StatusOr<RegionFilteredPage> ReadListCommissionsRequest(const caitiao::v1::ListCommissionsRequest& req);

// ---- Rooms
absl::StatusOr<domain::MediationRoom> ReadCreateRoomRequest(const caitiao::v1::CreateRoomRequest& req);
// UpdateRoom and UpdateMediator: the fields of the mask and the patch.
struct RoomUpdateRequest {
  std::set<domain::RoomField> fields;
  domain::MediationRoom patch;
};
absl::StatusOr<RoomUpdateRequest> ReadUpdateRoomRequest(const caitiao::v1::UpdateRoomRequest& req);
absl::Status ReadDeactivateRoomRequest(const caitiao::v1::DeactivateRoomRequest& req);
absl::Status ReadGetRoomRequest(const caitiao::v1::GetRoomRequest& req);
absl::StatusOr<RegionFilteredPage> ReadListRoomsRequest(const caitiao::v1::ListRoomsRequest& req);

// ---- Mediators
absl::StatusOr<domain::Mediator> ReadCreateMediatorRequest(const caitiao::v1::CreateMediatorRequest& req);
struct MediatorUpdateRequest {
  std::set<domain::MediatorField> fields;
  domain::Mediator patch;
};
absl::StatusOr<MediatorUpdateRequest> ReadUpdateMediatorRequest(const caitiao::v1::UpdateMediatorRequest& req);
absl::Status ReadGetMediatorRequest(const caitiao::v1::GetMediatorRequest& req);
// ListMediators: the status filtered on and the page (a token's cursor id is checked).
struct MediatorListRequest {
  domain::MediatorStatus status = domain::MediatorStatus::kUnspecified;
  PageRequest page;
};
absl::StatusOr<MediatorListRequest> ReadListMediatorsRequest(const caitiao::v1::ListMediatorsRequest& req);

}  // namespace caitiao::services
