// Translation between caitiao.v1 access messages and domain structs.
#pragma once

#include "caitiao/v1/access.pb.h"
#include "services/domain/access_types.h"

namespace caitiao::services {

domain::AccessGrant GrantFromProto(const std::string& label, caitiao::v1::Role role,
                                   const caitiao::v1::AccessScope& scope, bool unmask);
void ScopeToProto(const domain::AccessScope& scope, caitiao::v1::AccessScope* out);
void TokenToProto(const domain::ApiTokenRecord& token, caitiao::v1::ApiToken* out);
void MappingToProto(const domain::CertificateMappingRecord& mapping, caitiao::v1::CertificateMapping* out);
void AuditRecordToProto(const domain::AuditRecord& record, caitiao::v1::AuditRecord* out);

}  // namespace caitiao::services
