// Settlement batches (结算) and a mediator's statement, in domain terms, over
// the caller's transaction. Every batch step takes the settlement lock first
// (storage::LockSettlement), so two officers drafting or approving at once
// see each other's work: an entry lands in one batch, the budget is never
// overdrawn.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

absl::StatusOr<domain::SettlementBatch> DraftBatch(storage::Tx& tx, const CallContext& call,
                                                   const std::string& region_code, const domain::Period& period,
                                                   domain::FundingSource source);
// kCheck, kApprove, kCancel (with `text` the reason) or kPay (with `text` the
// payment reference).
absl::StatusOr<domain::SettlementBatch> StepBatch(storage::Tx& tx, const CallContext& call, const std::string& batch_id,
                                                  domain::BatchCommand command, const std::string& text);
absl::StatusOr<domain::SettlementBatch> GetBatch(storage::Tx& tx, const CallContext& call,
                                                 const std::string& batch_id);

struct MediatorStatement {
  std::string mediator_id, mediator_name;
  std::vector<domain::LedgerEntry> entries;
  std::vector<domain::HeldItem> held_back;
  int64_t accrued_fen = 0, paid_fen = 0;
};
absl::StatusOr<MediatorStatement> StatementOf(storage::Tx& tx, const CallContext& call, const std::string& mediator_id,
                                              const domain::Period& period);

}  // namespace caitiao::services
