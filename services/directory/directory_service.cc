#include "services/directory/directory_service.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/proto_time.h"
#include "services/directory/directory_admin.h"
#include "services/directory/directory_requests.h"
#include "services/domain/errors.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "storage/directory_repository.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kRegionsList[] = "regions";
constexpr char kCommissionsList[] = "commissions";

void RegionToProto(const domain::Region& r, v1::Region* out) {
  out->set_code(r.code);
  out->set_name(r.name);
  out->set_level(static_cast<v1::RegionLevel>(r.level));
  out->set_parent_code(r.parent_code);
  ToProto(r.create_time, out->mutable_create_time());
}

void CommissionToProto(const domain::Commission& c, v1::Commission* out) {
  out->set_id(c.id);
  out->set_region_code(c.region_code);
  out->set_name(c.name);
  out->set_case_number_template(c.case_number_template);
  ToProto(c.create_time, out->mutable_create_time());
}

}  // namespace

grpc::Status DirectoryGrpcService::CreateRegion(grpc::ServerContext* ctx, const v1::CreateRegionRequest* req,
                                                v1::Region* resp) {
  return rpc_.Run(ctx, "CreateRegion", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::Region region, ReadCreateRegionRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto created, services::CreateRegion(tx, region));
                           RegionToProto(created, static_cast<v1::Region*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::ListRegions(grpc::ServerContext* ctx, const v1::ListRegionsRequest* req,
                                               v1::ListRegionsResponse* resp) {
  return rpc_.Run(ctx, "ListRegions", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RegionListRequest list, ReadListRegionsRequest(*req));
    const domain::RegionLevel level = list.level;
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    const std::string after = list.page.token ? list.page.token->last_id() : "";
    return storage::RunTransaction(pool_, call.deadline, "ListRegions", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto regions,
                               storage::ListRegions(tx, req->parent_code(), level, after, page_size + 1));
      const bool more = TrimToPage(regions, page_size);
      for (const auto& r : regions) RegionToProto(r, resp->add_regions());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kRegionsList, fingerprint);
        next.set_last_id(regions.back().code);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status DirectoryGrpcService::CreateCommission(grpc::ServerContext* ctx,
                                                    const v1::CreateCommissionRequest* req,
                                                    v1::Commission* resp) {
  return rpc_.Run(ctx, "CreateCommission", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::Commission commission, ReadCreateCommissionRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto created, services::CreateCommission(tx, commission));
                           CommissionToProto(created, static_cast<v1::Commission*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status DirectoryGrpcService::GetCommission(grpc::ServerContext* ctx, const v1::GetCommissionRequest* req,
                                                 v1::Commission* resp) {
  return rpc_.Run(ctx, "GetCommission", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetCommissionRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetCommission", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto found, services::GetCommission(tx, req->id()));
      CommissionToProto(found, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status DirectoryGrpcService::ListCommissions(grpc::ServerContext* ctx,
                                                   const v1::ListCommissionsRequest* req,
                                                   v1::ListCommissionsResponse* resp) {
  return rpc_.Run(ctx, "ListCommissions", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RegionFilteredPage list, ReadListCommissionsRequest(*req));
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    std::optional<storage::CommissionCursor> after;
    if (const auto& token = list.page.token) {
      after = storage::CommissionCursor{absl::StrCat(token->last_number()), token->last_id()};
    }
    const std::optional<domain::RegionCodeRange>& subtree = list.subtree;
    return storage::RunTransaction(pool_, call.deadline, "ListCommissions", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto commissions, storage::ListCommissions(tx, subtree, after, page_size + 1));
      const bool more = TrimToPage(commissions, page_size);
      for (const auto& c : commissions) CommissionToProto(c, resp->add_commissions());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kCommissionsList, fingerprint);
        next.set_last_id(commissions.back().name);
        int64_t code = 0;
        absl::SimpleAtoi(commissions.back().region_code, &code);
        next.set_last_number(code);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
