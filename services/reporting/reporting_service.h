// caitiao.v1.ReportingService over gRPC's synchronous API: counts, masked
// resumable exports, and the change feed of the cases in the caller's regions.
#pragma once

#include <atomic>

#include "caitiao/v1/reporting.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/reporting/report_reader.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class ReportingGrpcService final : public caitiao::v1::ReportingService::Service {
 public:
  // Reports read through `reader` (the replica or the primary); the change
  // feed reads `pool` (the primary). At most `max_watchers` WatchChanges
  // streams run at once.
  ReportingGrpcService(storage::ConnectionPool& pool, ReportReader& reader, const Authenticator& authenticator,
                       AuditLog& audit, int max_watchers)
      : pool_(pool),
        reader_(reader),
        rpc_("caitiao.v1.ReportingService", authenticator, audit),
        max_watchers_(max_watchers) {}

  grpc::Status SummarizeCases(grpc::ServerContext* ctx, const caitiao::v1::SummarizeCasesRequest* req,
                              caitiao::v1::SummarizeCasesResponse* resp) override;
  grpc::Status ExportCases(grpc::ServerContext* ctx, const caitiao::v1::ExportCasesRequest* req,
                           grpc::ServerWriter<caitiao::v1::ExportCasesResponse>* writer) override;
  grpc::Status ListChanges(grpc::ServerContext* ctx, const caitiao::v1::ListChangesRequest* req,
                           caitiao::v1::ListChangesResponse* resp) override;
  grpc::Status WatchChanges(grpc::ServerContext* ctx, const caitiao::v1::WatchChangesRequest* req,
                            grpc::ServerWriter<caitiao::v1::Change>* writer) override;
  grpc::Status GetDockingReport(grpc::ServerContext* ctx, const caitiao::v1::GetDockingReportRequest* req,
                                caitiao::v1::GetDockingReportResponse* resp) override;
  grpc::Status GetMediationShare(grpc::ServerContext* ctx, const caitiao::v1::GetMediationShareRequest* req,
                                 caitiao::v1::GetMediationShareResponse* resp) override;
  grpc::Status ReviewRooms(grpc::ServerContext* ctx, const caitiao::v1::ReviewRoomsRequest* req,
                           caitiao::v1::ReviewRoomsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  ReportReader& reader_;
  RpcRunner rpc_;
  const int max_watchers_;
  std::atomic<int> watchers_{0};
};

}  // namespace caitiao::services
