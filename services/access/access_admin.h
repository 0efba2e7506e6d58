// Administration of credentials and the audit log, in domain terms, over the
// caller's transaction: issuing and revoking API tokens, mapping client
// certificates to principals, reading the audit log, and the first admin
// token of a new installation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/access_requests.h"
#include "services/common/call_context.h"
#include "services/domain/access_types.h"
#include "storage/access_repository.h"
#include "storage/transaction.h"

namespace caitiao::services {


struct IssuedToken {
  domain::ApiTokenRecord token;
  std::string secret;  // shown once; only its hash is stored
};

// Issues a token for a grant that passed CheckGrant: every commission and
// region of the scope must exist (NOT_FOUND otherwise).
absl::StatusOr<IssuedToken> IssueToken(storage::Tx& tx, const CallContext& call, const domain::AccessGrant& grant,
                                       absl::Duration ttl);

// NOT_FOUND (TOKEN_NOT_FOUND) for an unknown id; revoking twice keeps the first revocation.
absl::StatusOr<domain::ApiTokenRecord> RevokeToken(storage::Tx& tx, const CallContext& call, const std::string& id);

absl::StatusOr<domain::CertificateMappingRecord> CreateCertificateMapping(storage::Tx& tx, const CallContext& call,
                                                                          const std::string& subject,
                                                                          const domain::AccessGrant& grant);
absl::StatusOr<domain::CertificateMappingRecord> RevokeCertificateMapping(storage::Tx& tx, const CallContext& call,
                                                                          const std::string& id);

// The first start of an installation: if no token was ever issued, issues
// an admin token (label "bootstrap-admin", 400 days) and returns its secret;
// otherwise nullopt. Safe when several servers start at once.
absl::StatusOr<std::optional<IssuedToken>> BootstrapAdminToken(storage::Tx& tx, absl::Time now);

}  // namespace caitiao::services
