// caitiao.v1.ReviewService over gRPC's synchronous API: translates, checks
// the request's shape, and runs the use case of review_work.h in one
// idempotent transaction.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/review.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class ReviewGrpcService final : public caitiao::v1::ReviewService::Service {
 public:
  ReviewGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_(caitiao::v1::ReviewService::service_full_name(), authenticator, audit) {}

  grpc::Status ApplyForReview(grpc::ServerContext* ctx, const caitiao::v1::ApplyForReviewRequest* req,
                              caitiao::v1::ArbitralReview* resp) override;
  grpc::Status GetReview(grpc::ServerContext* ctx, const caitiao::v1::GetReviewRequest* req,
                         caitiao::v1::ArbitralReview* resp) override;
  grpc::Status ExtendReview(grpc::ServerContext* ctx, const caitiao::v1::ExtendReviewRequest* req,
                            caitiao::v1::ArbitralReview* resp) override;
  grpc::Status MakeArbitralDocument(grpc::ServerContext* ctx, const caitiao::v1::MakeArbitralDocumentRequest* req,
                                    caitiao::v1::ArbitralReview* resp) override;
  grpc::Status RefuseReview(grpc::ServerContext* ctx, const caitiao::v1::RefuseReviewRequest* req,
                            caitiao::v1::ArbitralReview* resp) override;
  grpc::Status RecordServiceReceipt(grpc::ServerContext* ctx, const caitiao::v1::RecordServiceReceiptRequest* req,
                                    caitiao::v1::ArbitralReview* resp) override;
  grpc::Status RecordServiceRefusal(grpc::ServerContext* ctx, const caitiao::v1::RecordServiceRefusalRequest* req,
                                    caitiao::v1::ArbitralReview* resp) override;

 private:
  // A party's receipt or refusal of service: the two differ in the time
  // field and what they record.
  // `read` checks the request and gives the time of service.
  template <typename Request>
  grpc::Status RunService(grpc::ServerContext* ctx, const char* method, const Request& req,
                          absl::StatusOr<absl::Time> (*read)(const Request&, absl::Time), bool refused,
                          caitiao::v1::ArbitralReview* resp);

  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
