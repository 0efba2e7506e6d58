// Persistence of credentials: API tokens (hash of the secret only) and client
// certificate mappings. Functions run inside the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/access_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareAccessStatements(pqxx::connection& conn);

absl::Status InsertApiToken(Tx& tx, const domain::ApiTokenRecord& token);
// By the SHA-256 of the secret (raw bytes), whatever its state.
absl::StatusOr<std::optional<domain::ApiTokenRecord>> FindApiTokenByHash(Tx& tx, const std::string& hash);
absl::StatusOr<std::optional<domain::ApiTokenRecord>> FindApiToken(Tx& tx, const std::string& id, bool lock);
// The revocations below also NOTIFY kCredentialsChannel, so that every
// server sharing the database forgets its cached credentials at commit.
inline constexpr char kCredentialsChannel[] = "caitiao_credentials";
absl::Status MarkApiTokenRevoked(Tx& tx, const std::string& id, const std::string& by, absl::Time when);

struct CreatedCursor {
  absl::Time create_time;
  std::string id;
};
// Newest first; inactive (revoked or expired at `now`) only when asked for.
absl::StatusOr<std::vector<domain::ApiTokenRecord>> ListApiTokens(Tx& tx, bool include_inactive, absl::Time now,
                                                                  const std::optional<CreatedCursor>& after,
                                                                  int limit);
// Serializes first-start bootstrapping across servers (a transaction-scoped
// advisory lock) and tells whether any token was ever issued.
absl::StatusOr<bool> LockAndCheckAnyApiToken(Tx& tx);

// ALREADY_EXISTS (CERTIFICATE_MAPPING_EXISTS) if a live mapping has the subject.
absl::Status InsertCertificateMapping(Tx& tx, const domain::CertificateMappingRecord& mapping);
absl::StatusOr<std::optional<domain::CertificateMappingRecord>> FindLiveCertificateMapping(
    Tx& tx, const std::string& subject);
absl::StatusOr<std::optional<domain::CertificateMappingRecord>> FindCertificateMapping(Tx& tx, const std::string& id,
                                                                                       bool lock);
absl::Status MarkCertificateMappingRevoked(Tx& tx, const std::string& id, const std::string& by, absl::Time when);
absl::StatusOr<std::vector<domain::CertificateMappingRecord>> ListCertificateMappings(
    Tx& tx, bool include_revoked, const std::optional<CreatedCursor>& after, int limit);

}  // namespace caitiao::storage
