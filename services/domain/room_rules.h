// Rules for mediation rooms and mediators: what a valid room or mediator
// record is, when a room lacks mediators, and whether a mediator may take a
// case. Pure functions; "today" comes in as an argument.
//
//   FieldViolations v;
//   v.Merge("room", ValidateRoom(room));          // "room.capacity", ...
//   if (!v.empty()) return v.ToStatus();
//
//   // When a room accepts a case and assigns a mediator:
//   CAITIAO_RETURN_IF_ERROR(CheckMediatorCanTakeCase(mediator, room.id, ChinaDay(now)));
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/domain/errors.h"
#include "services/domain/room_types.h"

namespace caitiao::domain {

inline constexpr size_t kMaxRoomNameChars = 100;
inline constexpr size_t kMaxHostOrganizationChars = 100;
inline constexpr size_t kMaxRoomCommissions = 50;
inline constexpr int kMaxRoomCapacity = 10000;
inline constexpr int kMaxMinMediators = 1000;
inline constexpr size_t kMaxMediatorNameChars = 50;
inline constexpr size_t kMaxCertificateNumberChars = 50;
inline constexpr int kMaxTrainingHours = 10000;
inline constexpr size_t kMaxMediatorRooms = 50;
// Dates of the directory (opening, certificates, terms) lie in these years.
inline constexpr int kMinDirectoryYear = 2000;
inline constexpr int kMaxDirectoryYear = 2099;

// Checks a room's own fields: name 1..100 chars; kind one of the three;
// region_code a valid code; host_organization 1..100 chars; 1..50 distinct,
// non-empty commission_ids; capacity 1..10000; min_mediators 0..1000 (not
// tied to capacity: a small room may still need several mediators); opened_on
// within 2000..2099. Whether the region and commissions exist is the use case's check
// (NOT_FOUND). Field paths are relative ("capacity", "commission_ids[1]").
FieldViolations ValidateRoom(const MediationRoom& room);

// Checks a mediator's own fields: name 1..50 chars; resident_id_number a
// valid 公民身份号码; source known; certificate_number 1..50 chars;
// certificate_expiry, term_start and term_end within 2000..2099 and term_end
// after term_start; training_hours 0..10000; status ACTIVE or SUSPENDED;
// up to 50 distinct, non-empty room_ids. Field paths are relative
// ("term_end", "room_ids[0]").
FieldViolations ValidateMediator(const Mediator& mediator);

// True when the room has fewer ACTIVE member mediators than its minimum
// (whether or not the room itself is active).
bool BelowMinimumMediators(const MediationRoom& room);

// OK when `mediator` may take a case in room `room_id` on `today` (the
// current date in Asia/Shanghai). Otherwise FAILED_PRECONDITION with the
// first failing reason, checked in this order:
//   MEDIATOR_NOT_ACTIVE   the mediator is not ACTIVE (e.g. suspended);
//   MEDIATOR_NOT_IN_ROOM  the mediator is not a member of the room;
//   CERTIFICATE_EXPIRED   today is after certificate_expiry (the certificate
//                         is valid through its expiry date);
//   MEDIATOR_OUT_OF_TERM  today is before term_start or after term_end
//                         (both inclusive).
// Conflicts of interest (回避) are the delegation workflow's check.
absl::Status CheckMediatorCanTakeCase(const Mediator& mediator, const std::string& room_id, absl::CivilDay today);

}  // namespace caitiao::domain
