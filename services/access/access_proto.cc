#include "services/access/access_proto.h"

#include "services/common/proto_time.h"

namespace caitiao::services {

domain::AccessGrant GrantFromProto(const std::string& label, caitiao::v1::Role role,
                                   const caitiao::v1::AccessScope& scope, bool unmask) {
  domain::AccessGrant g;
  g.label = label;
  // Proto and domain roles share their numbers; unknown numbers fail validation.
  const int n = static_cast<int>(role);
  g.role = n >= 1 && n <= 5 ? static_cast<domain::Role>(n) : domain::Role::kUnspecified;
  g.scope.commission_ids.assign(scope.commission_ids().begin(), scope.commission_ids().end());
  g.scope.room_id = scope.room_id();
  g.scope.region_codes.assign(scope.region_codes().begin(), scope.region_codes().end());
  g.may_unmask = unmask;
  return g;
}

void ScopeToProto(const domain::AccessScope& scope, caitiao::v1::AccessScope* out) {
  for (const auto& id : scope.commission_ids) out->add_commission_ids(id);
  out->set_room_id(scope.room_id);
  for (const auto& code : scope.region_codes) out->add_region_codes(code);
}

void TokenToProto(const domain::ApiTokenRecord& t, caitiao::v1::ApiToken* out) {
  out->set_id(t.id);
  out->set_label(t.grant.label);
  out->set_role(static_cast<caitiao::v1::Role>(t.grant.role));
  ScopeToProto(t.grant.scope, out->mutable_scope());
  out->set_unmask_personal_data(t.grant.may_unmask);
  ToProto(t.create_time, out->mutable_create_time());
  ToProto(t.expire_time, out->mutable_expire_time());
  if (t.revoke_time) ToProto(*t.revoke_time, out->mutable_revoke_time());
  out->set_created_by(t.created_by);
  out->set_revoked_by(t.revoked_by);
}

void MappingToProto(const domain::CertificateMappingRecord& m, caitiao::v1::CertificateMapping* out) {
  out->set_id(m.id);
  out->set_subject(m.subject);
  out->set_label(m.grant.label);
  out->set_role(static_cast<caitiao::v1::Role>(m.grant.role));
  ScopeToProto(m.grant.scope, out->mutable_scope());
  out->set_unmask_personal_data(m.grant.may_unmask);
  ToProto(m.create_time, out->mutable_create_time());
  if (m.revoke_time) ToProto(*m.revoke_time, out->mutable_revoke_time());
  out->set_created_by(m.created_by);
  out->set_revoked_by(m.revoked_by);
}

void AuditRecordToProto(const domain::AuditRecord& r, caitiao::v1::AuditRecord* out) {
  out->set_sequence(r.sequence);
  ToProto(r.time, out->mutable_time());
  out->set_principal(r.principal);
  out->set_role(r.role);
  out->set_method(r.method);
  out->set_resource(r.resource);
  out->set_outcome(r.outcome);
  out->set_reason(r.reason);
  out->set_request_id(r.request_id);
  for (const auto& f : r.unmasked_fields) out->add_unmasked_fields(f);
  out->set_peer(r.peer);
  out->set_repeats(r.repeats);
}

}  // namespace caitiao::services
