#include "services/reporting/reporting_requests.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/proto_time.h"
#include "services/domain/docking_report.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_period.h"
#include "services/subsidy/subsidy_proto.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kExportList[] = "case_export";
constexpr char kChangesList[] = "changes";

absl::StatusOr<ChangeCursor> FeedCursorFrom(const std::string& after, const domain::Principal& p) {
  CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(after, kChangesList, ChangesScopeFingerprint(p), "after"));
  if (!token) return ChangeCursor{};
  uint64_t xact = 0;
  if (!absl::SimpleAtoi(token->last_id(), &xact) || token->last_number() < 0) return InvalidPageToken("after");
  return ChangeCursor{xact, token->last_number()};
}

// Violations go to `v` under the request's field names.
template <typename Request>
ReportDays DaysOf(const Request& req, absl::CivilDay today, domain::FieldViolations& v) {
  ReportDays d;
  const bool dates = req.has_from() || req.has_to();
  if (req.has_period()) {
    if (dates) v.Add("period", "give a period or from and to, not both");
    const domain::Period p = PeriodFromProto(req.period());
    if (auto problem = domain::PeriodProblem(p)) {
      v.Add("period", *problem);
      return {today, today};
    }
    return {domain::PeriodFirstDay(p), domain::PeriodLastDay(p)};
  }
  if (dates) {
    d.first = DayFromProto(req.from(), req.has_from(), "from", &v);
    d.last = DayFromProto(req.to(), req.has_to(), "to", &v);
    if (!v.Has("from") && !v.Has("to") && d.first > d.last) v.Add("from", "must not be after to");
    return d;
  }
  return {domain::PeriodFirstDay(domain::PeriodContaining(today, domain::SpanKind::kHalfYear)), today};
}

}  // namespace

void CheckDockingReportRequest(const v1::GetDockingReportRequest& req, domain::FieldViolations& v) {
  if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
  for (const auto& [field, id] : {std::pair{"commission_id", &req.commission_id()}, std::pair{"room_id", &req.room_id()},
                                  std::pair{"mediator_id", &req.mediator_id()}}) {
    if (!id->empty() && !storage::LooksLikeUuid(*id)) v.Add(field, "must be an id (a UUID) or empty");
  }
  if (!v1::ReportDimension_IsValid(req.breakdown())) {
    v.Add("breakdown", "must be REGION, COMMISSION, ROOM, MEDIATOR or unspecified");
  } else {
    const domain::ReportCut cut{req.region_code(), req.commission_id(), req.room_id(), req.mediator_id()};
    const absl::Status s = domain::CheckBreakdown(cut, static_cast<domain::ReportDimension>(req.breakdown()));
    if (!s.ok()) v.Add("breakdown", std::string(s.message()));
  }
}

absl::StatusOr<domain::CaseFilter> ReportFilter(const std::string& text) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, domain::ParseCaseFilter(text));
  if (filter.party_resident_id_number) {
    return domain::WithReason(absl::PermissionDeniedError("reports cannot filter by a person's identity number"),
                              domain::reasons::kFilterNotAllowed);
  }
  return filter;
}

// Cursors belong to the scope they were made under: a reporting job cannot
// resume from another's (it would learn nothing, but it is a mistake).
uint64_t ChangesScopeFingerprint(const domain::Principal& p) {
  return FilterFingerprint(absl::StrCat(domain::RoleName(p.role), "|", absl::StrJoin(p.scope.region_codes, ","), "|",
                                        absl::StrJoin(p.scope.commission_ids, ","), "|", p.scope.room_id));
}

absl::StatusOr<ReportDays> ReadGetDockingReportRequest(const v1::GetDockingReportRequest& req, absl::Time now) {
  domain::FieldViolations v;
  CheckDockingReportRequest(req, v);
  const ReportDays days = DaysOf(req, domain::ChinaDay(now), v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return days;
}

absl::StatusOr<ReportDays> ReadGetMediationShareRequest(const v1::GetMediationShareRequest& req, absl::Time now) {
  domain::FieldViolations v;
  if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
  const ReportDays days = DaysOf(req, domain::ChinaDay(now), v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return days;
}

absl::StatusOr<RoomReviewRequest> ReadReviewRoomsRequest(const v1::ReviewRoomsRequest& req, absl::Time now) {
  domain::FieldViolations v;
  if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
  const absl::CivilDay today = domain::ChinaDay(now);
  RoomReviewRequest r;
  r.days = DaysOf(req, today, v);
  domain::ReviewThresholds& thresholds = r.thresholds;
  if (req.min_success_rate_percent() != 0) thresholds.min_success_rate_percent = req.min_success_rate_percent();
  if (req.min_outcomes() != 0) thresholds.min_outcomes = req.min_outcomes();
  if (thresholds.min_success_rate_percent < 1 || thresholds.min_success_rate_percent > 100) {
    v.Add("min_success_rate_percent", "must be 1..100 (0: the default 50)");
  }
  if (thresholds.min_outcomes < 1 || thresholds.min_outcomes > 1000) {
    v.Add("min_outcomes", "must be 1..1000 (0: the default 3)");
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return r;
}

absl::StatusOr<ChangesRequest> ReadListChangesRequest(const v1::ListChangesRequest& req,
                                                      const domain::Principal& caller) {
  ChangesRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.page_size, EffectivePageSize(req.page_size()));
  CAITIAO_ASSIGN_OR_RETURN(r.after, FeedCursorFrom(req.after(), caller));
  return r;
}

absl::StatusOr<ChangeCursor> ReadWatchChangesRequest(const v1::WatchChangesRequest& req,
                                                     const domain::Principal& caller) {
  return FeedCursorFrom(req.after(), caller);
}

absl::StatusOr<domain::CaseFilter> ReadSummarizeCasesRequest(const v1::SummarizeCasesRequest& req, absl::Time now) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, ReportFilter(req.filter()));
  filter.today = domain::ChinaDay(now);
  return filter;
}

absl::StatusOr<ExportRequest> ReadExportCasesRequest(const v1::ExportCasesRequest& req, absl::Time now) {
  ExportRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.filter, ReportFilter(req.filter()));
  r.filter.today = domain::ChinaDay(now);
  r.page.fingerprint = FilterFingerprint(domain::CanonicalCaseFilter(r.filter));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token,
                           DecodePageToken(req.resume_token(), kExportList, r.page.fingerprint, "resume_token"));
  if (r.page.token && !storage::LooksLikeUuid(r.page.token->last_id())) return InvalidPageToken("resume_token");
  return r;
}

}  // namespace caitiao::services
