// The requests of caitiao.v1.CoverageService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID, REGION_LIST_INVALID).
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/coverage.pb.h"
#include "services/domain/coverage.h"
#include "services/domain/region_list.h"

namespace caitiao::services {

// Parses a list from a request. INVALID_ARGUMENT, field "csv_text": empty or
// over 2,000,000 bytes (FIELD_INVALID), or a bad line (REGION_LIST_INVALID,
// the message "line N: ...").
absl::StatusOr<std::vector<domain::RegionListEntry>> CheckRegionListText(const std::string& text);

// `status` with its message as the violation at csv_text.
absl::Status AsCsvTextProblem(const absl::Status& status);

absl::StatusOr<std::vector<domain::RegionListEntry>> ReadLoadRegionsRequest(const caitiao::v1::LoadRegionsRequest& req);
// MarkPilot and UnmarkPilot: the entry to set.
absl::StatusOr<domain::PilotEntry> ReadMarkPilotRequest(const caitiao::v1::MarkPilotRequest& req);
absl::StatusOr<domain::PilotEntry> ReadUnmarkPilotRequest(const caitiao::v1::UnmarkPilotRequest& req);
absl::StatusOr<domain::CoverageTarget> ReadSetCoverageTargetRequest(const caitiao::v1::SetCoverageTargetRequest& req);
// GetCoverage: the day asked about (the China day of `now` unless the request says).
absl::StatusOr<absl::CivilDay> ReadGetCoverageRequest(const caitiao::v1::GetCoverageRequest& req, absl::Time now);

}  // namespace caitiao::services
