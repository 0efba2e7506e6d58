#include "services/review/review_service.h"

#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/proto_time.h"
#include "services/common/request_checks.h"
#include "services/docking/docking_proto.h"
#include "services/domain/case_update.h"
#include "services/domain/docking_types.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/review/review_work.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

absl::Time WhenOr(const CallContext& call, bool has, const google::protobuf::Timestamp& t, const char* field,
                  domain::FieldViolations* v) {
  const absl::Time when = has ? TimeFromProto(t) : call.now;
  if (when > call.now + kClockSkew) v->Add(field, "must not be in the future");
  return when;
}

void CheckParty(const v1::PartyRef& p, domain::FieldViolations* v) {
  if (!IsPartyRef(p)) v->Add("party", "must name a party: APPLICANT or RESPONDENT and a position from 0");
}

void ReviewToProto(const ReviewAnswer& a, v1::ArbitralReview* out) {
  const domain::ArbitralReview& r = a.review;
  out->set_id(r.id);
  out->set_case_id(r.case_id);
  out->set_agreement_id(r.agreement_id);
  ToProto(r.apply_time, out->mutable_apply_time());
  out->set_applied_by(r.applied_by);
  out->set_evidence_ref(r.evidence_ref);
  DeadlineToProto(r.review_due, r.review_policy, out->mutable_review_due());
  if (r.extended_due) DeadlineToProto(*r.extended_due, r.review_policy, out->mutable_extended_due());
  out->set_extension_reason(r.extension_reason);
  if (r.decide_time) ToProto(*r.decide_time, out->mutable_decide_time());
  out->set_document_made(r.document_made);
  out->set_refusal(static_cast<v1::ReviewRefusal>(r.refusal));
  out->set_refusal_note(r.refusal_note);
  out->set_document_number(r.document_number);
  for (const auto& s : r.receipts) {
    auto* p = out->add_receipts();
    p->set_item(s.item);
    p->set_refused(s.refused);
    ToProto(s.time, p->mutable_time());
    p->set_evidence_ref(s.evidence_ref);
    p->set_recorded_by(s.recorded_by);
  }
  out->set_case_state(static_cast<v1::CaseState>(a.c.state));
  out->set_case_etag(domain::EtagOf(a.c.version));
}

}  // namespace

grpc::Status ReviewGrpcService::ApplyForReview(grpc::ServerContext* ctx, const v1::ApplyForReviewRequest* req,
                                               v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, "ApplyForReview", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    const absl::Time applied = WhenOr(call, req->has_apply_time(), req->apply_time(), "apply_time", &v);
    CheckEvidenceRef(req->evidence_ref(), &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, services::ApplyForReview(tx, call, req->case_id(), req->etag(), applied,
                                                                     req->evidence_ref()));
      ReviewToProto(answer, static_cast<v1::ArbitralReview*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status ReviewGrpcService::GetReview(grpc::ServerContext* ctx, const v1::GetReviewRequest* req,
                                          v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, "GetReview", [&](const CallContext& call) -> absl::Status {
    if (req->case_id().empty()) return domain::InvalidField("case_id", "is required");
    return storage::RunTransaction(pool_, call.deadline, "GetReview", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, ReviewOf(tx, call, req->case_id()));
      ReviewToProto(answer, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status ReviewGrpcService::ExtendReview(grpc::ServerContext* ctx, const v1::ExtendReviewRequest* req,
                                             v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, "ExtendReview", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    if (auto p = domain::TextProblem(req->reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, services::ExtendReview(tx, call, req->case_id(), req->etag(), req->reason()));
      ReviewToProto(answer, static_cast<v1::ArbitralReview*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status ReviewGrpcService::MakeArbitralDocument(grpc::ServerContext* ctx,
                                                     const v1::MakeArbitralDocumentRequest* req,
                                                     v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, "MakeArbitralDocument", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, services::MakeArbitralDocument(tx, call, req->case_id(), req->etag()));
      ReviewToProto(answer, static_cast<v1::ArbitralReview*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status ReviewGrpcService::RefuseReview(grpc::ServerContext* ctx, const v1::RefuseReviewRequest* req,
                                             v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, "RefuseReview", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    domain::FieldViolations v;
    CheckCaseAndEtag(req->case_id(), req->etag(), &v);
    const auto refusal = static_cast<domain::ReviewRefusal>(req->refusal());
    if (refusal == domain::ReviewRefusal::kUnspecified ||
        !domain::ReviewRefusalFromName(domain::ReviewRefusalName(refusal))) {
      v.Add("refusal", "must be one of the Rules Art. 78 grounds");
    }
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, services::RefuseReview(tx, call, req->case_id(), req->etag(), refusal,
                                                                   req->note()));
      ReviewToProto(answer, static_cast<v1::ArbitralReview*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status ReviewGrpcService::RecordServiceReceipt(grpc::ServerContext* ctx,
                                                     const v1::RecordServiceReceiptRequest* req,
                                                     v1::ArbitralReview* resp) {
  return RunService(ctx, "RecordServiceReceipt", *req, req->has_receive_time(), req->receive_time(), "receive_time",
                    /*refused=*/false, resp);
}

grpc::Status ReviewGrpcService::RecordServiceRefusal(grpc::ServerContext* ctx,
                                                     const v1::RecordServiceRefusalRequest* req,
                                                     v1::ArbitralReview* resp) {
  return RunService(ctx, "RecordServiceRefusal", *req, req->has_refuse_time(), req->refuse_time(), "refuse_time",
                    /*refused=*/true, resp);
}

template <typename Request>
grpc::Status ReviewGrpcService::RunService(grpc::ServerContext* ctx, const char* method, const Request& req,
                                           bool has_time, const google::protobuf::Timestamp& time,
                                           const char* time_field, bool refused, v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, method, [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req.case_id());
    domain::FieldViolations v;
    CheckCaseAndEtag(req.case_id(), req.etag(), &v);
    CheckParty(req.party(), &v);
    const absl::Time when = WhenOr(call, has_time, time, time_field, &v);
    CheckEvidenceRef(req.evidence_ref(), &v);
    CAITIAO_RETURN_IF_ERROR(v.ToStatus());
    return RunIdempotent(pool_, call, req, req.request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto answer, RecordService(tx, call, req.case_id(), req.etag(),
                                                          static_cast<domain::PartySide>(req.party().side()),
                                                          req.party().position(), when, req.evidence_ref(), refused));
      ReviewToProto(answer, static_cast<v1::ArbitralReview*>(out));
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
