#include "services/domain/room_update.h"

#include "absl/strings/str_cat.h"
#include "services/domain/case_update.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr RoomField kRoomFields[] = {RoomField::kName,          RoomField::kKind,
                                     RoomField::kRegionCode,    RoomField::kHostOrganization,
                                     RoomField::kCommissionIds, RoomField::kCapacity,
                                     RoomField::kMinMediators,  RoomField::kOpenedOn,
                                     RoomField::kActive};
constexpr MediatorField kMediatorFields[] = {
    MediatorField::kName,          MediatorField::kResidentIdNumber,       MediatorField::kSource,
    MediatorField::kCertificateNumber, MediatorField::kCertificateExpiry, MediatorField::kTermStart,
    MediatorField::kTermEnd,       MediatorField::kTrainingHours,          MediatorField::kEstablishedCivilServant,
    MediatorField::kRoomIds,       MediatorField::kStatus};

absl::Status NotUpdatable(std::string_view path, std::string_view updatable) {
  return InvalidField("update_mask", absl::StrCat(QuoteForMessage(path), " cannot be updated; updatable fields are ",
                                                  std::string(updatable)));
}

}  // namespace

const char* RoomFieldPath(RoomField field) {
  switch (field) {
    case RoomField::kName: return "name";
    case RoomField::kKind: return "kind";
    case RoomField::kRegionCode: return "region_code";
    case RoomField::kHostOrganization: return "host_organization";
    case RoomField::kCommissionIds: return "commission_ids";
    case RoomField::kCapacity: return "capacity";
    case RoomField::kMinMediators: return "min_mediators";
    case RoomField::kOpenedOn: return "opened_on";
    case RoomField::kActive: return "active";
  }
  return "";
}

absl::StatusOr<RoomField> RoomFieldFromPath(std::string_view path) {
  for (RoomField f : kRoomFields) {
    if (path == RoomFieldPath(f)) return f;
  }
  return NotUpdatable(path,
                      "name, kind, region_code, host_organization, commission_ids, capacity, min_mediators, "
                      "opened_on, active");
}

MediationRoom ApplyRoomUpdate(const MediationRoom& current, const MediationRoom& patch,
                              const std::set<RoomField>& fields) {
  MediationRoom out = current;
  for (RoomField f : fields) {
    switch (f) {
      case RoomField::kName: out.name = patch.name; break;
      case RoomField::kKind: out.kind = patch.kind; break;
      case RoomField::kRegionCode: out.region_code = patch.region_code; break;
      case RoomField::kHostOrganization: out.host_organization = patch.host_organization; break;
      case RoomField::kCommissionIds: out.commission_ids = patch.commission_ids; break;
      case RoomField::kCapacity: out.capacity = patch.capacity; break;
      case RoomField::kMinMediators: out.min_mediators = patch.min_mediators; break;
      case RoomField::kOpenedOn: out.opened_on = patch.opened_on; break;
      case RoomField::kActive: out.active = patch.active; break;
    }
  }
  return out;
}

const char* MediatorFieldPath(MediatorField field) {
  switch (field) {
    case MediatorField::kName: return "name";
    case MediatorField::kResidentIdNumber: return "resident_id_number";
    case MediatorField::kSource: return "source";
    case MediatorField::kCertificateNumber: return "certificate_number";
    case MediatorField::kCertificateExpiry: return "certificate_expiry";
    case MediatorField::kTermStart: return "term_start";
    case MediatorField::kTermEnd: return "term_end";
    case MediatorField::kTrainingHours: return "training_hours";
    case MediatorField::kEstablishedCivilServant: return "established_civil_servant";
    case MediatorField::kRoomIds: return "room_ids";
    case MediatorField::kStatus: return "status";
  }
  return "";
}

absl::StatusOr<MediatorField> MediatorFieldFromPath(std::string_view path) {
  for (MediatorField f : kMediatorFields) {
    if (path == MediatorFieldPath(f)) return f;
  }
  return NotUpdatable(path,
                      "name, resident_id_number, source, certificate_number, certificate_expiry, term_start, "
                      "term_end, training_hours, established_civil_servant, room_ids, status");
}

Mediator ApplyMediatorUpdate(const Mediator& current, const Mediator& patch, const std::set<MediatorField>& fields) {
  Mediator out = current;
  for (MediatorField f : fields) {
    switch (f) {
      case MediatorField::kName: out.name = patch.name; break;
      case MediatorField::kResidentIdNumber: out.resident_id_number = patch.resident_id_number; break;
      case MediatorField::kSource: out.source = patch.source; break;
      case MediatorField::kCertificateNumber: out.certificate_number = patch.certificate_number; break;
      case MediatorField::kCertificateExpiry: out.certificate_expiry = patch.certificate_expiry; break;
      case MediatorField::kTermStart: out.term_start = patch.term_start; break;
      case MediatorField::kTermEnd: out.term_end = patch.term_end; break;
      case MediatorField::kTrainingHours: out.training_hours = patch.training_hours; break;
      case MediatorField::kEstablishedCivilServant:
        out.established_civil_servant = patch.established_civil_servant;
        break;
      case MediatorField::kRoomIds: out.room_ids = patch.room_ids; break;
      case MediatorField::kStatus: out.status = patch.status; break;
    }
  }
  return out;
}

absl::Status CheckDirectoryEtag(std::string_view etag, int64_t current_version, std::string_view what,
                                std::string_view field) {
  if (etag.empty()) {
    return InvalidField(std::string(field),
                        absl::StrCat("is required: send the etag of the ", std::string(what), " as you last read it"));
  }
  if (etag != EtagOf(current_version)) {
    return WithReason(absl::AbortedError(absl::StrCat("the ", std::string(what),
                                                      " changed since you read it; re-read it and retry")),
                      reasons::kEtagMismatch);
  }
  return absl::OkStatus();
}

}  // namespace caitiao::domain
