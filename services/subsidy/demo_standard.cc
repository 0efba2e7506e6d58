#include "services/subsidy/demo_standard.h"

#include "absl/time/clock.h"
#include "services/common/ids.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_types.h"
#include "storage/subsidy_repository.h"

namespace caitiao::services {

absl::Status LoadDemoSubsidyStandard(storage::Tx& tx) {
  CAITIAO_ASSIGN_OR_RETURN(const auto existing, storage::StandardsOf(tx, {"420000"}));
  if (!existing.empty()) return absl::OkStatus();
  domain::SubsidyStandard s;
  s.id = NewUuid();
  s.region_code = "420000";
  s.effective_from = absl::CivilDay(2026, 1, 1);
  s.simple_fen = 30000;
  s.ordinary_fen = 50000;
  s.complex_fen = 80000;
  s.collective_fen = 150000;
  s.failed_case_fen = 10000;
  s.paid_failures = {domain::MediationFailure::kPeriodExpired};
  s.cap_period = domain::SpanKind::kQuarter;
  s.cap_amount_fen = 2000000;
  s.cap_count = 60;
  s.require_session = true;
  s.settlement_period = domain::SpanKind::kQuarter;
  s.basis = "演示数据 demo standard (not a published one)";
  s.created_by = "system/demo";
  s.create_time = absl::Now();
  return storage::InsertStandard(tx, s);
}

}  // namespace caitiao::services
