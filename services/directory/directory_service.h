// caitiao.v1.DirectoryService over gRPC's synchronous API: regions and
// commissions (directory_service.cc), rooms and mediators (room_service.cc).
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

  grpc::Status CreateRoom(grpc::ServerContext* ctx, const caitiao::v1::CreateRoomRequest* req,
                          caitiao::v1::MediationRoom* resp) override;
  grpc::Status UpdateRoom(grpc::ServerContext* ctx, const caitiao::v1::UpdateRoomRequest* req,
                          caitiao::v1::MediationRoom* resp) override;
  grpc::Status DeactivateRoom(grpc::ServerContext* ctx, const caitiao::v1::DeactivateRoomRequest* req,
                              caitiao::v1::MediationRoom* resp) override;
  grpc::Status GetRoom(grpc::ServerContext* ctx, const caitiao::v1::GetRoomRequest* req,
                       caitiao::v1::MediationRoom* resp) override;
  grpc::Status ListRooms(grpc::ServerContext* ctx, const caitiao::v1::ListRoomsRequest* req,
                         caitiao::v1::ListRoomsResponse* resp) override;
  grpc::Status CreateMediator(grpc::ServerContext* ctx, const caitiao::v1::CreateMediatorRequest* req,
                              caitiao::v1::Mediator* resp) override;
  grpc::Status UpdateMediator(grpc::ServerContext* ctx, const caitiao::v1::UpdateMediatorRequest* req,
                              caitiao::v1::Mediator* resp) override;
  grpc::Status GetMediator(grpc::ServerContext* ctx, const caitiao::v1::GetMediatorRequest* req,
                           caitiao::v1::Mediator* resp) override;
  grpc::Status ListMediators(grpc::ServerContext* ctx, const caitiao::v1::ListMediatorsRequest* req,
                             caitiao::v1::ListMediatorsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
