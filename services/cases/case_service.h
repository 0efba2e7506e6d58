// caitiao.v1.CaseService over gRPC's synchronous API: translate the request,
// run the use case from case_intake in one transaction, translate the answer.
#pragma once

#include "caitiao/v1/case_service.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class CaseGrpcService final : public caitiao::v1::CaseService::Service {
 public:
  CaseGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_("caitiao.v1.CaseService", authenticator, audit) {}

  grpc::Status CreateCase(grpc::ServerContext* ctx, const caitiao::v1::CreateCaseRequest* req,
                          caitiao::v1::Case* resp) override;
  grpc::Status GetCase(grpc::ServerContext* ctx, const caitiao::v1::GetCaseRequest* req,
                       caitiao::v1::Case* resp) override;
  grpc::Status ListCases(grpc::ServerContext* ctx, const caitiao::v1::ListCasesRequest* req,
                         caitiao::v1::ListCasesResponse* resp) override;
  grpc::Status UpdateCase(grpc::ServerContext* ctx, const caitiao::v1::UpdateCaseRequest* req,
                          caitiao::v1::Case* resp) override;
  grpc::Status WithdrawCase(grpc::ServerContext* ctx, const caitiao::v1::WithdrawCaseRequest* req,
                            caitiao::v1::Case* resp) override;
  grpc::Status FileCase(grpc::ServerContext* ctx, const caitiao::v1::FileCaseRequest* req,
                        caitiao::v1::Case* resp) override;
  grpc::Status RefuseAcceptance(grpc::ServerContext* ctx, const caitiao::v1::RefuseAcceptanceRequest* req,
                                caitiao::v1::Case* resp) override;
  grpc::Status CloseCase(grpc::ServerContext* ctx, const caitiao::v1::CloseCaseRequest* req,
                         caitiao::v1::Case* resp) override;
  grpc::Status ListCaseEvents(grpc::ServerContext* ctx, const caitiao::v1::ListCaseEventsRequest* req,
                              caitiao::v1::ListCaseEventsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
