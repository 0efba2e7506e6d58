// The commission's arbitral review of an effective agreement (path B), in
// domain terms over the caller's transaction: load the facts, ask
// arbitral_review.h, store the review, its document and its receipts.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/call_context.h"
#include "services/domain/arbitral_review.h"
#include "services/domain/case_types.h"
#include "services/domain/eligibility.h"
#include "storage/transaction.h"

namespace caitiao::services {

struct ReviewAnswer {
  domain::ArbitralReview review;
  domain::CaseRecord c;
};

absl::StatusOr<ReviewAnswer> ApplyForReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                            const std::string& etag, absl::Time applied,
                                            const std::string& evidence_ref);
// NOT_FOUND (REVIEW_NOT_FOUND) if the case has none.
absl::StatusOr<ReviewAnswer> ReviewOf(storage::Tx& tx, const CallContext& call, const std::string& case_id);
absl::StatusOr<ReviewAnswer> ExtendReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                          const std::string& etag, const std::string& reason);
absl::StatusOr<ReviewAnswer> MakeArbitralDocument(storage::Tx& tx, const CallContext& call,
                                                  const std::string& case_id, const std::string& etag);
absl::StatusOr<ReviewAnswer> RefuseReview(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                          const std::string& etag, domain::ReviewRefusal refusal,
                                          const std::string& note);
// A party signed for receipt (`refused` false) or refused to (true).
absl::StatusOr<ReviewAnswer> RecordService(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                           const std::string& etag, domain::PartySide side, int position,
                                           absl::Time when, const std::string& evidence_ref, bool refused);

}  // namespace caitiao::services
