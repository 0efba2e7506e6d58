#include "services/subsidy/settlement_work.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/ids.h"
#include "services/common/region_scope.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_period.h"
#include "services/subsidy/subsidy_admin.h"
#include "storage/room_repository.h"
#include "storage/subsidy_repository.h"

namespace caitiao::services {
namespace {

// Statements list at most this many entries of one mediator in one period.
constexpr int kMaxStatementEntries = 10000;

absl::StatusOr<domain::SettlementBatch> LockedBatch(storage::Tx& tx, const CallContext& call, const std::string& id) {
  call.resource = absl::StrCat("settlement-batches/", id);
  CAITIAO_ASSIGN_OR_RETURN(auto batch, storage::FindBatch(tx, id, domain::CaseScopeOf(call.principal), /*lock=*/true));
  if (!batch) return domain::NotFound("settlement batch", id, domain::reasons::kBatchNotFound, "batch_id");
  return *batch;
}

absl::Status CheckBudgetFor(storage::Tx& tx, const domain::SettlementBatch& b) {
  CAITIAO_ASSIGN_OR_RETURN(const auto line, storage::BudgetLineOf(tx, b.region_code, b.period.year, b.source));
  return domain::CheckBudget(line, b.region_code, b.period.year, b.total_fen);
}

// Applies the caps to the batch's entries: what exceeds them leaves the batch.
absl::Status ApplyCapsTo(storage::Tx& tx, domain::SettlementBatch& b) {
  CAITIAO_ASSIGN_OR_RETURN(const auto candidates, storage::BatchCandidates(tx, b.id));
  std::set<std::string> mediators;
  for (const auto& c : candidates) mediators.insert(c.mediator_id);
  CAITIAO_ASSIGN_OR_RETURN(const auto prior,
                           storage::PriorSettledOf(tx, {mediators.begin(), mediators.end()}, b.period.year));
  const domain::CapResult caps = domain::ApplyCaps(candidates, prior);
  CAITIAO_RETURN_IF_ERROR(storage::HoldBack(tx, b.id, caps.held_back));
  const std::set<std::string> included(caps.included.begin(), caps.included.end());
  b.total_fen = 0;
  for (const auto& c : candidates) {
    if (included.count(c.entry_id) != 0) b.total_fen += c.amount_fen;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<domain::SettlementBatch> DraftBatch(storage::Tx& tx, const CallContext& call,
                                                   const std::string& region_code, const domain::Period& period,
                                                   domain::FundingSource source) {
  CAITIAO_RETURN_IF_ERROR(RegionOfCaller(tx, call, region_code, "region_code").status());
  CAITIAO_RETURN_IF_ERROR(storage::LockSettlement(tx));
  const absl::CivilDay first = domain::PeriodFirstDay(period);
  const absl::CivilDay last = domain::PeriodLastDay(period);
  CAITIAO_ASSIGN_OR_RETURN(const auto standard, FindStandardInForce(tx, region_code, first));
  const domain::SpanKind settles_by = standard ? standard->settlement_period : domain::SpanKind::kQuarter;
  CAITIAO_RETURN_IF_ERROR(domain::CheckSettlementPeriod(period, settles_by, domain::ChinaDay(call.now)));
  CAITIAO_ASSIGN_OR_RETURN(const auto free, storage::FreeEntries(tx, domain::SubtreeRange(region_code), first, last));
  if (free.empty()) {
    return domain::Refuse(domain::reasons::kNothingToSettle,
                          absl::StrCat("no unsettled entry with an amount in ", region_code, " for ",
                                       domain::PeriodLabel(period), " (each entry is in one batch at most)"));
  }
  domain::SettlementBatch b;
  b.id = NewUuid();
  b.region_code = region_code;
  b.period = period;
  b.source = source;
  b.status = domain::BatchStatus::kDraft;
  std::vector<std::string> ids;
  for (const auto& c : free) {
    ids.push_back(c.entry_id);
    b.total_fen += c.amount_fen;
  }
  b.drafted_by = call.principal.id;
  b.draft_time = call.now;
  call.resource = absl::StrCat("settlement-batches/", b.id);
  CAITIAO_RETURN_IF_ERROR(storage::InsertBatch(tx, b, ids));
  return GetBatch(tx, call, b.id);
}

absl::StatusOr<domain::SettlementBatch> StepBatch(storage::Tx& tx, const CallContext& call, const std::string& batch_id,
                                                  domain::BatchCommand command, const std::string& text) {
  CAITIAO_RETURN_IF_ERROR(storage::LockSettlement(tx));
  CAITIAO_ASSIGN_OR_RETURN(domain::SettlementBatch b, LockedBatch(tx, call, batch_id));
  CAITIAO_RETURN_IF_ERROR(domain::CheckBatchStep(b.status, command));
  const std::string& who = call.principal.id;
  switch (command) {
    case domain::BatchCommand::kCheck:
      CAITIAO_RETURN_IF_ERROR(ApplyCapsTo(tx, b));
      // A batch the budget cannot pay stays a DRAFT (this transaction, holds
      // included, rolls back).
      CAITIAO_RETURN_IF_ERROR(CheckBudgetFor(tx, b));
      b.status = domain::BatchStatus::kChecked;
      b.checked_by = who;
      b.check_time = call.now;
      break;
    case domain::BatchCommand::kApprove:
      CAITIAO_RETURN_IF_ERROR(domain::CheckFourEyes(b, who));
      CAITIAO_RETURN_IF_ERROR(CheckBudgetFor(tx, b));
      b.status = domain::BatchStatus::kApproved;
      b.approved_by = who;
      b.approve_time = call.now;
      break;
    case domain::BatchCommand::kPay:
      CAITIAO_RETURN_IF_ERROR(storage::RecordPayments(tx, b.id, call.now));
      b.status = domain::BatchStatus::kPaid;
      b.paid_by = who;
      b.pay_time = call.now;
      b.payment_reference = text;
      break;
    case domain::BatchCommand::kCancel:
      CAITIAO_RETURN_IF_ERROR(storage::ReleaseBatch(tx, b.id));
      b.status = domain::BatchStatus::kCancelled;
      b.cancelled_by = who;
      b.cancel_time = call.now;
      b.cancel_reason = text;
      break;
  }
  CAITIAO_RETURN_IF_ERROR(storage::UpdateBatch(tx, b));
  return GetBatch(tx, call, b.id);
}

absl::StatusOr<domain::SettlementBatch> GetBatch(storage::Tx& tx, const CallContext& call,
                                                 const std::string& batch_id) {
  CAITIAO_ASSIGN_OR_RETURN(auto batch,
                           storage::FindBatch(tx, batch_id, domain::CaseScopeOf(call.principal), /*lock=*/false));
  if (!batch) return domain::NotFound("settlement batch", batch_id, domain::reasons::kBatchNotFound, "batch_id");
  return *batch;
}

absl::StatusOr<MediatorStatement> StatementOf(storage::Tx& tx, const CallContext& call, const std::string& mediator_id,
                                              const domain::Period& period) {
  CAITIAO_ASSIGN_OR_RETURN(const auto mediator, storage::FindMediator(tx, mediator_id, /*lock=*/false));
  if (!mediator) return domain::NotFound("mediator", mediator_id, domain::reasons::kMediatorNotFound, "mediator_id");
  MediatorStatement s;
  s.mediator_id = mediator->id;
  s.mediator_name = mediator->name;
  storage::LedgerFilter filter;
  filter.mediator_id = mediator_id;
  filter.first_day = domain::PeriodFirstDay(period);
  filter.last_day = domain::PeriodLastDay(period);
  CAITIAO_ASSIGN_OR_RETURN(s.entries, storage::ListLedgerEntries(tx, filter, domain::CaseScopeOf(call.principal), 0,
                                                                  kMaxStatementEntries));
  std::set<std::string> visible;
  for (const auto& e : s.entries) {
    visible.insert(e.id);
    s.accrued_fen += e.amount_fen;
    if (e.paid_time) s.paid_fen += e.amount_fen;
  }
  CAITIAO_ASSIGN_OR_RETURN(auto held, storage::HeldBackOf(tx, mediator_id, *filter.first_day, *filter.last_day));
  for (auto& h : held) {
    if (visible.count(h.entry_id) != 0) s.held_back.push_back(std::move(h));
  }
  return s;
}

}  // namespace caitiao::services
