#include "storage/access_repository.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

// Any fixed 64-bit number distinct from the migration lock.
constexpr int64_t kBootstrapLock = 0x6361697469616f02;  // "caitiao" + 2

constexpr char kTokenColumns[] =
    "id::text, label, role, array_to_string(commission_ids, ','), coalesce(room_id::text, ''), "
    "array_to_string(region_codes, ','), may_unmask, encode(secret_hash, 'hex'), created_by, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM expires_at) * 1000000)::bigint, "
    "(extract(epoch FROM revoked_at) * 1000000)::bigint, revoked_by";
constexpr char kMappingColumns[] =
    "id::text, subject, label, role, array_to_string(commission_ids, ','), coalesce(room_id::text, ''), "
    "array_to_string(region_codes, ','), may_unmask, created_by, "
    "(extract(epoch FROM created_at) * 1000000)::bigint, (extract(epoch FROM revoked_at) * 1000000)::bigint, "
    "revoked_by";

// Reads the six grant columns starting at `at`.
domain::AccessGrant GrantFromRow(const pqxx::row& row, int at) {
  domain::AccessGrant g;
  g.label = row[at].as<std::string>();
  g.role = domain::RoleFromName(row[at + 1].as<std::string>()).value_or(domain::Role::kUnspecified);
  g.scope.commission_ids = SplitArrayText(row[at + 2].as<std::string>());
  g.scope.room_id = row[at + 3].as<std::string>();
  g.scope.region_codes = SplitArrayText(row[at + 4].as<std::string>());
  g.may_unmask = row[at + 5].as<bool>();
  return g;
}

domain::ApiTokenRecord TokenFromRow(const pqxx::row& row) {
  domain::ApiTokenRecord t;
  t.id = row[0].as<std::string>();
  t.grant = GrantFromRow(row, 1);
  t.secret_hash = BytesFromHex(row[7].as<std::string>());
  t.created_by = row[8].as<std::string>();
  t.create_time = TimeFromMicros(row[9].as<int64_t>());
  t.expire_time = TimeFromMicros(row[10].as<int64_t>());
  t.revoke_time = OptionalTimeFromMicros(row[11]);
  t.revoked_by = row[12].as<std::string>();
  return t;
}

domain::CertificateMappingRecord MappingFromRow(const pqxx::row& row) {
  domain::CertificateMappingRecord m;
  m.id = row[0].as<std::string>();
  m.subject = row[1].as<std::string>();
  m.grant = GrantFromRow(row, 2);
  m.created_by = row[8].as<std::string>();
  m.create_time = TimeFromMicros(row[9].as<int64_t>());
  m.revoke_time = OptionalTimeFromMicros(row[10]);
  m.revoked_by = row[11].as<std::string>();
  return m;
}

const char* RoomParam(const domain::AccessGrant& g) { return g.scope.room_id.empty() ? nullptr : g.scope.room_id.c_str(); }

}  // namespace

void PrepareAccessStatements(pqxx::connection& conn) {
  // Delivered at commit to every server's listener (services/server/main.cc).
  conn.prepare("credentials_notify", "SELECT pg_notify($1, '')");
  conn.prepare("token_insert",
               "INSERT INTO api_tokens (id, label, role, commission_ids, room_id, region_codes, may_unmask, "
               "secret_hash, created_by, created_at, expires_at) VALUES ($1::uuid, $2, $3, $4::uuid[], "
               "$5::uuid, $6::text[], $7, decode($8, 'hex'), $9, $10::timestamptz, $11::timestamptz)");
  conn.prepare("token_by_hash", absl::StrCat("SELECT ", kTokenColumns,
                                             " FROM api_tokens WHERE secret_hash = decode($1, 'hex')"));
  conn.prepare("token_by_id", absl::StrCat("SELECT ", kTokenColumns, " FROM api_tokens WHERE id = $1::uuid"));
  conn.prepare("token_by_id_locked",
               absl::StrCat("SELECT ", kTokenColumns, " FROM api_tokens WHERE id = $1::uuid FOR UPDATE"));
  conn.prepare("token_revoke",
               "UPDATE api_tokens SET revoked_at = $3::timestamptz, revoked_by = $2 "
               "WHERE id = $1::uuid AND revoked_at IS NULL");
  conn.prepare("token_list",
               absl::StrCat("SELECT ", kTokenColumns,
                            " FROM api_tokens WHERE ($1 OR (revoked_at IS NULL AND expires_at > $2::timestamptz)) "
                            "AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid)) "
                            "ORDER BY created_at DESC, id DESC LIMIT $5"));
  conn.prepare("token_bootstrap_lock", "SELECT pg_advisory_xact_lock($1)");
  conn.prepare("token_any", "SELECT EXISTS (SELECT 1 FROM api_tokens)");
  conn.prepare("mapping_insert",
               "INSERT INTO certificate_principals (id, subject, label, role, commission_ids, room_id, "
               "region_codes, may_unmask, created_by, created_at) VALUES ($1::uuid, $2, $3, $4, $5::uuid[], "
               "$6::uuid, $7::text[], $8, $9, $10::timestamptz) ON CONFLICT DO NOTHING RETURNING 1");
  conn.prepare("mapping_live_by_subject",
               absl::StrCat("SELECT ", kMappingColumns,
                            " FROM certificate_principals WHERE subject = $1 AND revoked_at IS NULL"));
  conn.prepare("mapping_by_id",
               absl::StrCat("SELECT ", kMappingColumns, " FROM certificate_principals WHERE id = $1::uuid"));
  conn.prepare("mapping_by_id_locked", absl::StrCat("SELECT ", kMappingColumns,
                                                    " FROM certificate_principals WHERE id = $1::uuid FOR UPDATE"));
  conn.prepare("mapping_revoke",
               "UPDATE certificate_principals SET revoked_at = $3::timestamptz, revoked_by = $2 "
               "WHERE id = $1::uuid AND revoked_at IS NULL");
  conn.prepare("mapping_list",
               absl::StrCat("SELECT ", kMappingColumns,
                            " FROM certificate_principals WHERE ($1 OR revoked_at IS NULL) "
                            "AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid)) "
                            "ORDER BY created_at DESC, id DESC LIMIT $4"));
}

