// caitiao.v1.PolicyService over gRPC's synchronous API: the deadline policy
// per region and the holiday calendars per year (use cases in policy_admin.h).
#pragma once

#include "caitiao/v1/policy.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class PolicyGrpcService final : public caitiao::v1::PolicyService::Service {
 public:
  PolicyGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_("caitiao.v1.PolicyService", authenticator, audit) {}

  grpc::Status SetDeadlinePolicy(grpc::ServerContext* ctx, const caitiao::v1::SetDeadlinePolicyRequest* req,
                                 caitiao::v1::SetDeadlinePolicyResponse* resp) override;
  grpc::Status ListDeadlinePolicies(grpc::ServerContext* ctx, const caitiao::v1::ListDeadlinePoliciesRequest* req,
                                    caitiao::v1::ListDeadlinePoliciesResponse* resp) override;
  grpc::Status GetEffectiveDeadlinePolicy(grpc::ServerContext* ctx,
                                          const caitiao::v1::GetEffectiveDeadlinePolicyRequest* req,
                                          caitiao::v1::GetEffectiveDeadlinePolicyResponse* resp) override;
  grpc::Status LoadHolidayCalendar(grpc::ServerContext* ctx, const caitiao::v1::LoadHolidayCalendarRequest* req,
                                   caitiao::v1::LoadHolidayCalendarResponse* resp) override;
  grpc::Status ListHolidayCalendars(grpc::ServerContext* ctx, const caitiao::v1::ListHolidayCalendarsRequest* req,
                                    caitiao::v1::ListHolidayCalendarsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
