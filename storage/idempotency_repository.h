// Idempotency keys of mutating RPCs: (caller, method, request_id) with a
// fingerprint of the request and the response, written in the same
// transaction as the change they guard.
//
// Protocol inside one transaction:
//   auto prior = ClaimRequest(tx, key, fingerprint);
//   if (!prior.ok()) return prior.status();        // id reused for another request
//   if (*prior) return *prior;                     // a retry: the stored response
//   ... make the change ...
//   RecordResponse(tx, key, response_bytes);
// A concurrent duplicate blocks on the key's row until the first commits,
// then sees its response; if the first rolls back, the duplicate proceeds.
#pragma once

#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareIdempotencyStatements(pqxx::connection& conn);

struct IdempotencyKey {
  std::string caller;
  std::string method;
  std::string request_id;
};

// nullopt: a new request, now claimed. A string: the stored response of the
// earlier identical request. INVALID_ARGUMENT (REQUEST_ID_REUSED) if the id
// was used for a different request.
absl::StatusOr<std::optional<std::string>> ClaimRequest(Tx& tx, const IdempotencyKey& key,
                                                        const std::string& request_bytes);

absl::Status RecordResponse(Tx& tx, const IdempotencyKey& key, const std::string& response_bytes);

// Deletes keys older than `max_age_hours` (kept at least 24 h); returns how many.
absl::StatusOr<int64_t> DeleteExpiredKeys(Tx& tx, int max_age_hours);

}  // namespace caitiao::storage
