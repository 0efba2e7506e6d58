// caitiao.v1.ReportingService over gRPC's synchronous API: counts and masked,
// resumable exports of the cases in the caller's regions.
#pragma once

#include "caitiao/v1/reporting.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class ReportingGrpcService final : public caitiao::v1::ReportingService::Service {
 public:
  ReportingGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_("caitiao.v1.ReportingService", authenticator, audit) {}

  grpc::Status SummarizeCases(grpc::ServerContext* ctx, const caitiao::v1::SummarizeCasesRequest* req,
                              caitiao::v1::SummarizeCasesResponse* resp) override;
  grpc::Status ExportCases(grpc::ServerContext* ctx, const caitiao::v1::ExportCasesRequest* req,
                           grpc::ServerWriter<caitiao::v1::ExportCasesResponse>* writer) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
