// The requests of caitiao.v1.ReportingService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID, FILTER_INVALID, PAGE_TOKEN_INVALID), and
// PERMISSION_DENIED (FILTER_NOT_ALLOWED) for a report filter naming a person.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/reporting.pb.h"
#include "services/common/paging.h"
#include "services/domain/case_filter.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/principal.h"
#include "services/domain/report_figures.h"

namespace caitiao::services {

// Checks the GetDockingReport request's fields other than the period (violations in `v`).
void CheckDockingReportRequest(const caitiao::v1::GetDockingReportRequest& req, domain::FieldViolations& v);

// A report's days: `period`, or from..to, or the current half-year so far.
struct ReportDays {
  absl::CivilDay first, last;
  absl::Time from() const { return absl::FromCivil(first, domain::ChinaTimeZone()); }
  absl::Time to() const { return absl::FromCivil(last + 1, domain::ChinaTimeZone()); }
};

// Reports count and export; they never look a person up.
absl::StatusOr<domain::CaseFilter> ReportFilter(const std::string& text);

// The fingerprint change-feed cursors are bound to: the caller's role and scope.
uint64_t ChangesScopeFingerprint(const domain::Principal& p);

// A position in the change feed.
struct ChangeCursor {
  uint64_t xact = 0;
  int64_t sequence = 0;
};

absl::StatusOr<ReportDays> ReadGetDockingReportRequest(const caitiao::v1::GetDockingReportRequest& req,
                                                       absl::Time now);
absl::StatusOr<ReportDays> ReadGetMediationShareRequest(const caitiao::v1::GetMediationShareRequest& req,
                                                        absl::Time now);
struct RoomReviewRequest {
  ReportDays days;
  domain::ReviewThresholds thresholds;
};
absl::StatusOr<RoomReviewRequest> ReadReviewRoomsRequest(const caitiao::v1::ReviewRoomsRequest& req, absl::Time now);
// ListChanges: the page size and where to resume (the start for no cursor).
struct ChangesRequest {
  int page_size = kDefaultPageSize;
  ChangeCursor after;
};
absl::StatusOr<ChangesRequest> ReadListChangesRequest(const caitiao::v1::ListChangesRequest& req,
                                                      const domain::Principal& caller);
absl::StatusOr<ChangeCursor> ReadWatchChangesRequest(const caitiao::v1::WatchChangesRequest& req,
                                                     const domain::Principal& caller);
// SummarizeCases: the filter (today = the China day of `now`).
absl::StatusOr<domain::CaseFilter> ReadSummarizeCasesRequest(const caitiao::v1::SummarizeCasesRequest& req,
                                                             absl::Time now);
// ExportCases: the filter and where to resume (a token's cursor id is checked).
struct ExportRequest {
  domain::CaseFilter filter;
  PageRequest page;
};
absl::StatusOr<ExportRequest> ReadExportCasesRequest(const caitiao::v1::ExportCasesRequest& req, absl::Time now);

}  // namespace caitiao::services
