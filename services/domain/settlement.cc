#include "services/domain/settlement.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/subsidy_period.h"

namespace caitiao::domain {
namespace {

BatchStatus NeededFor(BatchCommand command) {
  switch (command) {
    case BatchCommand::kCheck:
      return BatchStatus::kDraft;
    case BatchCommand::kApprove:
      return BatchStatus::kChecked;
    case BatchCommand::kPay:
      return BatchStatus::kApproved;
    case BatchCommand::kCancel:
      break;
  }
  return BatchStatus::kDraft;
}

const char* CommandVerb(BatchCommand command) {
  switch (command) {
    case BatchCommand::kCheck:
      return "checked";
    case BatchCommand::kApprove:
      return "approved";
    case BatchCommand::kPay:
      return "marked paid";
    case BatchCommand::kCancel:
      break;
  }
  return "cancelled";
}

struct Usage {
  int64_t amount_fen = 0;
  int count = 0;
};

// The key of a mediator's cap period.
std::string CapKey(const std::string& mediator_id, absl::CivilDay day, SpanKind kind) {
  return absl::StrCat(mediator_id, "/", PeriodLabel(PeriodContaining(day, kind)));
}

}  // namespace

absl::Status CheckBatchStep(BatchStatus status, BatchCommand command) {
  const bool allowed = command == BatchCommand::kCancel
                           ? status == BatchStatus::kDraft || status == BatchStatus::kChecked
                           : status == NeededFor(command);
  if (allowed) return absl::OkStatus();
  const std::string needs = command == BatchCommand::kCancel ? std::string("DRAFT or CHECKED")
                                                             : std::string(BatchStatusName(NeededFor(command)));
  return Refuse(reasons::kInvalidState, absl::StrCat("the batch is ", BatchStatusName(status), "; only a ", needs,
                                                     " batch can be ", CommandVerb(command)));
}

absl::Status CheckFourEyes(const SettlementBatch& batch, const std::string& approver) {
  if (approver == batch.drafted_by || approver == batch.checked_by) {
    return Refuse(reasons::kFourEyesRequired,
                  absl::StrCat(approver, " ", approver == batch.drafted_by ? "drafted" : "checked",
                               " this batch; another funding officer must approve it (four eyes)"));
  }
  return absl::OkStatus();
}

absl::Status CheckSettlementPeriod(const Period& period, SpanKind settles_by, absl::CivilDay today) {
  if (period.kind != settles_by) {
    return Refuse(reasons::kSettlementPeriodMismatch,
                  absl::StrCat("the region settles by ", SpanKindName(settles_by), " under its subsidy standard, not by ",
                               SpanKindName(period.kind)));
  }
  if (PeriodFirstDay(period) > today) {
    return InvalidField("period", absl::StrCat(PeriodLabel(period), " begins on ",
                                               absl::FormatCivilTime(PeriodFirstDay(period)),
                                               ": nothing has accrued in it yet"));
  }
  return absl::OkStatus();
}

CapResult ApplyCaps(const std::vector<CapCandidate>& candidates, const std::vector<PriorSettled>& prior) {
  CapResult out;
  // Usage per mediator and cap period, built lazily per period kind.
  std::map<std::string, Usage> used;
  std::map<SpanKind, bool> counted;
  auto count_prior = [&](SpanKind kind) {
    if (counted[kind]) return;
    counted[kind] = true;
    for (const auto& p : prior) {
      Usage& u = used[absl::StrCat(SpanKindName(kind), ":", CapKey(p.mediator_id, p.period_day, kind))];
      u.amount_fen += p.amount_fen;
      if (!p.reversal) u.count += 1;
    }
  };
  for (const auto& c : candidates) {
    const bool capped = c.cap_period != SpanKind::kUnspecified && (c.cap_amount_fen > 0 || c.cap_count > 0);
    if (c.reversal || !capped) {
      out.included.push_back(c.entry_id);
      continue;
    }
    count_prior(c.cap_period);
    Usage& u = used[absl::StrCat(SpanKindName(c.cap_period), ":", CapKey(c.mediator_id, c.period_day, c.cap_period))];
    const std::string period = PeriodLabel(PeriodContaining(c.period_day, c.cap_period));
    if (c.cap_count > 0 && u.count + 1 > c.cap_count) {
      out.held_back.push_back({c.entry_id, c.mediator_id, c.amount_fen, HoldReason::kCapCount,
                               absl::StrCat("cap of ", c.cap_count, " cases per ", SpanKindName(c.cap_period), " ",
                                            period, " reached (", u.count, " settled or in this batch)")});
      continue;
    }
    if (c.cap_amount_fen > 0 && u.amount_fen + c.amount_fen > c.cap_amount_fen) {
      out.held_back.push_back({c.entry_id, c.mediator_id, c.amount_fen, HoldReason::kCapAmount,
                               absl::StrCat("cap of ", YuanText(c.cap_amount_fen), " per ",
                                            SpanKindName(c.cap_period), " ", period, " would be exceeded (",
                                            YuanText(u.amount_fen), " settled or in this batch)")});
      continue;
    }
    u.amount_fen += c.amount_fen;
    u.count += 1;
    out.included.push_back(c.entry_id);
  }
  return out;
}

absl::Status CheckBudget(const BudgetLine& line, const std::string& region_code, int year, int64_t total_fen) {
  if (total_fen <= line.remaining()) return absl::OkStatus();
  return Refuse(reasons::kBudgetInsufficient,
                absl::StrCat("the batch needs ", YuanText(total_fen), " but the ", FundingSourceName(line.source),
                             " budget of ", region_code, " for ", year, " has ", YuanText(line.remaining()),
                             " left (budgeted ", YuanText(line.budgeted_fen), ", approved ",
                             YuanText(line.approved_fen), ", paid ", YuanText(line.paid_fen), "): short by ",
                             YuanText(total_fen - line.remaining()), "; add a top-up or cancel the batch"));
}

absl::Status CheckReversible(const LedgerEntry& entry, BatchStatus live_batch_status) {
  if (entry.kind != LedgerEntryKind::kAccrual) {
    return Refuse(reasons::kEntryNotReversible, "a reversal is never reversed; the original stays reversed");
  }
  if (!entry.reversed_by.empty()) {
    return Refuse(reasons::kEntryAlreadyReversed,
                  absl::StrCat("the entry was reversed by entry ", entry.reversed_by, "; an entry is reversed once"));
  }
  if (live_batch_status != BatchStatus::kUnspecified && live_batch_status != BatchStatus::kPaid) {
    return Refuse(reasons::kEntryNotReversible,
                  absl::StrCat("the entry is in ", BatchStatusName(live_batch_status), " batch ", entry.batch_id,
                               "; cancel the batch first (an approved batch is paid, then reversed)"));
  }
  return absl::OkStatus();
}

LedgerEntry ReversalOf(const LedgerEntry& e, absl::CivilDay today) {
  LedgerEntry r = e;
  r.id.clear();
  r.sequence = 0;
  r.kind = LedgerEntryKind::kReversal;
  r.amount_fen = -e.amount_fen;
  r.period_day = today;
  r.no_subsidy = NoSubsidy::kNone;
  r.rule = absl::StrCat("reversal of entry ", e.id, " (", YuanText(e.amount_fen), ")");
  r.reverses = e.id;
  r.reversed_by.clear();
  r.batch_id.clear();
  r.paid_time.reset();
  return r;
}

}  // namespace caitiao::domain
