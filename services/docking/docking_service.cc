#include "services/docking/docking_service.h"

#include "services/common/idempotent.h"
#include "services/common/proto_time.h"
#include "services/docking/consents.h"
#include "services/docking/delegations.h"
#include "services/docking/docking_proto.h"
#include "services/docking/docking_requests.h"
#include "services/docking/eligibility_assessments.h"
#include "services/domain/case_update.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;


}  // namespace

grpc::Status DockingGrpcService::RecordConsent(grpc::ServerContext* ctx, const v1::RecordConsentRequest* req,
                                               v1::ConsentRecord* resp) {
  return rpc_.Run(ctx, "RecordConsent", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const NewConsent consent, ReadRecordConsentRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto recorded, services::RecordConsent(tx, call, consent));
      ConsentToProto(recorded, static_cast<v1::ConsentRecord*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::WithdrawConsent(grpc::ServerContext* ctx, const v1::WithdrawConsentRequest* req,
                                                 v1::ConsentRecord* resp) {
  return rpc_.Run(ctx, "WithdrawConsent", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const std::optional<absl::Time> when, ReadWithdrawConsentRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto withdrawn,
                               services::WithdrawConsent(tx, call, req->consent_id(), req->reason(), when));
      ConsentToProto(withdrawn, static_cast<v1::ConsentRecord*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::ListConsents(grpc::ServerContext* ctx, const v1::ListConsentsRequest* req,
                                              v1::ListConsentsResponse* resp) {
  return rpc_.Run(ctx, "ListConsents", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadListConsentsRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "ListConsents", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto consents, services::ListConsents(tx, call, req->case_id()));
      for (const auto& c : consents) ConsentToProto(c, resp->add_consents());
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::AssessEligibility(grpc::ServerContext* ctx,
                                                   const v1::AssessEligibilityRequest* req,
                                                   v1::EligibilityAssessment* resp) {
  return rpc_.Run(ctx, "AssessEligibility", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const StaffAssessment staff, ReadAssessEligibilityRequest(*req));
    call.resource = absl::StrCat("cases/", req->case_id());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto assessment, AssessCase(tx, call, staff));
      AssessmentToProto(assessment, static_cast<v1::EligibilityAssessment*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::GetEligibility(grpc::ServerContext* ctx, const v1::GetEligibilityRequest* req,
                                                v1::EligibilityAssessment* resp) {
  return rpc_.Run(ctx, "GetEligibility", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetEligibilityRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetEligibility", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto assessment, LatestAssessmentOf(tx, call, req->case_id()));
      AssessmentToProto(assessment, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::ProposeRooms(grpc::ServerContext* ctx, const v1::ProposeRoomsRequest* req,
                                              v1::ProposeRoomsResponse* resp) {
  return rpc_.Run(ctx, "ProposeRooms", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadProposeRoomsRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "ProposeRooms", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto ranked, services::ProposeRooms(tx, call, req->case_id()));
      for (const auto& c : ranked) ProposalToProto(c, resp->add_proposals());
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::DelegateCase(grpc::ServerContext* ctx, const v1::DelegateCaseRequest* req,
                                              v1::Delegation* resp) {
  return rpc_.Run(ctx, "DelegateCase", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const DelegationRequest request, ReadDelegateCaseRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto delegated, services::DelegateCase(tx, call, request));
      auto* proto = static_cast<v1::Delegation*>(out);
      DelegationToProto(delegated.first, proto);
      proto->set_case_etag(domain::EtagOf(delegated.second));
      return absl::OkStatus();
    });
  });
}

grpc::Status DockingGrpcService::ListDelegations(grpc::ServerContext* ctx, const v1::ListDelegationsRequest* req,
                                                 v1::ListDelegationsResponse* resp) {
  return rpc_.Run(ctx, "ListDelegations", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadListDelegationsRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "ListDelegations", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto delegations, DelegationsOf(tx, call, req->case_id()));
      for (const auto& d : delegations) DelegationToProto(d, resp->add_delegations());
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
