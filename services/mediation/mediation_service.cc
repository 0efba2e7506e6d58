#include "services/mediation/mediation_service.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_proto.h"
#include "services/common/idempotent.h"
#include "services/common/proto_time.h"
#include "services/common/request_checks.h"
#include "services/docking/docking_proto.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_types.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/mediation_proto.h"
#include "services/mediation/mediation_requests.h"
#include "services/mediation/mediation_work.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

// Answers with the agreement as it is now, with its performances.
absl::Status AnswerAgreement(storage::Tx& tx, const Changed<domain::Agreement>& changed, Message* out) {
  CAITIAO_ASSIGN_OR_RETURN(auto performances, PerformancesOf(tx, changed.value));
  AgreementToProto(changed.value, performances, changed.c, static_cast<v1::Agreement*>(out));
  return absl::OkStatus();
}

}  // namespace

grpc::Status MediationGrpcService::RecordSession(grpc::ServerContext* ctx, const v1::RecordSessionRequest* req,
                                                 v1::MediationSession* resp) {
  return rpc_.Run(ctx, "RecordSession", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const NewSession request, ReadRecordSessionRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto recorded, services::RecordSession(tx, call, request));
      auto* proto = static_cast<v1::MediationSession*>(out);
      SessionToProto(recorded.value, proto);
      proto->set_case_etag(domain::EtagOf(recorded.c.version));
      return absl::OkStatus();
    });
  });
}

grpc::Status MediationGrpcService::ListSessions(grpc::ServerContext* ctx, const v1::ListSessionsRequest* req,
                                                v1::ListSessionsResponse* resp) {
  return rpc_.Run(ctx, "ListSessions", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadListSessionsRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "ListSessions", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto sessions, SessionsOf(tx, call, req->case_id()));
      for (const auto& s : sessions) SessionToProto(s, resp->add_sessions());
      return absl::OkStatus();
    });
  });
}

grpc::Status MediationGrpcService::ExtendMediation(grpc::ServerContext* ctx, const v1::ExtendMediationRequest* req,
                                                   v1::MediationExtension* resp) {
  return rpc_.Run(ctx, "ExtendMediation", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const ExtensionRequest request, ReadExtendMediationRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto extended, services::ExtendMediation(tx, call, request));
      auto* proto = static_cast<v1::MediationExtension*>(out);
      const domain::MediationExtension& e = extended.value;
      proto->set_id(e.id);
      proto->set_case_id(e.case_id);
      ToProto(e.previous_due, proto->mutable_previous_due());
      domain::Deadline due;
      due.start = e.previous_due;
      due.due = e.due;
      due.rule = domain::DeadlineRule{domain::PeriodKind::kCalendarDays, e.days, true};
      due.calendar_versions = e.calendar_versions;
      due.provisional = e.provisional;
      DeadlineToProto(due, e.policy_source, proto->mutable_due());
      *proto->mutable_consents() = req->consents();
      proto->set_reason(e.reason);
      proto->set_recorded_by(e.recorded_by);
      ToProto(e.record_time, proto->mutable_record_time());
      proto->set_case_etag(domain::EtagOf(extended.c.version));
      return absl::OkStatus();
    });
  });
}

grpc::Status MediationGrpcService::DraftAgreement(grpc::ServerContext* ctx, const v1::DraftAgreementRequest* req,
                                                  v1::Agreement* resp) {
  return rpc_.Run(ctx, "DraftAgreement", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::AgreementDraft draft, ReadDraftAgreementRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto drafted, services::DraftAgreement(tx, call, req->case_id(), req->etag(), draft));
      return AnswerAgreement(tx, drafted, out);
    });
  });
}

grpc::Status MediationGrpcService::GetAgreement(grpc::ServerContext* ctx, const v1::GetAgreementRequest* req,
                                                v1::Agreement* resp) {
  return rpc_.Run(ctx, "GetAgreement", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetAgreementRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetAgreement", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto found, AgreementOf(tx, call, req->case_id(), req->agreement_id()));
      return AnswerAgreement(tx, found, resp);
    });
  });
}

grpc::Status MediationGrpcService::RecordSignature(grpc::ServerContext* ctx, const v1::RecordSignatureRequest* req,
                                                   v1::Agreement* resp) {
  return rpc_.Run(ctx, "RecordSignature", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::SignatureItem item, ReadRecordSignatureRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto signed_, services::RecordSignature(tx, call, req->case_id(), req->etag(),
                                                                       req->agreement_id(), item));
      return AnswerAgreement(tx, signed_, out);
    });
  });
}

grpc::Status MediationGrpcService::VoidAgreement(grpc::ServerContext* ctx, const v1::VoidAgreementRequest* req,
                                                 v1::Agreement* resp) {
  return rpc_.Run(ctx, "VoidAgreement", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_RETURN_IF_ERROR(ReadVoidAgreementRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto voided, services::VoidAgreement(tx, call, req->case_id(), req->etag(),
                                                                    req->agreement_id(), req->reason()));
      return AnswerAgreement(tx, voided, out);
    });
  });
}

grpc::Status MediationGrpcService::RecordPerformance(grpc::ServerContext* ctx,
                                                     const v1::RecordPerformanceRequest* req, v1::Agreement* resp) {
  return rpc_.Run(ctx, "RecordPerformance", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::Performance p, ReadRecordPerformanceRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto performed, services::RecordPerformance(tx, call, req->case_id(), req->etag(),
                                                                           req->agreement_id(), p));
      return AnswerAgreement(tx, performed, out);
    });
  });
}

grpc::Status MediationGrpcService::TerminateMediation(grpc::ServerContext* ctx,
                                                      const v1::TerminateMediationRequest* req, v1::Case* resp) {
  return rpc_.Run(ctx, "TerminateMediation", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::MediationFailure reason, ReadTerminateMediationRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto returned, services::TerminateMediation(tx, call, req->case_id(), req->etag(),
                                                                           reason, req->note()));
      MaskedCaseToProto(std::move(returned), static_cast<v1::Case*>(out));
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
