// The requests of caitiao.v1.ReviewService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID).
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/review.pb.h"
#include "services/domain/arbitral_review.h"

namespace caitiao::services {

// ApplyForReview: when the party applied (`now` unless the request says; not in the future).
absl::StatusOr<absl::Time> ReadApplyForReviewRequest(const caitiao::v1::ApplyForReviewRequest& req, absl::Time now);
absl::Status ReadGetReviewRequest(const caitiao::v1::GetReviewRequest& req);
absl::Status ReadExtendReviewRequest(const caitiao::v1::ExtendReviewRequest& req);
absl::Status ReadMakeArbitralDocumentRequest(const caitiao::v1::MakeArbitralDocumentRequest& req);
absl::StatusOr<domain::ReviewRefusal> ReadRefuseReviewRequest(const caitiao::v1::RefuseReviewRequest& req);
// RecordServiceReceipt and RecordServiceRefusal: when the party received or
// refused the document (`now` unless the request says; not in the future).
absl::StatusOr<absl::Time> ReadRecordServiceReceiptRequest(const caitiao::v1::RecordServiceReceiptRequest& req,
                                                           absl::Time now);
absl::StatusOr<absl::Time> ReadRecordServiceRefusalRequest(const caitiao::v1::RecordServiceRefusalRequest& req,
                                                           absl::Time now);

}  // namespace caitiao::services
