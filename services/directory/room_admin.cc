#include "services/directory/room_admin.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/ids.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/room_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/directory_repository.h"
#include "storage/room_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

using domain::MediationRoom;
using domain::Mediator;

// The region and every commission a room names must exist.
absl::Status CheckRoomReferences(storage::Tx& tx, const MediationRoom& room) {
  CAITIAO_ASSIGN_OR_RETURN(auto region, storage::FindRegion(tx, room.region_code));
  if (!region) return domain::NotFound("region with code", room.region_code, domain::reasons::kRegionNotFound, "room.region_code");
  for (size_t i = 0; i < room.commission_ids.size(); ++i) {
    const std::string& id = room.commission_ids[i];
    CAITIAO_ASSIGN_OR_RETURN(auto commission, storage::FindCommission(tx, id));
    if (!commission) {
      return domain::NotFound("commission with id", id, domain::reasons::kCommissionNotFound,
                              absl::StrCat("room.commission_ids[", i, "]"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckMediatorRooms(storage::Tx& tx, const Mediator& m) {
  for (size_t i = 0; i < m.room_ids.size(); ++i) {
    CAITIAO_ASSIGN_OR_RETURN(auto room, storage::FindRoom(tx, m.room_ids[i], /*lock=*/false));
    if (!room) {
      return domain::NotFound("room with id", m.room_ids[i], domain::reasons::kRoomNotFound,
                              absl::StrCat("mediator.room_ids[", i, "]"));
    }
  }
  return absl::OkStatus();
}

// Id lists are sets; stored and returned sorted.
void SortIds(std::vector<std::string>& ids) { std::sort(ids.begin(), ids.end()); }

}  // namespace

// ---- Rooms

absl::StatusOr<MediationRoom> CreateRoom(storage::Tx& tx, const CallContext& call, MediationRoom room) {
  CAITIAO_RETURN_IF_ERROR(CheckRoomReferences(tx, room));
  room.id = NewUuid();
  room.active = true;
  room.create_time = room.update_time = call.now;
  SortIds(room.commission_ids);
  call.resource = absl::StrCat("rooms/", room.id);
  CAITIAO_RETURN_IF_ERROR(storage::InsertRoom(tx, room));
  return GetRoom(tx, call, room.id);
}

absl::StatusOr<MediationRoom> GetRoom(storage::Tx& tx, const CallContext& call, const std::string& id, bool lock) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  call.resource = absl::StrCat("rooms/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindRoom(tx, id, lock));
  if (!found) return domain::NotFound("room with id", id, domain::reasons::kRoomNotFound);
  return *std::move(found);
}

absl::StatusOr<MediationRoom> UpdateRoom(storage::Tx& tx, const CallContext& call, const std::string& id,
                                         const std::string& etag, const MediationRoom& patch,
                                         const std::set<domain::RoomField>& fields) {
  if (id.empty()) return domain::InvalidField("room.id", "is required");
  CAITIAO_ASSIGN_OR_RETURN(MediationRoom room, GetRoom(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckDirectoryEtag(etag, room.version, "room", "room.etag"));
  MediationRoom updated = domain::ApplyRoomUpdate(room, patch, fields);
  CAITIAO_RETURN_IF_ERROR(CheckValidRoom(updated));
  CAITIAO_RETURN_IF_ERROR(CheckRoomReferences(tx, updated));
  SortIds(updated.commission_ids);
  updated.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateRoom(tx, updated));
  return GetRoom(tx, call, id);
}

absl::StatusOr<MediationRoom> DeactivateRoom(storage::Tx& tx, const CallContext& call, const std::string& id,
                                             const std::string& etag) {
  CAITIAO_ASSIGN_OR_RETURN(MediationRoom room, GetRoom(tx, call, id, /*lock=*/true));
  if (!room.active) return room;
  CAITIAO_RETURN_IF_ERROR(domain::CheckDirectoryEtag(etag, room.version, "room", "etag"));
  room.active = false;
  room.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateRoom(tx, room));
  return GetRoom(tx, call, id);
}

// ---- Mediators

absl::StatusOr<Mediator> CreateMediator(storage::Tx& tx, const CallContext& call, Mediator m) {
  CAITIAO_RETURN_IF_ERROR(CheckMediatorRooms(tx, m));
  m = WithDefaultStatus(std::move(m));
  m.id = NewUuid();
  m.create_time = m.update_time = call.now;
  SortIds(m.room_ids);
  call.resource = absl::StrCat("mediators/", m.id);
  CAITIAO_RETURN_IF_ERROR(storage::InsertMediator(tx, m));
  return GetMediator(tx, call, m.id);
}

absl::StatusOr<Mediator> GetMediator(storage::Tx& tx, const CallContext& call, const std::string& id, bool lock) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  call.resource = absl::StrCat("mediators/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindMediator(tx, id, lock));
  if (!found) return domain::NotFound("mediator with id", id, domain::reasons::kMediatorNotFound);
  return *std::move(found);
}

absl::StatusOr<Mediator> UpdateMediator(storage::Tx& tx, const CallContext& call, const std::string& id,
                                        const std::string& etag, const Mediator& patch,
                                        const std::set<domain::MediatorField>& fields) {
  if (id.empty()) return domain::InvalidField("mediator.id", "is required");
  CAITIAO_ASSIGN_OR_RETURN(Mediator m, GetMediator(tx, call, id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckDirectoryEtag(etag, m.version, "mediator", "mediator.etag"));
  Mediator updated = domain::ApplyMediatorUpdate(m, patch, fields);
  CAITIAO_RETURN_IF_ERROR(CheckValidMediator(updated));
  CAITIAO_RETURN_IF_ERROR(CheckMediatorRooms(tx, updated));
  SortIds(updated.room_ids);
  updated.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateMediator(tx, updated));
  return GetMediator(tx, call, id);
}

}  // namespace caitiao::services
