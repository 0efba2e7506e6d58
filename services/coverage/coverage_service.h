// caitiao.v1.CoverageService over gRPC's synchronous API: the region list,
// docking pilots, coverage targets and the coverage report (use cases in
// coverage_admin.h, rules in services/domain/coverage.h).
#pragma once

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "services/domain/coverage.h"

#include "caitiao/v1/coverage.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class CoverageGrpcService final : public caitiao::v1::CoverageService::Service {
 public:
  CoverageGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_(caitiao::v1::CoverageService::service_full_name(), authenticator, audit) {}

  grpc::Status LoadRegions(grpc::ServerContext* ctx, const caitiao::v1::LoadRegionsRequest* req,
                           caitiao::v1::LoadRegionsResponse* resp) override;
  grpc::Status MarkPilot(grpc::ServerContext* ctx, const caitiao::v1::MarkPilotRequest* req,
                         caitiao::v1::PilotEntry* resp) override;
  grpc::Status UnmarkPilot(grpc::ServerContext* ctx, const caitiao::v1::UnmarkPilotRequest* req,
                           caitiao::v1::PilotEntry* resp) override;
  grpc::Status SetCoverageTarget(grpc::ServerContext* ctx, const caitiao::v1::SetCoverageTargetRequest* req,
                                 caitiao::v1::SetCoverageTargetResponse* resp) override;
  grpc::Status GetCoverage(grpc::ServerContext* ctx, const caitiao::v1::GetCoverageRequest* req,
                           caitiao::v1::CoverageReport* resp) override;

 private:
  grpc::Status SetPilot(grpc::ServerContext* ctx, const char* method,
                        absl::FunctionRef<absl::StatusOr<domain::PilotEntry>()> read,
                        const google::protobuf::Message& req, const std::string& request_id,
                        caitiao::v1::PilotEntry* resp);

  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
