// The one accrual per mediation outcome (以案定补), written in the outcome's
// own transaction: the mediation and review use cases call it where a
// delegated case succeeds or is returned to arbitration.
#pragma once

#include "absl/status/status.h"
#include "services/common/call_context.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/mediation_outcome.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Writes the ledger entry of the outcome of delegation `d` of case `c`
// (c.mediation_outcome set; `failure` when it failed), under the standard in
// force on today's date in China in the case's region, with a
// SUBSIDY_ACCRUED case event. A mediation no mediator conducted (the room
// never accepted) earns nothing and writes nothing. ABORTED
// (CONCURRENT_UPDATE) if the delegation already has its accrual.
absl::Status AccrueOutcome(storage::Tx& tx, const CallContext& call, const domain::CaseRecord& c,
                           const domain::Delegation& d, domain::MediationFailure failure);

}  // namespace caitiao::services
