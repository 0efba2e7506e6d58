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
#include "services/mediation/mediation_work.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr int kMaxAgents = 20;

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
    NewSession request;
    request.case_id = req->case_id();
    request.etag = req->etag();
    domain::MediationSession& s = request.session;
    s.held = req->has_held_time() ? TimeFromProto(req->held_time()) : call.now;
    s.online = req->online();
    s.place = req->place();
    s.summary = req->summary();
    domain::FieldViolations v;
    for (int i = 0; i < req->parties_size(); ++i) {
      const auto& p = req->parties(i);
      if (!IsPartyRef(p)) {
        v.Add(absl::StrCat("parties[", i, "]"), "must name a party: APPLICANT or RESPONDENT and a position from 0");
        continue;
      }
      s.attendees.push_back(domain::PartyLabel(static_cast<domain::PartySide>(p.side()), p.position()));
    }
    if (req->mediator_present()) s.attendees.push_back("MEDIATOR");
    if (req->agent_names_size() > kMaxAgents) v.Add("agent_names", "at most 20 agents");
    for (int i = 0; i < req->agent_names_size() && i < kMaxAgents; ++i) {
      if (auto p = domain::TextProblem(req->agent_names(i), 1, 50)) {
        v.Add(absl::StrCat("agent_names[", i, "]"), *p);
      } else {
        s.attendees.push_back(absl::StrCat("AGENT:", req->agent_names(i)));
      }
    }
    if (absl::Status problems = CheckNewSession(call, request); !problems.ok()) {
      for (const auto& f : domain::FieldsOf(problems)) v.Add(f.field, f.description);
    }
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
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
    if (req->case_id().empty()) return domain::InvalidField("case_id", "is required");
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    if (req->days() < 1) v.Add("days", "must be at least 1 calendar day");
    ExtensionRequest request{req->case_id(), req->etag(), req->days(), {}, req->reason()};
    for (int i = 0; i < req->consents_size(); ++i) {
      const auto& consent = req->consents(i);
      const std::string at = absl::StrCat("consents[", i, "]");
      if (!IsPartyRef(consent.party())) {
        v.Add(at + ".party", "must name a party: APPLICANT or RESPONDENT and a position from 0");
        continue;
      }
      if (auto p = domain::TextProblem(consent.evidence_ref(), 1, 200)) v.Add(at + ".evidence_ref", *p);
      request.consents.emplace_back(
          domain::PartyLabel(static_cast<domain::PartySide>(consent.party().side()), consent.party().position()),
          consent.evidence_ref());
    }
    if (auto p = domain::TextProblem(req->reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    const domain::AgreementDraft draft = DraftFromProto(*req, &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto drafted, services::DraftAgreement(tx, call, req->case_id(), req->etag(), draft));
      return AnswerAgreement(tx, drafted, out);
    });
  });
}

grpc::Status MediationGrpcService::GetAgreement(grpc::ServerContext* ctx, const v1::GetAgreementRequest* req,
                                                v1::Agreement* resp) {
  return rpc_.Run(ctx, "GetAgreement", [&](const CallContext& call) -> absl::Status {
    if (req->case_id().empty()) return domain::InvalidField("case_id", "is required");
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    if (req->agreement_id().empty()) v.Add("agreement_id", "is required");
    if (req->item().empty()) v.Add("item", "is required: APPLICANT/<n>, RESPONDENT/<n>, MEDIATOR or ROOM_SEAL");
    if (req->form() < v1::SIGNATURE_FORM_SIGNATURE || req->form() > v1::SIGNATURE_FORM_ELECTRONIC) {
      v.Add("form", "must be SIGNATURE, SEAL, FINGERPRINT or ELECTRONIC");
    }
    domain::SignatureItem item;
    item.item = req->item();
    item.form = static_cast<domain::SignatureForm>(req->form());
    item.signed_time = req->has_sign_time() ? TimeFromProto(req->sign_time()) : call.now;
    if (item.signed_time > call.now + kClockSkew) v.Add("sign_time", "must not be in the future");
    item.evidence_ref = req->evidence_ref();
    CheckEvidenceRef(item.evidence_ref, &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    if (req->agreement_id().empty()) v.Add("agreement_id", "is required");
    if (auto p = domain::TextProblem(req->reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    if (req->agreement_id().empty()) v.Add("agreement_id", "is required");
    if (req->obligation() < 0) v.Add("obligation", "must be an obligation's position (from 0)");
    if (req->amount_fen() < 0) v.Add("amount_fen", "must not be negative");
    domain::Performance p;
    p.obligation = req->obligation();
    p.amount_fen = req->amount_fen();
    p.act_done = req->act_done();
    const absl::CivilDay today = domain::ChinaDay(call.now);
    p.performed_on = req->has_performed_on() ? DayFromProto(req->performed_on(), true, "performed_on", &v) : today;
    if (p.performed_on > today) v.Add("performed_on", "must not be in the future");
    p.evidence_ref = req->evidence_ref();
    CheckEvidenceRef(p.evidence_ref, &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
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
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    const auto reason = static_cast<domain::MediationFailure>(req->reason());
    if (!domain::MediationFailureFromName(domain::MediationFailureName(reason))) {
      v.Add("reason", "must be PERIOD_EXPIRED, PARTY_REFUSED, ROOM_TERMINATED or NOT_PERFORMED");
    }
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto returned, services::TerminateMediation(tx, call, req->case_id(), req->etag(),
                                                                           reason, req->note()));
      MaskedCaseToProto(std::move(returned), static_cast<v1::Case*>(out));
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
