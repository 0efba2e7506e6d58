// The requests of caitiao.v1.CaseService read without a database: each RPC's
// Read function translates its request into domain terms and makes every
// check that needs no stored fact (fields, masks, page tokens, the caller's
// own rights). The handlers call them before a transaction opens, and
// tests/fuzz/request_fuzzer.cc runs them on arbitrary messages. Refusals are
// INVALID_ARGUMENT (FIELD_INVALID, FILTER_INVALID, PAGE_TOKEN_INVALID) unless
// a function says otherwise.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "caitiao/v1/case_service.pb.h"
#include "services/common/paging.h"
#include "services/domain/case_filter.h"
#include "services/domain/case_types.h"
#include "services/domain/case_update.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/principal.h"

namespace caitiao::services {

struct NewCase {
  std::string commission_id;
  domain::RouteStage route_stage = domain::RouteStage::kUnspecified;
  domain::CaseContent content;
  // Problems found while translating the request (e.g. an impossible date);
  // reported together with the domain's own findings.
  domain::FieldViolations translation_problems;
};

// The checks that need no database, run before a transaction opens: every
// field. INVALID_ARGUMENT. (Roles are checked by the permission table.)
absl::Status CheckNewCase(absl::Time now, const NewCase& request);

// Reason check of WithdrawCase, before a transaction opens.
absl::Status CheckWithdrawal(const std::string& reason);

// Mask check of UpdateCase, before a transaction opens.
absl::Status CheckCaseUpdate(const std::set<domain::CaseField>& fields);

// CreateCase: the new case, checked (CheckNewCase).
absl::StatusOr<NewCase> ReadCreateCaseRequest(const caitiao::v1::CreateCaseRequest& req, absl::Time now);

// GetCase: an unmasked read must be allowed to `caller` (PERMISSION_DENIED,
// UNMASK_NOT_ALLOWED). The id is checked with the case.
absl::Status ReadGetCaseRequest(const caitiao::v1::GetCaseRequest& req, const domain::Principal& caller);

// ListCases: the parsed filter (today = the China day of `now`) and the page.
struct CaseListRequest {
  domain::CaseFilter filter;
  PageRequest page;
};
absl::StatusOr<CaseListRequest> ReadListCasesRequest(const caitiao::v1::ListCasesRequest& req, absl::Time now);

// UpdateCase: the fields of the mask and the patch they are taken from.
struct CaseUpdateRequest {
  std::set<domain::CaseField> fields;
  domain::CaseContent patch;
};
absl::StatusOr<CaseUpdateRequest> ReadUpdateCaseRequest(const caitiao::v1::UpdateCaseRequest& req);

absl::Status ReadWithdrawCaseRequest(const caitiao::v1::WithdrawCaseRequest& req);
absl::Status ReadFileCaseRequest(const caitiao::v1::FileCaseRequest& req);
absl::Status ReadRefuseAcceptanceRequest(const caitiao::v1::RefuseAcceptanceRequest& req);
// CloseCase: the manner of closing.
absl::StatusOr<domain::ClosingManner> ReadCloseCaseRequest(const caitiao::v1::CloseCaseRequest& req);
// ListCaseEvents: the page (its token bound to the case); `after` is the
// last event number seen (0 for the first page).
struct CaseEventsRequest {
  PageRequest page;
  int64_t after = 0;
};
absl::StatusOr<CaseEventsRequest> ReadListCaseEventsRequest(const caitiao::v1::ListCaseEventsRequest& req);

}  // namespace caitiao::services
