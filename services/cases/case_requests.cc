#include "services/cases/case_requests.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_proto.h"
#include "services/domain/case_masking.h"
#include "services/domain/case_state.h"
#include "services/domain/case_validation.h"
#include "services/domain/china_time.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kCasesList[] = "cases";
constexpr char kEventsList[] = "case_events";

absl::Status CheckIdAndEtag(const std::string& id, const std::string& etag) {
  domain::FieldViolations problems;
  if (id.empty()) problems.Add("id", "is required");
  if (etag.empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
  return problems.ToStatus();
}

}  // namespace

absl::Status CheckNewCase(absl::Time now, const NewCase& request) {
  domain::FieldViolations problems = request.translation_problems;
  if (request.commission_id.empty()) problems.Add("case.commission_id", "is required");
  if (!domain::InitialState(request.route_stage).ok()) {
    problems.Add("route_stage", "must be RECEIVED (not yet filed) or FILED");
  }
  domain::FieldViolations content;
  content.Merge("case", domain::ValidateCaseContent(request.content, domain::ChinaDay(now)));
  problems.AddUnreported(content);
  return problems.ToStatus();
}

absl::Status CheckCaseUpdate(const std::set<domain::CaseField>& fields) {
  if (fields.empty()) {
    return domain::InvalidField("update_mask", "name at least one field to update");
  }
  return absl::OkStatus();
}

absl::Status CheckWithdrawal(const std::string& reason) {
  if (auto problem = domain::TextProblem(reason, 1, 2000, /*multiline=*/true)) {
    return domain::InvalidField("reason", *problem);
  }
  return absl::OkStatus();
}

absl::StatusOr<NewCase> ReadCreateCaseRequest(const v1::CreateCaseRequest& req, absl::Time now) {
  NewCase request;
  request.commission_id = req.case_().commission_id();
  request.route_stage = static_cast<domain::RouteStage>(req.route_stage());
  request.content = ContentFromProto(req.case_(), &request.translation_problems);
  CAITIAO_RETURN_IF_ERROR(CheckNewCase(now, request));
  return request;
}

absl::Status ReadGetCaseRequest(const v1::GetCaseRequest& req, const domain::Principal& caller) {
  if (req.unmask_personal_data()) CAITIAO_RETURN_IF_ERROR(domain::CheckMayUnmask(caller));
  return absl::OkStatus();
}

absl::StatusOr<CaseListRequest> ReadListCasesRequest(const v1::ListCasesRequest& req, absl::Time now) {
  CaseListRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.filter, domain::ParseCaseFilter(req.filter()));
  r.filter.today = domain::ChinaDay(now);
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint(domain::CanonicalCaseFilter(r.filter));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kCasesList, r.page.fingerprint));
  if (r.page.token && !storage::LooksLikeUuid(r.page.token->last_id())) {
    return InvalidPageToken();
  }
  return r;
}

absl::StatusOr<CaseUpdateRequest> ReadUpdateCaseRequest(const v1::UpdateCaseRequest& req) {
  CaseUpdateRequest r;
  for (const auto& path : req.update_mask().paths()) {
    CAITIAO_ASSIGN_OR_RETURN(auto field, domain::CaseFieldFromPath(path));
    r.fields.insert(field);
  }
  CAITIAO_RETURN_IF_ERROR(CheckCaseUpdate(r.fields));
  domain::FieldViolations problems;
  r.patch = ContentFromProto(req.case_(), &problems);
  if (!r.fields.count(domain::CaseField::kApplicationDate)) problems = {};  // date not being changed
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return r;
}

absl::Status ReadWithdrawCaseRequest(const v1::WithdrawCaseRequest& req) { return CheckWithdrawal(req.reason()); }

absl::Status ReadFileCaseRequest(const v1::FileCaseRequest& req) { return CheckIdAndEtag(req.id(), req.etag()); }

absl::Status ReadRefuseAcceptanceRequest(const v1::RefuseAcceptanceRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckIdAndEtag(req.id(), req.etag()));
  if (auto p = domain::TextProblem(req.reason(), 1, 2000, /*multiline=*/true)) {
    return domain::InvalidField("reason", *p);
  }
  return absl::OkStatus();
}

absl::StatusOr<domain::ClosingManner> ReadCloseCaseRequest(const v1::CloseCaseRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckIdAndEtag(req.id(), req.etag()));
  const auto manner = static_cast<domain::ClosingManner>(req.manner());
  if (!domain::ClosingMannerFromName(domain::ClosingMannerName(manner))) {
    return domain::InvalidField("manner", "must be AWARD, TRIBUNAL_MEDIATION or TERMINATED");
  }
  if (auto p = domain::TextProblem(req.note(), 0, 2000, /*multiline=*/true)) return domain::InvalidField("note", *p);
  return manner;
}

absl::StatusOr<CaseEventsRequest> ReadListCaseEventsRequest(const v1::ListCaseEventsRequest& req) {
  if (req.case_id().empty()) return domain::InvalidField("case_id", "is required");
  CaseEventsRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  // The token is bound to the case it pages through.
  r.page.fingerprint = FilterFingerprint(req.case_id());
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kEventsList, r.page.fingerprint));
  r.after = r.page.token ? r.page.token->last_number() : 0;
  return r;
}

}  // namespace caitiao::services
