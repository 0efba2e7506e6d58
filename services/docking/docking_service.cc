#include "services/docking/docking_service.h"

#include "services/common/idempotent.h"
#include "services/common/proto_time.h"
#include "services/docking/consents.h"
#include "services/docking/delegations.h"
#include "services/docking/docking_proto.h"
#include "services/docking/eligibility_assessments.h"
#include "services/domain/case_update.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

domain::StaffDetermination DeterminationFrom(const v1::Determination& d) { return {d.passed(), d.explanation()}; }

absl::Status RequireCaseId(const std::string& id) {
  if (id.empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

}  // namespace

grpc::Status DockingGrpcService::RecordConsent(grpc::ServerContext* ctx, const v1::RecordConsentRequest* req,
                                               v1::ConsentRecord* resp) {
  return rpc_.Run(ctx, "RecordConsent", [&](const CallContext& call) -> absl::Status {
    NewConsent consent;
    consent.case_id = req->case_id();
    consent.side = static_cast<domain::PartySide>(req->party().side());
    consent.position = req->party().position();
    consent.form = static_cast<domain::ConsentForm>(req->form());
    consent.evidence_ref = req->evidence_ref();
    if (req->has_give_time()) consent.given = TimeFromProto(req->give_time());
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_RETURN_IF_ERROR(CheckNewConsent(call, consent));
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
    std::optional<absl::Time> when;
    if (req->has_withdraw_time()) when = TimeFromProto(req->withdraw_time());
    CAITIAO_RETURN_IF_ERROR(CheckConsentWithdrawal(call, req->consent_id(), req->reason(), when));
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
    CAITIAO_RETURN_IF_ERROR(RequireCaseId(req->case_id()));
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
    StaffAssessment staff;
    staff.case_id = req->case_id();
    staff.etag = req->etag();
    staff.within_scope = DeterminationFrom(req->within_arbitration_scope());
    staff.acceptance_dispute_type = DeterminationFrom(req->acceptance_dispute_type());
    staff.acceptance_clear_claim = DeterminationFrom(req->acceptance_clear_claim());
    staff.acceptance_parties = DeterminationFrom(req->acceptance_parties());
    staff.acceptance_jurisdiction = DeterminationFrom(req->acceptance_jurisdiction());
    staff.suitable_for_mediation = DeterminationFrom(req->suitable_for_mediation());
    staff.respondent_contests_labor_relationship = req->respondent_contests_labor_relationship();
    staff.contest_cleared_reason = req->contest_cleared_reason();
    staff.contest_cleared_evidence_ref = req->contest_cleared_evidence_ref();
    domain::FieldViolations problems;
    if (req->case_id().empty()) problems.Add("case_id", "is required");
    if (req->etag().empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
    if (req->has_infringement_date()) {
      staff.infringement_date = DayFromProto(req->infringement_date(), true, "infringement_date", &problems);
    }
    for (const auto& [field, d] : {std::pair{"within_arbitration_scope", &staff.within_scope},
                                   std::pair{"acceptance_dispute_type", &staff.acceptance_dispute_type},
                                   std::pair{"acceptance_clear_claim", &staff.acceptance_clear_claim},
                                   std::pair{"acceptance_parties", &staff.acceptance_parties},
                                   std::pair{"acceptance_jurisdiction", &staff.acceptance_jurisdiction},
                                   std::pair{"suitable_for_mediation", &staff.suitable_for_mediation}}) {
      if (auto p = domain::TextProblem(d->explanation, 0, 2000, /*multiline=*/true)) {
        problems.Add(absl::StrCat(field, ".explanation"), *p);
      }
    }
    CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
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
    CAITIAO_RETURN_IF_ERROR(RequireCaseId(req->case_id()));
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
    CAITIAO_RETURN_IF_ERROR(RequireCaseId(req->case_id()));
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
    DelegationRequest request;
    request.case_id = req->case_id();
    request.etag = req->etag();
    request.room_id = req->room_id();
    request.route = static_cast<domain::DelegationRoute>(req->route());
    request.reason = req->reason();
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_RETURN_IF_ERROR(CheckDelegationRequest(request));
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
    CAITIAO_RETURN_IF_ERROR(RequireCaseId(req->case_id()));
    return storage::RunTransaction(pool_, call.deadline, "ListDelegations", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto delegations, DelegationsOf(tx, call, req->case_id()));
      for (const auto& d : delegations) DelegationToProto(d, resp->add_delegations());
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
