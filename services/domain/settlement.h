// Settlement (结算) and funding (经费保障) rules: the steps of a batch, four
// eyes, caps per mediator per period, the remaining budget, reversals.
// Pure: storage loads the entries, usage and budget sums.
//
// A batch: DRAFT -> CHECKED -> APPROVED -> PAID; DRAFT or CHECKED ->
// CANCELLED (its entries are free again).
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {

enum class BatchCommand { kCheck, kApprove, kPay, kCancel };

// OK when `command` may be applied to a batch in `status`;
// FAILED_PRECONDITION (INVALID_STATE) naming the status and the one it needs.
absl::Status CheckBatchStep(BatchStatus status, BatchCommand command);

// Four eyes (双人复核): the approver neither drafted nor checked the batch.
// FAILED_PRECONDITION (FOUR_EYES_REQUIRED).
absl::Status CheckFourEyes(const SettlementBatch& batch, const std::string& approver);

// A batch may be drafted for `period` when it is of the region's settlement
// kind (SETTLEMENT_PERIOD_MISMATCH) and has begun by `today`
// (INVALID_ARGUMENT, field "period"). Usually a period is settled after its
// end; an interim batch during it takes what has accrued so far, and later
// entries go to a later batch of the same period (caps count them all).
absl::Status CheckSettlementPeriod(const Period& period, SpanKind settles_by, absl::CivilDay today);

// An entry considered for a batch, with the caps of its standard.
struct CapCandidate {
  std::string entry_id, mediator_id;
  int64_t amount_fen = 0;
  absl::CivilDay period_day;
  bool reversal = false;
  SpanKind cap_period = SpanKind::kUnspecified;
  int64_t cap_amount_fen = 0;  // 0: none
  int cap_count = 0;           // 0: none
};

// What a mediator was already paid or approved for: entries in APPROVED or
// PAID batches.
struct PriorSettled {
  std::string mediator_id;
  int64_t amount_fen = 0;
  absl::CivilDay period_day;
  bool reversal = false;
};

struct CapResult {
  std::vector<std::string> included;  // entry ids, in the candidates' order
  std::vector<HeldItem> held_back;
};

// Walks the candidates in order (the ledger's): an accrual that would take
// its mediator beyond the count cap (CAP_COUNT) or the amount cap
// (CAP_AMOUNT) of the cap period containing its day, counting what is
// already settled and what this batch already includes, is held back with
// the reason; reversals are always included (they only lower what is paid).
CapResult ApplyCaps(const std::vector<CapCandidate>& candidates, const std::vector<PriorSettled>& prior);

// A budget line: what was budgeted, approved (not yet paid) and paid.
struct BudgetLine {
  FundingSource source = FundingSource::kUnspecified;
  int64_t budgeted_fen = 0, approved_fen = 0, paid_fen = 0;
  int64_t remaining() const { return budgeted_fen - approved_fen - paid_fen; }
};

// OK when the line can pay `total_fen` on top of what it carries;
// FAILED_PRECONDITION (BUDGET_INSUFFICIENT) naming the shortfall otherwise.
absl::Status CheckBudget(const BudgetLine& line, const std::string& region_code, int year, int64_t total_fen);

// Whether an entry may be reversed: an ACCRUAL, not reversed before
// (ENTRY_ALREADY_REVERSED), not in a live batch that is not yet paid
// (ENTRY_NOT_REVERSIBLE). A paid entry may be: its reversal is recovered
// in a later batch.
absl::Status CheckReversible(const LedgerEntry& entry, BatchStatus live_batch_status);

// The reversal of `entry`: the negated amount, the same case and mediator,
// placed in the period of `today`.
LedgerEntry ReversalOf(const LedgerEntry& entry, absl::CivilDay today);

}  // namespace caitiao::domain
