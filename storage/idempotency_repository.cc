#include "storage/idempotency_repository.h"

#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::storage {

void PrepareIdempotencyStatements(pqxx::connection& conn) {
  conn.prepare("idem_claim",
               "INSERT INTO idempotency_keys (caller, method, request_id, fingerprint) "
               "VALUES ($1, $2, $3, sha256($4::bytea)) ON CONFLICT DO NOTHING RETURNING 1");
  conn.prepare("idem_find",
               "SELECT fingerprint = sha256($4::bytea), response FROM idempotency_keys "
               "WHERE caller = $1 AND method = $2 AND request_id = $3");
  conn.prepare("idem_record",
               "UPDATE idempotency_keys SET response = $4::bytea "
               "WHERE caller = $1 AND method = $2 AND request_id = $3");
  conn.prepare("idem_expire",
               "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)");
}

absl::StatusOr<std::optional<std::string>> ClaimRequest(Tx& tx, const IdempotencyKey& key,
                                                        const std::string& request_bytes) {
  pqxx::binarystring request(request_bytes);
  if (!tx.exec_prepared("idem_claim", key.caller, key.method, key.request_id, request).empty()) {
    return std::nullopt;
  }
  pqxx::result r = tx.exec_prepared("idem_find", key.caller, key.method, key.request_id, request);
  if (r.empty() || r[0][1].is_null()) {
    // Claimed but unanswered: only possible if the first attempt is still
    // in flight under another isolation level. Ask the client to retry.
    return domain::WithReason(absl::AbortedError("the same request is still being processed; retry"),
                              domain::reasons::kRequestInProgress);
  }
  if (!r[0][0].as<bool>()) {
    return domain::WithFields(
        domain::WithReason(absl::InvalidArgumentError(
                               "request_id was already used for a different request; use a new "
                               "request_id for a new request"),
                           domain::reasons::kRequestIdReused),
        {{"request_id", "already used for a different request"}});
  }
  return pqxx::binarystring(r[0][1]).str();
}

absl::Status RecordResponse(Tx& tx, const IdempotencyKey& key, const std::string& response_bytes) {
  tx.exec_prepared("idem_record", key.caller, key.method, key.request_id,
                   pqxx::binarystring(response_bytes));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> DeleteExpiredKeys(Tx& tx, int max_age_hours) {
  return static_cast<int64_t>(tx.exec_prepared("idem_expire", max_age_hours).affected_rows());
}

}  // namespace caitiao::storage
