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
#include "services/review/review_requests.h"
#include "services/review/review_work.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

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
    CAITIAO_ASSIGN_OR_RETURN(const absl::Time applied, ReadApplyForReviewRequest(*req, call.now));
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
    CAITIAO_RETURN_IF_ERROR(ReadGetReviewRequest(*req));
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
    CAITIAO_RETURN_IF_ERROR(ReadExtendReviewRequest(*req));
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
    CAITIAO_RETURN_IF_ERROR(ReadMakeArbitralDocumentRequest(*req));
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
    CAITIAO_ASSIGN_OR_RETURN(const domain::ReviewRefusal refusal, ReadRefuseReviewRequest(*req));
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
  return RunService(ctx, "RecordServiceReceipt", *req, ReadRecordServiceReceiptRequest, /*refused=*/false, resp);
}

grpc::Status ReviewGrpcService::RecordServiceRefusal(grpc::ServerContext* ctx,
                                                     const v1::RecordServiceRefusalRequest* req,
                                                     v1::ArbitralReview* resp) {
  return RunService(ctx, "RecordServiceRefusal", *req, ReadRecordServiceRefusalRequest, /*refused=*/true, resp);
}

template <typename Request>
grpc::Status ReviewGrpcService::RunService(grpc::ServerContext* ctx, const char* method, const Request& req,
                                           absl::StatusOr<absl::Time> (*read)(const Request&, absl::Time),
                                           bool refused, v1::ArbitralReview* resp) {
  return rpc_.Run(ctx, method, [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req.case_id());
    CAITIAO_ASSIGN_OR_RETURN(const absl::Time when, read(req, call.now));
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
