// Partial updates of rooms and mediators (UpdateRoom / UpdateMediator with a
// field mask), and the etag check that guards them. Etags have the form of
// case etags (EtagOf in case_update.h: "v3").
//
//   std::set<RoomField> fields;
//   for (const auto& path : mask.paths()) {
//     CAITIAO_ASSIGN_OR_RETURN(auto f, RoomFieldFromPath(path));
//     fields.insert(f);
//   }
//   CAITIAO_RETURN_IF_ERROR(CheckDirectoryEtag(etag, stored.version, "room", "room.etag"));
//   MediationRoom updated = ApplyRoomUpdate(stored, patch, fields);
#pragma once

#include <cstdint>
#include <set>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/room_types.h"

namespace caitiao::domain {

enum class RoomField {
  kName, kKind, kRegionCode, kHostOrganization, kCommissionIds, kCapacity, kMinMediators, kOpenedOn, kActive
};

// The proto field names: "name", "kind", "region_code", "host_organization",
// "commission_ids", "capacity", "min_mediators", "opened_on", "active".
// INVALID_ARGUMENT (field "update_mask") for anything else, naming what can be
// updated.
absl::StatusOr<RoomField> RoomFieldFromPath(std::string_view path);
const char* RoomFieldPath(RoomField field);

// `current` with the named fields taken from `patch`.
MediationRoom ApplyRoomUpdate(const MediationRoom& current, const MediationRoom& patch,
                              const std::set<RoomField>& fields);

enum class MediatorField {
  kName, kResidentIdNumber, kSource, kCertificateNumber, kCertificateExpiry, kTermStart, kTermEnd,
  kTrainingHours, kEstablishedCivilServant, kRoomIds, kStatus
};

// "name", "resident_id_number", "source", "certificate_number",
// "certificate_expiry", "term_start", "term_end", "training_hours",
// "established_civil_servant", "room_ids", "status"; INVALID_ARGUMENT (field
// "update_mask") for anything else.
absl::StatusOr<MediatorField> MediatorFieldFromPath(std::string_view path);
const char* MediatorFieldPath(MediatorField field);

Mediator ApplyMediatorUpdate(const Mediator& current, const Mediator& patch, const std::set<MediatorField>& fields);

// INVALID_ARGUMENT at `field` (e.g. "room.etag") if `etag` is empty; ABORTED
// (ETAG_MISMATCH) if it is not the etag of `current_version`. `what` names
// the resource in the message ("room", "mediator").
absl::Status CheckDirectoryEtag(std::string_view etag, int64_t current_version, std::string_view what,
                                std::string_view field);

}  // namespace caitiao::domain
