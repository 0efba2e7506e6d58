// The docking report's work: check the cut, read the rollups, the subsidy
// ledger and today's open cases, let the domain work out the figures, and
// name the groups (natural persons' names masked).
#pragma once

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "caitiao/v1/reporting.pb.h"
#include "services/common/call_context.h"
#include "services/domain/errors.h"
#include "services/reporting/reporting_requests.h"
#include "storage/transaction.h"

namespace caitiao::services {


// Fills `resp` for the days [first, last].
absl::Status DockingReportOf(storage::Tx& tx, const CallContext& call, const caitiao::v1::GetDockingReportRequest& req,
                             absl::CivilDay first, absl::CivilDay last, caitiao::v1::GetDockingReportResponse* resp);

}  // namespace caitiao::services
