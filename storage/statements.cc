#include "storage/statements.h"

#include "storage/access_repository.h"
#include "storage/audit_repository.h"
#include "storage/case_repository.h"
#include "storage/coverage_repository.h"
#include "storage/directory_repository.h"
#include "storage/docking_repository.h"
#include "storage/idempotency_repository.h"
#include "storage/mediation_repository.h"
#include "storage/policy_repository.h"
#include "storage/review_repository.h"
#include "storage/report_repository.h"
#include "storage/rollup_repository.h"
#include "storage/subsidy_repository.h"
#include "storage/sweep_repository.h"
#include "storage/room_repository.h"

namespace caitiao::storage {

void PrepareAllStatements(pqxx::connection& conn) {
  PrepareDirectoryStatements(conn);
  PrepareCaseStatements(conn);
  PrepareIdempotencyStatements(conn);
  PrepareAccessStatements(conn);
  PrepareAuditStatements(conn);
  PreparePolicyStatements(conn);
  PrepareRoomStatements(conn);
  PrepareDockingStatements(conn);
  PrepareMediationStatements(conn);
  PrepareReviewStatements(conn);
  PrepareSweepStatements(conn);
  PrepareSubsidyStatements(conn);
  PrepareReportStatements(conn);
  PrepareRollupStatements(conn);
  PrepareCoverageStatements(conn);
}

}  // namespace caitiao::storage
