#include "services/access/access_admin.h"

#include "absl/strings/str_cat.h"
#include "services/common/authenticator.h"
#include "services/common/ids.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/crypto/primitives.h"
#include "storage/directory_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

constexpr absl::Duration kBootstrapTtl = absl::Hours(24 * 400);

// Every commission and region named in the scope must exist; a room id must
// at least be a well-formed id (the rooms directory comes with delegation).
absl::Status CheckScopeExists(storage::Tx& tx, const domain::AccessScope& scope) {
  for (size_t i = 0; i < scope.commission_ids.size(); ++i) {
    const std::string& id = scope.commission_ids[i];
    std::optional<domain::Commission> found;
    if (storage::LooksLikeUuid(id)) {
      CAITIAO_ASSIGN_OR_RETURN(found, storage::FindCommission(tx, id));
    }
    if (!found) {
      return domain::NotFound("commission", id, domain::reasons::kCommissionNotFound, absl::StrCat("scope.commission_ids[", i, "]"));
    }
  }
  for (size_t i = 0; i < scope.region_codes.size(); ++i) {
    CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindRegion(tx, scope.region_codes[i]));
    if (!found) {
      return domain::NotFound("region", scope.region_codes[i], domain::reasons::kRegionNotFound,
                              absl::StrCat("scope.region_codes[", i, "]"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<IssuedToken> IssueToken(storage::Tx& tx, const CallContext& call, const domain::AccessGrant& grant,
                                       absl::Duration ttl) {
  CAITIAO_RETURN_IF_ERROR(CheckScopeExists(tx, grant.scope));
  IssuedToken issued;
  issued.secret = NewTokenSecret();
  domain::ApiTokenRecord& t = issued.token;
  t.id = NewUuid();
  t.grant = grant;
  t.secret_hash = crypto::Sha256(issued.secret);
  t.created_by = call.principal.id;
  t.create_time = call.now;
  t.expire_time = call.now + ttl;
  CAITIAO_RETURN_IF_ERROR(storage::InsertApiToken(tx, t));
  call.resource = absl::StrCat("tokens/", t.id);
  return issued;
}

absl::StatusOr<domain::ApiTokenRecord> RevokeToken(storage::Tx& tx, const CallContext& call, const std::string& id) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  call.resource = absl::StrCat("tokens/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto token, storage::FindApiToken(tx, id, /*lock=*/true));
  if (!token) return domain::NotFound("token", id, domain::reasons::kTokenNotFound, "id");
  if (!token->revoke_time) {
    CAITIAO_RETURN_IF_ERROR(storage::MarkApiTokenRevoked(tx, id, call.principal.id, call.now));
    token->revoke_time = call.now;
    token->revoked_by = call.principal.id;
  }
  return *token;
}

absl::StatusOr<domain::CertificateMappingRecord> CreateCertificateMapping(storage::Tx& tx, const CallContext& call,
                                                                          const std::string& subject,
                                                                          const domain::AccessGrant& grant) {
  CAITIAO_RETURN_IF_ERROR(CheckScopeExists(tx, grant.scope));
  domain::CertificateMappingRecord m;
  m.id = NewUuid();
  m.subject = subject;
  m.grant = grant;
  m.created_by = call.principal.id;
  m.create_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertCertificateMapping(tx, m));
  call.resource = absl::StrCat("certificate-mappings/", m.id);
  return m;
}

absl::StatusOr<domain::CertificateMappingRecord> RevokeCertificateMapping(storage::Tx& tx, const CallContext& call,
                                                                          const std::string& id) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  call.resource = absl::StrCat("certificate-mappings/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto m, storage::FindCertificateMapping(tx, id, /*lock=*/true));
  if (!m) return domain::NotFound("certificate mapping", id, domain::reasons::kCertificateMappingNotFound, "id");
  if (!m->revoke_time) {
    CAITIAO_RETURN_IF_ERROR(storage::MarkCertificateMappingRevoked(tx, id, call.principal.id, call.now));
    m->revoke_time = call.now;
    m->revoked_by = call.principal.id;
  }
  return *m;
}

absl::StatusOr<std::optional<IssuedToken>> BootstrapAdminToken(storage::Tx& tx, absl::Time now) {
  CAITIAO_ASSIGN_OR_RETURN(const bool any, storage::LockAndCheckAnyApiToken(tx));
  if (any) return std::nullopt;
  CallContext system;
  system.principal.id = "system/bootstrap";
  system.now = now;
  domain::AccessGrant grant;
  grant.label = "bootstrap-admin";
  grant.role = domain::Role::kAdmin;
  CAITIAO_ASSIGN_OR_RETURN(auto issued, IssueToken(tx, system, grant, kBootstrapTtl));
  return issued;
}

}  // namespace caitiao::services
