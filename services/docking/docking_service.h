// caitiao.v1.DockingService over gRPC's synchronous API.
#pragma once

#include "caitiao/v1/docking.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class DockingGrpcService final : public caitiao::v1::DockingService::Service {
 public:
  DockingGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_("caitiao.v1.DockingService", authenticator, audit) {}

  grpc::Status RecordConsent(grpc::ServerContext* ctx, const caitiao::v1::RecordConsentRequest* req,
                             caitiao::v1::ConsentRecord* resp) override;
  grpc::Status WithdrawConsent(grpc::ServerContext* ctx, const caitiao::v1::WithdrawConsentRequest* req,
                               caitiao::v1::ConsentRecord* resp) override;
  grpc::Status ListConsents(grpc::ServerContext* ctx, const caitiao::v1::ListConsentsRequest* req,
                            caitiao::v1::ListConsentsResponse* resp) override;
  grpc::Status AssessEligibility(grpc::ServerContext* ctx, const caitiao::v1::AssessEligibilityRequest* req,
                                 caitiao::v1::EligibilityAssessment* resp) override;
  grpc::Status GetEligibility(grpc::ServerContext* ctx, const caitiao::v1::GetEligibilityRequest* req,
                              caitiao::v1::EligibilityAssessment* resp) override;
  grpc::Status ProposeRooms(grpc::ServerContext* ctx, const caitiao::v1::ProposeRoomsRequest* req,
                            caitiao::v1::ProposeRoomsResponse* resp) override;
  grpc::Status DelegateCase(grpc::ServerContext* ctx, const caitiao::v1::DelegateCaseRequest* req,
                            caitiao::v1::Delegation* resp) override;
  grpc::Status ListDelegations(grpc::ServerContext* ctx, const caitiao::v1::ListDelegationsRequest* req,
                               caitiao::v1::ListDelegationsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
