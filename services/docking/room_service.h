// caitiao.v1.RoomService over gRPC's synchronous API.
#pragma once

#include <atomic>

#include "caitiao/v1/docking.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/docking/queue_notifier.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class RoomGrpcService final : public caitiao::v1::RoomService::Service {
 public:
  // At most `max_watchers` WatchRoomQueue streams run at once: each holds a
  // thread of gRPC's bounded pool for up to a minute.
  RoomGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit,
                  const QueueNotifier& notifier, int max_watchers)
      : pool_(pool), notifier_(notifier), max_watchers_(max_watchers),
        rpc_("caitiao.v1.RoomService", authenticator, audit) {}

  grpc::Status ListRoomQueue(grpc::ServerContext* ctx, const caitiao::v1::ListRoomQueueRequest* req,
                             caitiao::v1::ListRoomQueueResponse* resp) override;
  grpc::Status AcceptDelegation(grpc::ServerContext* ctx, const caitiao::v1::AcceptDelegationRequest* req,
                                caitiao::v1::Delegation* resp) override;
  grpc::Status DeclineDelegation(grpc::ServerContext* ctx, const caitiao::v1::DeclineDelegationRequest* req,
                                 caitiao::v1::Delegation* resp) override;
  grpc::Status DeclareConflict(grpc::ServerContext* ctx, const caitiao::v1::DeclareConflictRequest* req,
                               caitiao::v1::MediatorConflict* resp) override;
  grpc::Status WatchRoomQueue(grpc::ServerContext* ctx, const caitiao::v1::WatchRoomQueueRequest* req,
                              grpc::ServerWriter<caitiao::v1::RoomQueueEvent>* writer) override;

  // WatchRoomQueue streams running now, and the most allowed (for metrics).
  int watchers() const { return watchers_.load(std::memory_order_relaxed); }
  int max_watchers() const { return max_watchers_; }

 private:
  storage::ConnectionPool& pool_;
  const QueueNotifier& notifier_;
  const int max_watchers_;
  std::atomic<int> watchers_{0};
  RpcRunner rpc_;
};

}  // namespace caitiao::services
