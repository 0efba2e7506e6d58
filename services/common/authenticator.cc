#include "services/common/authenticator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/domain/access_types.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/access_repository.h"
#include "storage/crypto/primitives.h"

namespace caitiao::services {
namespace {

constexpr char kTokenPrefix[] = "ct1.";
constexpr size_t kSecretBytes = 32;     // 256 bits
constexpr size_t kSecretChars = 43;     // base64url of 32 bytes, unpadded
constexpr size_t kMaxCacheEntries = 10000;
constexpr size_t kMaxUnknownEntries = 4096;
constexpr absl::Duration kLookupTime = absl::Seconds(2);

absl::Status Unauthenticated(std::string message, std::string_view reason) {
  return domain::WithReason(absl::UnauthenticatedError(std::move(message)), reason);
}

bool IsBase64UrlChar(char c) { return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// A credential's own state, once found: revoked or expired credentials are
// refused with a reason that tells the holder what to do.
// Only tokens expire or are revoked (certificate mappings are revoked by
// removing them, which reads as CERTIFICATE_NOT_MAPPED).
absl::Status CheckLive(const char* what, const std::optional<absl::Time>& revoke_time,
                       std::optional<absl::Time> expire_time, absl::Time now) {
  if (revoke_time) {
    return Unauthenticated(absl::StrCat("this ", what, " was revoked; ask an administrator for a new one"),
                           domain::reasons::kTokenRevoked);
  }
  if (expire_time && *expire_time <= now) {
    return Unauthenticated(absl::StrCat("this ", what, " expired at ",
                                        absl::FormatTime(absl::RFC3339_sec, *expire_time, absl::UTCTimeZone()),
                                        "; ask an administrator for a new one"),
                           domain::reasons::kTokenExpired);
  }
  return absl::OkStatus();
}

constexpr char kPrincipalPayload[] = "caitiao/refused-principal";

// A refusal of a known but dead credential names it, for the audit log.
absl::Status NamingCredential(absl::Status status, const std::string& principal_id) {
  status.SetPayload(kPrincipalPayload, absl::Cord(principal_id));
  return status;
}

}  // namespace

std::optional<std::string> RefusedPrincipalOf(const absl::Status& status) {
  auto payload = status.GetPayload(kPrincipalPayload);
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

std::string NewTokenSecret() {
  return absl::StrCat(kTokenPrefix, crypto::Base64UrlNoPad(crypto::RandomBytes(kSecretBytes)));
}

bool LooksLikeTokenSecret(std::string_view token) {
  if (token.size() != sizeof(kTokenPrefix) - 1 + kSecretChars) return false;
  if (token.substr(0, sizeof(kTokenPrefix) - 1) != kTokenPrefix) return false;
  for (char c : token.substr(sizeof(kTokenPrefix) - 1)) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

absl::StatusOr<domain::Principal> CredentialAuthenticator::Authenticate(const grpc::ServerContext& ctx) const {
  const absl::Time now = absl::Now();
  const auto& md = ctx.client_metadata();
  if (auto it = md.find("authorization"); it != md.end()) {
    const std::string value(it->second.data(), it->second.size());
    constexpr absl::string_view kBearer = "bearer ";
    if (value.size() <= kBearer.size() || !absl::EqualsIgnoreCase(value.substr(0, kBearer.size()), kBearer)) {
      return Unauthenticated("the authorization metadata must be \"Bearer <token>\"", domain::reasons::kTokenMalformed);
    }
    const std::string token(absl::StripAsciiWhitespace(value.substr(kBearer.size())));
    if (!LooksLikeTokenSecret(token)) {
      return Unauthenticated("that is not a Caitiao API token (they look like ct1. and 43 more characters)",
                             domain::reasons::kTokenMalformed);
    }
    return ByToken(token, now);
  }
  auto auth = ctx.auth_context();
  if (auth && auth->IsPeerAuthenticated()) {
    auto subjects = auth->FindPropertyValues(GRPC_X509_SUBJECT_PROPERTY_NAME);
    if (!subjects.empty()) return ByCertificate(std::string(subjects[0].data(), subjects[0].size()), now);
  }
  return Unauthenticated("no credentials: send metadata \"authorization: Bearer <token>\" or a client certificate",
                         domain::reasons::kCredentialsMissing);
}

absl::StatusOr<domain::Principal> CredentialAuthenticator::ByToken(const std::string& token, absl::Time now) const {
  const std::string hash = crypto::Sha256(token);
  const std::string key = absl::StrCat("t:", hash);
  {
    absl::MutexLock lock(&mu_);
    if (auto it = unknown_.find(hash); it != unknown_.end() && now - it->second <= cache_lifetime_) {
      return Unauthenticated("unknown API token", domain::reasons::kTokenUnknown);
    }
  }
  if (auto cached = FromCache(key, now)) {
    if (cached->principal.ok()) {
      CAITIAO_RETURN_IF_ERROR(NamingCredential(CheckLive("token", std::nullopt, cached->expire_time, now),
                                               cached->principal->id));
    }
    return cached->principal;
  }
  std::optional<domain::ApiTokenRecord> found;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool_, now + kLookupTime, "FindApiToken",
                                                  [&](storage::Tx& tx) -> absl::Status {
                                                    CAITIAO_ASSIGN_OR_RETURN(found,
                                                                             storage::FindApiTokenByHash(tx, hash));
                                                    return absl::OkStatus();
                                                  }));
  if (!found) {
    if (cache_lifetime_ > absl::ZeroDuration()) {
      absl::MutexLock lock(&mu_);
      if (unknown_.size() >= kMaxUnknownEntries) unknown_.clear();  // bounded, whatever the stream
      unknown_.insert_or_assign(hash, now);
    }
    return Unauthenticated("unknown API token", domain::reasons::kTokenUnknown);
  }
  const std::string principal_id = absl::StrCat("token/", found->id);
  Cached entry{domain::PrincipalOf(principal_id, found->grant), found->expire_time, now};
  if (absl::Status live = CheckLive("token", found->revoke_time, found->expire_time, now); !live.ok()) {
    entry.principal = NamingCredential(live, principal_id);
  }
  Remember(key, entry);
  return entry.principal;
}

absl::StatusOr<domain::Principal> CredentialAuthenticator::ByCertificate(const std::string& subject,
                                                                         absl::Time now) const {
  const std::string key = absl::StrCat("c:", subject);
  if (auto cached = FromCache(key, now)) return cached->principal;
  std::optional<domain::CertificateMappingRecord> found;
  CAITIAO_RETURN_IF_ERROR(storage::RunTransaction(pool_, now + kLookupTime, "FindCertificateMapping",
                                                  [&](storage::Tx& tx) -> absl::Status {
                                                    CAITIAO_ASSIGN_OR_RETURN(
                                                        found, storage::FindLiveCertificateMapping(tx, subject));
                                                    return absl::OkStatus();
                                                  }));
  if (!found) {
    return Unauthenticated(absl::StrCat("the client certificate with subject ", domain::QuoteForMessage(subject, 300),
                                        " is not mapped to a principal; an administrator maps it with "
                                        "CreateCertificateMapping"),
                           domain::reasons::kCertificateNotMapped);
  }
  Cached entry{domain::PrincipalOf(absl::StrCat("cert/", found->id), found->grant), absl::InfiniteFuture(), now};
  Remember(key, entry);
  return entry.principal;
}

std::optional<CredentialAuthenticator::Cached> CredentialAuthenticator::FromCache(const std::string& key,
                                                                                  absl::Time now) const {
  absl::MutexLock lock(&mu_);
  auto it = cache_.find(key);
  if (it == cache_.end() || now - it->second.fetched > cache_lifetime_) return std::nullopt;
  return it->second;
}

void CredentialAuthenticator::Remember(const std::string& key, Cached entry) const {
  if (cache_lifetime_ <= absl::ZeroDuration()) return;
  absl::MutexLock lock(&mu_);
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  cache_.insert_or_assign(key, std::move(entry));
}

void CredentialAuthenticator::ForgetCachedCredentials() const {
  absl::MutexLock lock(&mu_);
  cache_.clear();
  unknown_.clear();
}

}  // namespace caitiao::services
