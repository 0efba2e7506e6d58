#include "services/access/access_requests.h"

#include "services/access/access_proto.h"
#include "services/common/proto_time.h"
#include "services/domain/principal.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kTokensList[] = "tokens";
constexpr char kMappingsList[] = "certificate_mappings";
constexpr char kAuditList[] = "audit_records";
constexpr absl::Duration kDefaultTtl = absl::Hours(24 * 90);
constexpr size_t kMaxLabelChars = 100;
constexpr size_t kMaxSubjectChars = 1000;
constexpr absl::Duration kMinTtl = absl::Hours(1);
constexpr absl::Duration kMaxTtl = absl::Hours(24 * 400);

// A page whose token holds a created-time cursor, checked.
absl::StatusOr<PageRequest> CreatedPage(int32_t page_size, const std::string& page_token, const char* list,
                                        const char* filter) {
  PageRequest page;
  CAITIAO_ASSIGN_OR_RETURN(page.page_size, EffectivePageSize(page_size));
  page.fingerprint = FilterFingerprint(filter);
  CAITIAO_ASSIGN_OR_RETURN(page.token, DecodePageToken(page_token, list, page.fingerprint));
  if (page.token && !storage::LooksLikeUuid(page.token->last_id())) return InvalidPageToken();
  return page;
}

}  // namespace

absl::Status CheckGrant(const domain::AccessGrant& grant, std::optional<absl::Duration> ttl) {
  domain::FieldViolations problems;
  if (auto p = domain::TextProblem(grant.label, 1, kMaxLabelChars)) problems.Add("label", *p);
  problems.AddUnreported(domain::ValidateAccessGrant(grant.role, grant.scope, grant.may_unmask));
  if (!grant.scope.room_id.empty() && !storage::LooksLikeUuid(grant.scope.room_id)) {
    problems.Add("scope.room_id", "must be a room id (a UUID)");
  }
  if (ttl && (*ttl < kMinTtl || *ttl > kMaxTtl)) problems.Add("ttl", "must be between 1 hour and 400 days");
  return problems.ToStatus();
}

absl::Status CheckCertificateSubject(const std::string& subject) {
  if (auto p = domain::TextProblem(subject, 1, kMaxSubjectChars)) return domain::InvalidField("subject", *p);
  return absl::OkStatus();
}

absl::StatusOr<TokenRequest> ReadIssueTokenRequest(const v1::IssueTokenRequest& req) {
  TokenRequest r{GrantFromProto(req.label(), req.role(), req.scope(), req.unmask_personal_data()), kDefaultTtl};
  if (req.has_ttl()) r.ttl = absl::Seconds(req.ttl().seconds()) + absl::Nanoseconds(req.ttl().nanos());
  CAITIAO_RETURN_IF_ERROR(CheckGrant(r.grant, r.ttl));
  return r;
}

absl::StatusOr<PageRequest> ReadListTokensRequest(const v1::ListTokensRequest& req) {
  return CreatedPage(req.page_size(), req.page_token(), kTokensList, req.include_inactive() ? "inactive" : "active");
}

absl::Status ReadRevokeTokenRequest(const v1::RevokeTokenRequest& req) {
  if (req.id().empty()) return domain::InvalidField("id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<domain::AccessGrant> ReadCreateCertificateMappingRequest(const v1::CreateCertificateMappingRequest& req) {
  const domain::AccessGrant grant = GrantFromProto(req.label(), req.role(), req.scope(), req.unmask_personal_data());
  CAITIAO_RETURN_IF_ERROR(CheckCertificateSubject(req.subject()));
  CAITIAO_RETURN_IF_ERROR(CheckGrant(grant, std::nullopt));
  return grant;
}

absl::StatusOr<PageRequest> ReadListCertificateMappingsRequest(const v1::ListCertificateMappingsRequest& req) {
  return CreatedPage(req.page_size(), req.page_token(), kMappingsList, req.include_revoked() ? "revoked" : "live");
}

absl::Status ReadRevokeCertificateMappingRequest(const v1::RevokeCertificateMappingRequest& req) {
  if (req.id().empty()) return domain::InvalidField("id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<AuditListRequest> ReadListAuditRecordsRequest(const v1::ListAuditRecordsRequest& req) {
  AuditListRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  domain::AuditQuery& q = r.query;
  q.principal = req.principal();
  q.method = req.method();
  q.outcome = req.outcome();
  q.resource = req.resource();
  q.refused_only = req.refused_only();
  q.unmasked_only = req.unmasked_only();
  if (req.has_start_time()) q.start_time = TimeFromProto(req.start_time());
  if (req.has_end_time()) q.end_time = TimeFromProto(req.end_time());
  domain::FieldViolations problems;
  for (const auto& [field, value] : {std::pair{"principal", &q.principal}, std::pair{"method", &q.method},
                                     std::pair{"outcome", &q.outcome}, std::pair{"resource", &q.resource}}) {
    if (auto p = domain::TextProblem(*value, 0, 200)) problems.Add(field, *p);
  }
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  // The token is bound to the filters it was made under.
  v1::ListAuditRecordsRequest filters = req;
  filters.clear_page_size();
  filters.clear_page_token();
  r.page.fingerprint = FilterFingerprint(filters.SerializeAsString());
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kAuditList, r.page.fingerprint));
  r.before = r.page.token ? r.page.token->last_number() : 0;
  if (r.page.token && r.before <= 0) return InvalidPageToken();
  return r;
}

}  // namespace caitiao::services
