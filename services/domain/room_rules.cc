#include "services/domain/room_rules.h"

#include <set>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

void CheckText(FieldViolations& v, const char* field, const std::string& text, size_t max_chars) {
  if (auto problem = TextProblem(text, 1, max_chars)) v.Add(field, *problem);
}

void CheckRange(FieldViolations& v, const char* field, int value, int min, int max) {
  if (value < min || value > max) v.Add(field, absl::StrCat("must be between ", min, " and ", max));
}

void CheckDirectoryDate(FieldViolations& v, const char* field, absl::CivilDay day) {
  if (day.year() < kMinDirectoryYear || day.year() > kMaxDirectoryYear) {
    v.Add(field, absl::StrCat("must be a date in the years ", kMinDirectoryYear, " to ", kMaxDirectoryYear));
  }
}

// A list of ids: at most `max`, each non-empty and named once.
void CheckIdList(FieldViolations& v, const char* field, const std::vector<std::string>& ids, size_t min,
                 size_t max, const char* what) {
  if (ids.size() < min) {
    v.Add(field, absl::StrCat("name at least ", min, " ", what));
    return;
  }
  if (ids.size() > max) {
    v.Add(field, absl::StrCat("name at most ", max, " ", what));
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string path = absl::StrCat(field, "[", i, "]");
    if (ids[i].empty()) {
      v.Add(path, "must not be empty");
    } else if (!seen.insert(ids[i]).second) {
      v.Add(path, "is named twice");
    }
  }
}

absl::Status CannotTake(const std::string& why, std::string_view reason) {
  return WithReason(absl::FailedPreconditionError(why), reason);
}

}  // namespace

FieldViolations ValidateRoom(const MediationRoom& room) {
  FieldViolations v;
  CheckText(v, "name", room.name, kMaxRoomNameChars);
  if (room.kind != RoomKind::kJointDockingRoom && room.kind != RoomKind::kUnionLegalServiceStation &&
      room.kind != RoomKind::kResidentArbitrationTribunal) {
    v.Add("kind", "must be JOINT_DOCKING_ROOM, UNION_LEGAL_SERVICE_STATION or RESIDENT_ARBITRATION_TRIBUNAL");
  }
  if (auto problem = RegionCodeProblem(room.region_code)) v.Add("region_code", *problem);
  CheckText(v, "host_organization", room.host_organization, kMaxHostOrganizationChars);
  CheckIdList(v, "commission_ids", room.commission_ids, 1, kMaxRoomCommissions, "commission the room serves");
  CheckRange(v, "capacity", room.capacity, 1, kMaxRoomCapacity);
  CheckRange(v, "min_mediators", room.min_mediators, 0, kMaxMinMediators);
  CheckDirectoryDate(v, "opened_on", room.opened_on);
  return v;
}

FieldViolations ValidateMediator(const Mediator& m) {
  FieldViolations v;
  CheckText(v, "name", m.name, kMaxMediatorNameChars);
  if (m.resident_id_number.empty()) {
    v.Add("resident_id_number", "is required");
  } else if (auto problem = ResidentIdNumberProblem(m.resident_id_number)) {
    v.Add("resident_id_number", *problem);
  }
  // An unchecked cast of an unknown number names as UNSPECIFIED too.
  if (std::string_view(MediatorSourceName(m.source)) == "UNSPECIFIED") {
    v.Add("source", "must be one of the mediator sources (UNION_LEGAL_TEAM, LAWYER, ... OTHER)");
  }
  CheckText(v, "certificate_number", m.certificate_number, kMaxCertificateNumberChars);
  CheckDirectoryDate(v, "certificate_expiry", m.certificate_expiry);
  CheckDirectoryDate(v, "term_start", m.term_start);
  CheckDirectoryDate(v, "term_end", m.term_end);
  if (!v.Has("term_start") && !v.Has("term_end") && m.term_end <= m.term_start) {
    v.Add("term_end", "must be after term_start");
  }
  CheckRange(v, "training_hours", m.training_hours, 0, kMaxTrainingHours);
  if (m.status != MediatorStatus::kActive && m.status != MediatorStatus::kSuspended) {
    v.Add("status", "must be ACTIVE or SUSPENDED");
  }
  CheckIdList(v, "room_ids", m.room_ids, 0, kMaxMediatorRooms, "rooms");
  return v;
}

bool BelowMinimumMediators(const MediationRoom& room) { return room.active_mediators < room.min_mediators; }

absl::Status CheckMediatorCanTakeCase(const Mediator& m, const std::string& room_id, absl::CivilDay today) {
  const std::string who = absl::StrCat("mediator ", QuoteForMessage(m.name));
  if (m.status != MediatorStatus::kActive) {
    return CannotTake(absl::StrCat(who, " is ", MediatorStatusName(m.status), ", not ACTIVE; choose another "
                                   "mediator or reactivate this one"),
                      reasons::kMediatorNotActive);
  }
  bool member = false;
  for (const auto& id : m.room_ids) member = member || id == room_id;
  if (!member) {
    return CannotTake(absl::StrCat(who, " does not work for this room; choose one of its mediators"),
                      reasons::kMediatorNotInRoom);
  }
  if (today > m.certificate_expiry) {
    return CannotTake(absl::StrCat(who, "'s certificate expired on ", absl::FormatCivilTime(m.certificate_expiry),
                                   "; record the renewed certificate first"),
                      reasons::kCertificateExpired);
  }
  if (today < m.term_start || today > m.term_end) {
    return CannotTake(absl::StrCat(who, "'s term is ", absl::FormatCivilTime(m.term_start), " to ",
                                   absl::FormatCivilTime(m.term_end), ", which does not include ",
                                   absl::FormatCivilTime(today)),
                      reasons::kMediatorOutOfTerm);
  }
  return absl::OkStatus();
}

}  // namespace caitiao::domain
