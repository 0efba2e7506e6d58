// Resolves who is calling, once per call, before any handler runs.
//
// CredentialAuthenticator accepts, in this order:
//   1. an API token: metadata `authorization: Bearer ct1.<43 characters>`;
//      the server looks up the SHA-256 of the secret;
//   2. a client certificate verified by mutual TLS, whose subject an admin
//      mapped to a principal (AccessService.CreateCertificateMapping).
// Anything else is UNAUTHENTICATED with a reason: CREDENTIALS_MISSING,
// TOKEN_MALFORMED, TOKEN_UNKNOWN, TOKEN_EXPIRED, TOKEN_REVOKED,
// CERTIFICATE_NOT_MAPPED.
//
// Lookups are cached for a few seconds so that a busy client costs no extra
// database round trip per call. A revocation clears the cache of every
// server on the database as it commits: it notifies them (storage
// kCredentialsChannel), and caitiaod listens.
#pragma once

#include <string>

#include <grpcpp/grpcpp.h>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/domain/principal.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // UNAUTHENTICATED (with a reason) when the caller cannot be identified.
  virtual absl::StatusOr<domain::Principal> Authenticate(const grpc::ServerContext& ctx) const = 0;
  // Forgets cached credentials (after a revocation).
  virtual void ForgetCachedCredentials() const {}
};

class CredentialAuthenticator final : public Authenticator {
 public:
  CredentialAuthenticator(storage::ConnectionPool& pool, absl::Duration cache_lifetime)
      : pool_(pool), cache_lifetime_(cache_lifetime) {}

  absl::StatusOr<domain::Principal> Authenticate(const grpc::ServerContext& ctx) const override;
  void ForgetCachedCredentials() const override;

 private:
  struct Cached {
    absl::StatusOr<domain::Principal> principal;
    absl::Time expire_time;  // the credential's own expiry
    absl::Time fetched;
  };
  absl::StatusOr<domain::Principal> ByToken(const std::string& token, absl::Time now) const;
  absl::StatusOr<domain::Principal> ByCertificate(const std::string& subject, absl::Time now) const;
  std::optional<Cached> FromCache(const std::string& key, absl::Time now) const;
  void Remember(const std::string& key, Cached entry) const;

  storage::ConnectionPool& pool_;
  const absl::Duration cache_lifetime_;
  mutable absl::Mutex mu_;
  mutable absl::flat_hash_map<std::string, Cached> cache_ ABSL_GUARDED_BY(mu_);
  // Hashes of tokens the database did not know, and when it said so: a client
  // repeating one wrong token costs no lookup per call. Kept apart from
  // cache_, so that a stream of random tokens cannot push out live
  // credentials. Safe because a new token is unguessable: no one presents it
  // before it is issued.
  mutable absl::flat_hash_map<std::string, absl::Time> unknown_ ABSL_GUARDED_BY(mu_);
};

// The principal a refusal names when the credential was known but revoked or
// expired ("token/<id>"), so that the audit log can say whose it was.
std::optional<std::string> RefusedPrincipalOf(const absl::Status& status);

// The bearer secret format: "ct1." + base64url of 32 random bytes.
std::string NewTokenSecret();
bool LooksLikeTokenSecret(std::string_view token);

}  // namespace caitiao::services
