// The requests of caitiao.v1.AccessService read without a database (see
// services/cases/case_requests.h for the pattern): INVALID_ARGUMENT
// (FIELD_INVALID, PAGE_TOKEN_INVALID) for what no stored fact is needed to
// refuse.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/access.pb.h"
#include "services/common/paging.h"
#include "services/domain/access_types.h"

namespace caitiao::services {

// Field checks of a grant (label, role, scope shape, unmask), before a
// transaction opens. `ttl` is nullopt for certificate mappings.
absl::Status CheckGrant(const domain::AccessGrant& grant, std::optional<absl::Duration> ttl);

// INVALID_ARGUMENT for an empty or over-long subject or one with control characters.
absl::Status CheckCertificateSubject(const std::string& subject);

// IssueToken: the grant and its lifetime (90 days unless the request says).
struct TokenRequest {
  domain::AccessGrant grant;
  absl::Duration ttl;
};
absl::StatusOr<TokenRequest> ReadIssueTokenRequest(const caitiao::v1::IssueTokenRequest& req);
// ListTokens and ListCertificateMappings: a page whose token, if any, holds a
// created-time cursor with a well-formed id.
absl::StatusOr<PageRequest> ReadListTokensRequest(const caitiao::v1::ListTokensRequest& req);
absl::Status ReadRevokeTokenRequest(const caitiao::v1::RevokeTokenRequest& req);
absl::StatusOr<domain::AccessGrant> ReadCreateCertificateMappingRequest(
    const caitiao::v1::CreateCertificateMappingRequest& req);
absl::StatusOr<PageRequest> ReadListCertificateMappingsRequest(const caitiao::v1::ListCertificateMappingsRequest& req);
absl::Status ReadRevokeCertificateMappingRequest(const caitiao::v1::RevokeCertificateMappingRequest& req);
// ListAuditRecords: the query, and the page (records before `before`; 0 for
// the first page).
struct AuditListRequest {
  domain::AuditQuery query;
  PageRequest page;
  int64_t before = 0;
};
absl::StatusOr<AuditListRequest> ReadListAuditRecordsRequest(const caitiao::v1::ListAuditRecordsRequest& req);

}  // namespace caitiao::services
