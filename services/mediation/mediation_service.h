// caitiao.v1.MediationService over gRPC's synchronous API: translates, checks
// the request's shape, and runs the use case of mediation_work.h in one
// idempotent transaction.
#pragma once

#include "caitiao/v1/mediation.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class MediationGrpcService final : public caitiao::v1::MediationService::Service {
 public:
  MediationGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_(caitiao::v1::MediationService::service_full_name(), authenticator, audit) {}

  grpc::Status RecordSession(grpc::ServerContext* ctx, const caitiao::v1::RecordSessionRequest* req,
                             caitiao::v1::MediationSession* resp) override;
  grpc::Status ListSessions(grpc::ServerContext* ctx, const caitiao::v1::ListSessionsRequest* req,
                            caitiao::v1::ListSessionsResponse* resp) override;
  grpc::Status ExtendMediation(grpc::ServerContext* ctx, const caitiao::v1::ExtendMediationRequest* req,
                               caitiao::v1::MediationExtension* resp) override;
  grpc::Status DraftAgreement(grpc::ServerContext* ctx, const caitiao::v1::DraftAgreementRequest* req,
                              caitiao::v1::Agreement* resp) override;
  grpc::Status GetAgreement(grpc::ServerContext* ctx, const caitiao::v1::GetAgreementRequest* req,
                            caitiao::v1::Agreement* resp) override;
  grpc::Status RecordSignature(grpc::ServerContext* ctx, const caitiao::v1::RecordSignatureRequest* req,
                               caitiao::v1::Agreement* resp) override;
  grpc::Status VoidAgreement(grpc::ServerContext* ctx, const caitiao::v1::VoidAgreementRequest* req,
                             caitiao::v1::Agreement* resp) override;
  grpc::Status RecordPerformance(grpc::ServerContext* ctx, const caitiao::v1::RecordPerformanceRequest* req,
                                 caitiao::v1::Agreement* resp) override;
  grpc::Status TerminateMediation(grpc::ServerContext* ctx, const caitiao::v1::TerminateMediationRequest* req,
                                  caitiao::v1::Case* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