absl::Status InsertApiToken(Tx& tx, const domain::ApiTokenRecord& t) {
  const auto& g = t.grant;
  tx.exec_prepared("token_insert", t.id, g.label, domain::RoleName(g.role), UuidArrayParam(g.scope.commission_ids),
                   RoomParam(g), PlainArrayParam(g.scope.region_codes), g.may_unmask, HexParam(t.secret_hash),
                   t.created_by, TimeParam(t.create_time), TimeParam(t.expire_time));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::ApiTokenRecord>> FindApiTokenByHash(Tx& tx, const std::string& hash) {
  pqxx::result r = tx.exec_prepared("token_by_hash", HexParam(hash));
  if (r.empty()) return std::nullopt;
  return TokenFromRow(r[0]);
}

absl::StatusOr<std::optional<domain::ApiTokenRecord>> FindApiToken(Tx& tx, const std::string& id, bool lock) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared(lock ? "token_by_id_locked" : "token_by_id", id);
  if (r.empty()) return std::nullopt;
  return TokenFromRow(r[0]);
}

absl::Status MarkApiTokenRevoked(Tx& tx, const std::string& id, const std::string& by, absl::Time when) {
  tx.exec_prepared("token_revoke", id, by, TimeParam(when));
  tx.exec_prepared("credentials_notify", std::string(kCredentialsChannel));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::ApiTokenRecord>> ListApiTokens(Tx& tx, bool include_inactive, absl::Time now,
                                                                  const std::optional<CreatedCursor>& after,
                                                                  int limit) {
  if (after && !LooksLikeUuid(after->id)) return absl::InvalidArgumentError("malformed cursor");
  pqxx::result r =
      after ? tx.exec_prepared("token_list", include_inactive, TimeParam(now), TimeParam(after->create_time),
                               after->id, limit)
            : tx.exec_prepared("token_list", include_inactive, TimeParam(now), nullptr, nullptr, limit);
  std::vector<domain::ApiTokenRecord> out;
  for (const auto& row : r) out.push_back(TokenFromRow(row));
  return out;
}

absl::StatusOr<bool> LockAndCheckAnyApiToken(Tx& tx) {
  tx.exec_prepared("token_bootstrap_lock", kBootstrapLock);
  return tx.exec_prepared1("token_any")[0].as<bool>();
}

absl::Status InsertCertificateMapping(Tx& tx, const domain::CertificateMappingRecord& m) {
  const auto& g = m.grant;
  pqxx::result r = tx.exec_prepared("mapping_insert", m.id, m.subject, g.label, domain::RoleName(g.role),
                                    UuidArrayParam(g.scope.commission_ids), RoomParam(g),
                                    PlainArrayParam(g.scope.region_codes), g.may_unmask, m.created_by,
                                    TimeParam(m.create_time));
  if (r.empty()) {
    return domain::WithFields(
        domain::WithReason(absl::AlreadyExistsError("a live mapping for this certificate subject exists; "
                                                    "revoke it first"),
                           domain::reasons::kCertificateMappingExists),
        {{"subject", "already mapped"}});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::CertificateMappingRecord>> FindLiveCertificateMapping(
    Tx& tx, const std::string& subject) {
  pqxx::result r = tx.exec_prepared("mapping_live_by_subject", subject);
  if (r.empty()) return std::nullopt;
  return MappingFromRow(r[0]);
}

absl::StatusOr<std::optional<domain::CertificateMappingRecord>> FindCertificateMapping(Tx& tx, const std::string& id,
                                                                                       bool lock) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared(lock ? "mapping_by_id_locked" : "mapping_by_id", id);
  if (r.empty()) return std::nullopt;
  return MappingFromRow(r[0]);
}

absl::Status MarkCertificateMappingRevoked(Tx& tx, const std::string& id, const std::string& by, absl::Time when) {
  tx.exec_prepared("mapping_revoke", id, by, TimeParam(when));
  tx.exec_prepared("credentials_notify", std::string(kCredentialsChannel));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::CertificateMappingRecord>> ListCertificateMappings(
    Tx& tx, bool include_revoked, const std::optional<CreatedCursor>& after, int limit) {
  if (after && !LooksLikeUuid(after->id)) return absl::InvalidArgumentError("malformed cursor");
  pqxx::result r = after ? tx.exec_prepared("mapping_list", include_revoked, TimeParam(after->create_time),
                                            after->id, limit)
                         : tx.exec_prepared("mapping_list", include_revoked, nullptr, nullptr, limit);
  std::vector<domain::CertificateMappingRecord> out;
  for (const auto& row : r) out.push_back(MappingFromRow(row));
  return out;
}

}  // namespace caitiao::storage
