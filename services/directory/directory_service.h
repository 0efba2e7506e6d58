// caitiao.v1.DirectoryService over gRPC's synchronous API.
#pragma once

#include "caitiao/v1/directory.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class DirectoryGrpcService final : public caitiao::v1::DirectoryService::Service {
 public:
  DirectoryGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_("caitiao.v1.DirectoryService", authenticator, audit) {}

  grpc::Status CreateRegion(grpc::ServerContext* ctx, const caitiao::v1::CreateRegionRequest* req,
                            caitiao::v1::Region* resp) override;
  grpc::Status ListRegions(grpc::ServerContext* ctx, const caitiao::v1::ListRegionsRequest* req,
                           caitiao::v1::ListRegionsResponse* resp) override;
  grpc::Status CreateCommission(grpc::ServerContext* ctx, const caitiao::v1::CreateCommissionRequest* req,
                                caitiao::v1::Commission* resp) override;
  grpc::Status GetCommission(grpc::ServerContext* ctx, const caitiao::v1::GetCommissionRequest* req,
                             caitiao::v1::Commission* resp) override;
  grpc::Status ListCommissions(grpc::ServerContext* ctx, const caitiao::v1::ListCommissionsRequest* req,
                               caitiao::v1::ListCommissionsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
