#include "services/directory/room_proto.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/domain/case_update.h"
#include "services/domain/personal_data.h"
#include "services/domain/room_rules.h"

namespace caitiao::services {

namespace v1 = caitiao::v1;

domain::MediationRoom RoomFromProto(const v1::MediationRoom& r, const std::string& prefix,
                                    domain::FieldViolations* problems) {
  domain::MediationRoom room;
  room.id = r.id();
  room.name = r.name();
  room.kind = static_cast<domain::RoomKind>(r.kind());
  room.region_code = r.region_code();
  room.host_organization = r.host_organization();
  room.commission_ids.assign(r.commission_ids().begin(), r.commission_ids().end());
  room.capacity = r.capacity();
  room.min_mediators = r.min_mediators();
  room.opened_on = DayFromProto(r.opened_on(), r.has_opened_on(), absl::StrCat(prefix, ".opened_on"), problems);
  room.active = r.active();
  return room;
}

void RoomToProto(const domain::MediationRoom& r, v1::MediationRoom* out) {
  out->set_id(r.id);
  out->set_name(r.name);
  out->set_kind(static_cast<v1::RoomKind>(r.kind));
  out->set_region_code(r.region_code);
  out->set_host_organization(r.host_organization);
  for (const auto& id : r.commission_ids) out->add_commission_ids(id);
  out->set_capacity(r.capacity);
  out->set_min_mediators(r.min_mediators);
  ToProto(r.opened_on, out->mutable_opened_on());
  out->set_active(r.active);
  out->set_open_cases(r.open_cases);
  out->set_active_mediators(r.active_mediators);
  out->set_below_minimum_mediators(domain::BelowMinimumMediators(r));
  ToProto(r.create_time, out->mutable_create_time());
  ToProto(r.update_time, out->mutable_update_time());
  out->set_etag(domain::EtagOf(r.version));
}

domain::Mediator MediatorFromProto(const v1::Mediator& m, const std::string& prefix,
                                   domain::FieldViolations* problems) {
  domain::Mediator out;
  out.id = m.id();
  out.name = m.name();
  out.resident_id_number = m.resident_id_number();
  out.source = static_cast<domain::MediatorSource>(m.source());
  out.certificate_number = m.certificate_number();
  out.certificate_expiry = DayFromProto(m.certificate_expiry(), m.has_certificate_expiry(),
                                        absl::StrCat(prefix, ".certificate_expiry"), problems);
  out.term_start = DayFromProto(m.term_start(), m.has_term_start(), absl::StrCat(prefix, ".term_start"), problems);
  out.term_end = DayFromProto(m.term_end(), m.has_term_end(), absl::StrCat(prefix, ".term_end"), problems);
  out.training_hours = m.training_hours();
  out.established_civil_servant = m.established_civil_servant();
  out.room_ids.assign(m.room_ids().begin(), m.room_ids().end());
  out.status = static_cast<domain::MediatorStatus>(m.status());
  return out;
}

void MaskedMediatorToProto(const domain::Mediator& m, v1::Mediator* out) {
  out->set_id(m.id);
  out->set_name(m.name);
  out->set_resident_id_number(domain::MaskIdentityNumber(m.resident_id_number));
  out->set_source(static_cast<v1::MediatorSource>(m.source));
  out->set_certificate_number(m.certificate_number);
  ToProto(m.certificate_expiry, out->mutable_certificate_expiry());
  ToProto(m.term_start, out->mutable_term_start());
  ToProto(m.term_end, out->mutable_term_end());
  out->set_training_hours(m.training_hours);
  out->set_established_civil_servant(m.established_civil_servant);
  for (const auto& id : m.room_ids) out->add_room_ids(id);
  out->set_status(static_cast<v1::MediatorStatus>(m.status));
  ToProto(m.create_time, out->mutable_create_time());
  ToProto(m.update_time, out->mutable_update_time());
  out->set_etag(domain::EtagOf(m.version));
}

}  // namespace caitiao::services
