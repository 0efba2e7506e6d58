#include "services/coverage/coverage_service.h"

#include "services/common/idempotent.h"
#include "services/common/proto_time.h"
#include "services/coverage/coverage_admin.h"
#include "services/coverage/coverage_proto.h"
#include "services/coverage/coverage_requests.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

}  // namespace

grpc::Status CoverageGrpcService::LoadRegions(grpc::ServerContext* ctx, const v1::LoadRegionsRequest* req,
                                              v1::LoadRegionsResponse* resp) {
  return rpc_.Run(ctx, "LoadRegions", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const auto entries, ReadLoadRegionsRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(const auto counts, LoadRegionList(tx, call, entries));
                           auto* response = static_cast<v1::LoadRegionsResponse*>(out);
                           response->set_added(counts.added);
                           response->set_renamed(counts.renamed);
                           response->set_moved(counts.moved);
                           response->set_unchanged(counts.unchanged);
                           response->set_absent(counts.absent);
                           response->set_total(counts.total);
                           return absl::OkStatus();
                         });
  });
}

grpc::Status CoverageGrpcService::SetPilot(grpc::ServerContext* ctx, const char* method,
                                           absl::FunctionRef<absl::StatusOr<domain::PilotEntry>()> read,
                                           const Message& req, const std::string& request_id, v1::PilotEntry* resp) {
  return rpc_.Run(ctx, method, [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(domain::PilotEntry entry, read());
    return RunIdempotent(pool_, call, req, request_id, resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const bool replaced, SetPilotEntry(tx, call, entry));
      auto* response = static_cast<v1::PilotEntry*>(out);
      PilotEntryToProto(entry, response);
      response->set_replaced(replaced);
      return absl::OkStatus();
    });
  });
}

grpc::Status CoverageGrpcService::MarkPilot(grpc::ServerContext* ctx, const v1::MarkPilotRequest* req,
                                            v1::PilotEntry* resp) {
  return SetPilot(
      ctx, "MarkPilot", [&] { return ReadMarkPilotRequest(*req); }, *req, req->request_id(), resp);
}

grpc::Status CoverageGrpcService::UnmarkPilot(grpc::ServerContext* ctx, const v1::UnmarkPilotRequest* req,
                                              v1::PilotEntry* resp) {
  return SetPilot(
      ctx, "UnmarkPilot", [&] { return ReadUnmarkPilotRequest(*req); }, *req, req->request_id(), resp);
}

grpc::Status CoverageGrpcService::SetCoverageTarget(grpc::ServerContext* ctx, const v1::SetCoverageTargetRequest* req,
                                                    v1::SetCoverageTargetResponse* resp) {
  return rpc_.Run(ctx, "SetCoverageTarget", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(domain::CoverageTarget target, ReadSetCoverageTargetRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(const bool replaced, services::SetCoverageTarget(tx, call, target));
                           auto* response = static_cast<v1::SetCoverageTargetResponse*>(out);
                           TargetToProto(target, response->mutable_target());
                           response->set_replaced(replaced);
                           return absl::OkStatus();
                         });
  });
}

grpc::Status CoverageGrpcService::GetCoverage(grpc::ServerContext* ctx, const v1::GetCoverageRequest* req,
                                              v1::CoverageReport* resp) {
  return rpc_.Run(ctx, "GetCoverage", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const absl::CivilDay day, ReadGetCoverageRequest(*req, call.now));
    return storage::RunTransaction(pool_, call.deadline, "GetCoverage", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto coverage, CoverageOf(tx, call, req->province_code(), day));
      CoverageToProto(coverage, resp);
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
