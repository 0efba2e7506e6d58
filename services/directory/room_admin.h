// Mediation room and mediator use cases in domain terms, over the caller's
// transaction: existence of what a record refers to (NOT_FOUND with the
// field), optimistic concurrency (etags) and the read-back of what was
// stored. Field checks that need no database run before the transaction.
#pragma once

#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "services/directory/directory_requests.h"
#include "services/common/call_context.h"
#include "services/domain/room_types.h"
#include "services/domain/room_update.h"
#include "storage/transaction.h"

namespace caitiao::services {

// ---- Rooms

// Stores a room that passed CheckNewRoom, active, with a new id; its region
// and commissions must exist (NOT_FOUND: REGION_NOT_FOUND,
// COMMISSION_NOT_FOUND). Returns the room as stored.
absl::StatusOr<domain::MediationRoom> CreateRoom(storage::Tx& tx, const CallContext& call,
                                                 domain::MediationRoom room);

// NOT_FOUND (ROOM_NOT_FOUND) if there is none with that id.
absl::StatusOr<domain::MediationRoom> GetRoom(storage::Tx& tx, const CallContext& call, const std::string& id,
                                              bool lock = false);

// Applies `fields` of `patch` to the room `id` if `etag` is current, checks
// the result ("room.<field>") and what it refers to, and stores it.
absl::StatusOr<domain::MediationRoom> UpdateRoom(storage::Tx& tx, const CallContext& call, const std::string& id,
                                                 const std::string& etag, const domain::MediationRoom& patch,
                                                 const std::set<domain::RoomField>& fields);

// Marks the room inactive if `etag` is current; an inactive room is returned
// unchanged whatever the etag (the request has had its effect).
absl::StatusOr<domain::MediationRoom> DeactivateRoom(storage::Tx& tx, const CallContext& call,
                                                     const std::string& id, const std::string& etag);

// ---- Mediators

// Stores a mediator that passed CheckNewMediator with a new id; every room
// must exist (NOT_FOUND ROOM_NOT_FOUND, "mediator.room_ids[i]").
absl::StatusOr<domain::Mediator> CreateMediator(storage::Tx& tx, const CallContext& call,
                                                domain::Mediator mediator);

// NOT_FOUND (MEDIATOR_NOT_FOUND) if there is none with that id.
absl::StatusOr<domain::Mediator> GetMediator(storage::Tx& tx, const CallContext& call, const std::string& id,
                                             bool lock = false);

absl::StatusOr<domain::Mediator> UpdateMediator(storage::Tx& tx, const CallContext& call, const std::string& id,
                                                const std::string& etag, const domain::Mediator& patch,
                                                const std::set<domain::MediatorField>& fields);

// ---- Demo data

// Rooms of every kind in the demo regions and their mediators (see
// LoadDemoDirectory, which calls it after the regions and commissions); what
// already exists is left as it is.
absl::Status LoadDemoRooms(storage::Tx& tx, absl::Time now);

// The Wuhan joint docking room of the demo, which the demo room-staff token
// is scoped to.
inline constexpr char kDemoWuhanRoomId[] = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201";

}  // namespace caitiao::services
