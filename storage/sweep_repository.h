// What the deadline sweeper may have to act on today: candidates only; each
// is decided again by the domain inside its own transaction.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "storage/transaction.h"

namespace caitiao::storage {

enum class SweepKind {
  kMediationPeriodOver,  // IN_MEDIATION past its due date
  kObligationOverdue,    // AGREEMENT_EFFECTIVE with an obligation past its due date
  kReviewPeriodOver,     // UNDER_REVIEW past its (extended) review due date
  kAcceptanceOverdue,    // DELEGATED past the room's acceptance window, not flagged yet
};

struct SweepItem {
  std::string case_id;
  SweepKind kind;
};

void PrepareSweepStatements(pqxx::connection& conn);

// At most `limit` candidates of each kind, as of `today` (China).
absl::StatusOr<std::vector<SweepItem>> SweepCandidates(Tx& tx, absl::CivilDay today, int limit);

}  // namespace caitiao::storage
