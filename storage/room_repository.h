// Persistence of mediation rooms (with the commissions they serve) and
// mediators (with their room membership). Functions run inside the caller's
// transaction; SQL is prepared on every pooled connection.
//
// Every read of a room fills its derived counts: open_cases (cases delegated
// to it in state DELEGATED or IN_MEDIATION) and active_mediators (member
// mediators with status ACTIVE). Id lists (a room's commission_ids, a
// mediator's room_ids) are sets and come back sorted. A mediator's identity
// number is stored only sealed (column "mediators.resident_id_number") with a
// keyed lookup hash; reads open it, so callers mask it before it leaves.
//
// Ids that are not well-formed UUIDs match nothing (nullopt or an empty
// list), without asking the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/domain/region_rules.h"
#include "services/domain/room_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareRoomStatements(pqxx::connection& conn);

// ---- Rooms

// Stores a new room with version 1 and its commission set; `room.id` must be
// a fresh UUID, create_time and update_time are taken from the struct. The
// region and commissions must exist (the caller checks). ALREADY_EXISTS
// (ROOM_EXISTS) if the region already has a room of that name.
absl::Status InsertRoom(Tx& tx, const domain::MediationRoom& room);

// Writes every stored field of `room`, replaces its commission set, bumps the
// version and sets updated_at to room.update_time. The caller holds the row
// lock (FindRoom with lock). ALREADY_EXISTS (ROOM_EXISTS) if the region
// already has another room of that name.
absl::Status UpdateRoom(Tx& tx, const domain::MediationRoom& room);

// The room with its commission set and derived counts, or nullopt. With
// `lock`, the room row is locked FOR UPDATE until the transaction ends.
absl::StatusOr<std::optional<domain::MediationRoom>> FindRoom(Tx& tx, const std::string& id, bool lock);

struct RoomQuery {
  std::optional<domain::RegionCodeRange> region;  // rooms whose region lies in this subtree
  std::string commission_id;                      // rooms serving this commission; "" = any
  bool active_only = false;
};
struct RoomCursor {
  std::string region_code;
  std::string name;  // unique within a region
};
// Rooms matching `query`, ordered by (region_code, name) after `after`. Up
// to `limit`.
absl::StatusOr<std::vector<domain::MediationRoom>> ListRooms(Tx& tx, const RoomQuery& query,
                                                             const std::optional<RoomCursor>& after, int limit);

// Every room serving the commission, active and inactive, ordered by
// (region_code, name), with derived counts: the candidates for delegation.
absl::StatusOr<std::vector<domain::MediationRoom>> RoomsServingCommission(Tx& tx, const std::string& commission_id);

// ---- Mediators

// Stores a new mediator with version 1 and its room membership; `mediator.id`
// must be a fresh UUID. The rooms must exist (the caller checks).
// ALREADY_EXISTS (MEDIATOR_EXISTS) if a mediator with the same resident
// identity number exists (one mediator per person).
absl::Status InsertMediator(Tx& tx, const domain::Mediator& mediator);

// Writes every stored field, replaces the room membership, bumps the version
// and sets updated_at to mediator.update_time. The caller holds the row lock
// (FindMediator with lock). ALREADY_EXISTS (MEDIATOR_EXISTS) if another
// mediator has the new identity number.
absl::Status UpdateMediator(Tx& tx, const domain::Mediator& mediator);

// The mediator with its room_ids and the identity number in clear, or
// nullopt. With `lock`, the mediator row is locked FOR UPDATE. DATA_LOSS if
// the identity number does not decrypt.
absl::StatusOr<std::optional<domain::Mediator>> FindMediator(Tx& tx, const std::string& id, bool lock);

struct MediatorQuery {
  std::string room_id;  // members of this room; "" = any
  domain::MediatorStatus status = domain::MediatorStatus::kUnspecified;  // kUnspecified = any
};
struct MediatorCursor {
  absl::Time create_time;
  std::string id;
};
// Mediators matching `query`, oldest first (create_time, id) after `after`.
// Up to `limit`.
absl::StatusOr<std::vector<domain::Mediator>> ListMediators(Tx& tx, const MediatorQuery& query,
                                                            const std::optional<MediatorCursor>& after, int limit);

}  // namespace caitiao::storage
