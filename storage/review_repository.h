// Arbitral reviews (path B) and the service of their documents, in the
// caller's transaction.
#pragma once

#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/arbitral_review.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareReviewStatements(pqxx::connection& conn);

absl::Status InsertReview(Tx& tx, const domain::ArbitralReview& review);
// The case's latest review, with its receipts.
absl::StatusOr<std::optional<domain::ArbitralReview>> LatestReview(Tx& tx, const std::string& case_id);
// Writes the extension and the decision fields from `review`.
absl::Status UpdateReview(Tx& tx, const domain::ArbitralReview& review);
absl::Status InsertReceipt(Tx& tx, const std::string& review_id, const domain::ServiceReceipt& receipt);

}  // namespace caitiao::storage
