#include "services/review/review_requests.h"

#include "services/common/proto_time.h"
#include "services/common/request_checks.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

absl::Time WhenOr(absl::Time now, bool has, const google::protobuf::Timestamp& t, const char* field,
                  domain::FieldViolations* v) {
  const absl::Time when = has ? TimeFromProto(t) : now;
  if (when > now + kClockSkew) v->Add(field, "must not be in the future");
  return when;
}

void CheckParty(const v1::PartyRef& p, domain::FieldViolations* v) {
  if (!IsPartyRef(p)) v->Add("party", "must name a party: APPLICANT or RESPONDENT and a position from 0");
}

// A party's receipt or refusal of service: the two differ in the time field.
template <typename Request>
absl::StatusOr<absl::Time> ServiceTime(const Request& req, absl::Time now, bool has_time,
                                       const google::protobuf::Timestamp& time, const char* time_field) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  CheckParty(req.party(), &v);
  const absl::Time when = WhenOr(now, has_time, time, time_field, &v);
  CheckEvidenceRef(req.evidence_ref(), &v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return when;
}

}  // namespace

absl::StatusOr<absl::Time> ReadApplyForReviewRequest(const v1::ApplyForReviewRequest& req, absl::Time now) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  const absl::Time applied = WhenOr(now, req.has_apply_time(), req.apply_time(), "apply_time", &v);
  CheckEvidenceRef(req.evidence_ref(), &v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return applied;
}

absl::Status ReadGetReviewRequest(const v1::GetReviewRequest& req) {
  if (req.case_id().empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

absl::Status ReadExtendReviewRequest(const v1::ExtendReviewRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  if (auto p = domain::TextProblem(req.reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
  return v.ToStatus();
}

absl::Status ReadMakeArbitralDocumentRequest(const v1::MakeArbitralDocumentRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  return v.ToStatus();
}

absl::StatusOr<domain::ReviewRefusal> ReadRefuseReviewRequest(const v1::RefuseReviewRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  const auto refusal = static_cast<domain::ReviewRefusal>(req.refusal());
  if (refusal == domain::ReviewRefusal::kUnspecified ||
      !domain::ReviewRefusalFromName(domain::ReviewRefusalName(refusal))) {
    v.Add("refusal", "must be one of the Rules Art. 78 grounds");
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return refusal;
}

absl::StatusOr<absl::Time> ReadRecordServiceReceiptRequest(const v1::RecordServiceReceiptRequest& req,
                                                           absl::Time now) {
  return ServiceTime(req, now, req.has_receive_time(), req.receive_time(), "receive_time");
}

absl::StatusOr<absl::Time> ReadRecordServiceRefusalRequest(const v1::RecordServiceRefusalRequest& req,
                                                           absl::Time now) {
  return ServiceTime(req, now, req.has_refuse_time(), req.refuse_time(), "refuse_time");
}

}  // namespace caitiao::services
