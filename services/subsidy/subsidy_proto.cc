#include "services/subsidy/subsidy_proto.h"

#include "services/common/proto_time.h"
#include "services/domain/china_time.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

// Shared numbering: a value the domain enum lacks reads as its 0.
template <typename E>
E ByNumber(int n, int max) {
  return n >= 0 && n <= max ? static_cast<E>(n) : static_cast<E>(0);
}

}  // namespace

domain::SubsidyStandard StandardFromProto(const v1::SubsidyStandard& in, domain::FieldViolations* problems) {
  domain::SubsidyStandard s;
  s.region_code = in.region_code();
  s.effective_from = DayFromProto(in.effective_from(), in.has_effective_from(), "standard.effective_from", problems);
  if (in.has_effective_until()) {
    s.effective_until = DayFromProto(in.effective_until(), true, "standard.effective_until", problems);
  }
  s.simple_fen = in.simple_fen();
  s.ordinary_fen = in.ordinary_fen();
  s.complex_fen = in.complex_fen();
  s.collective_fen = in.collective_fen();
  if (in.collective_min_workers() != 0) s.collective_min_workers = in.collective_min_workers();
  s.failed_case_fen = in.failed_case_fen();
  for (int f : in.paid_failures()) s.paid_failures.push_back(ByNumber<domain::MediationFailure>(f, 7));
  s.cap_period = ByNumber<domain::SpanKind>(in.cap_period(), 4);
  s.cap_amount_fen = in.cap_amount_fen();
  s.cap_count = in.cap_count();
  s.require_session = in.require_session();
  s.settlement_period = in.settlement_period() == v1::PERIOD_KIND_UNSPECIFIED
                            ? domain::SpanKind::kQuarter
                            : ByNumber<domain::SpanKind>(in.settlement_period(), 4);
  s.basis = in.basis();
  return s;
}

void StandardToProto(const domain::SubsidyStandard& s, v1::SubsidyStandard* out) {
  out->set_id(s.id);
  out->set_region_code(s.region_code);
  ToProto(s.effective_from, out->mutable_effective_from());
  if (s.effective_until) ToProto(*s.effective_until, out->mutable_effective_until());
  out->set_simple_fen(s.simple_fen);
  out->set_ordinary_fen(s.ordinary_fen);
  out->set_complex_fen(s.complex_fen);
  out->set_collective_fen(s.collective_fen);
  out->set_collective_min_workers(s.collective_min_workers);
  out->set_failed_case_fen(s.failed_case_fen);
  for (auto f : s.paid_failures) out->add_paid_failures(static_cast<v1::MediationFailure>(f));
  out->set_cap_period(static_cast<v1::PeriodKind>(s.cap_period));
  out->set_cap_amount_fen(s.cap_amount_fen);
  out->set_cap_count(s.cap_count);
  out->set_require_session(s.require_session);
  out->set_settlement_period(static_cast<v1::PeriodKind>(s.settlement_period));
  out->set_basis(s.basis);
  out->set_created_by(s.created_by);
  ToProto(s.create_time, out->mutable_create_time());
}

domain::Period PeriodFromProto(const v1::Period& p) {
  return {p.year(), ByNumber<domain::SpanKind>(p.kind(), 4), p.number()};
}

void PeriodToProto(const domain::Period& p, v1::Period* out) {
  out->set_year(p.year);
  out->set_kind(static_cast<v1::PeriodKind>(p.kind));
  out->set_number(p.number);
}

domain::SubsidyTier TierFromProto(v1::SubsidyTier tier) { return ByNumber<domain::SubsidyTier>(tier, 4); }
domain::FundingSource SourceFromProto(v1::FundingSource source) {
  return ByNumber<domain::FundingSource>(source, 2);
}

void EntryToProto(const domain::LedgerEntry& e, v1::LedgerEntry* out) {
  out->set_id(e.id);
  out->set_sequence(e.sequence);
  out->set_kind(static_cast<v1::LedgerEntryKind>(e.kind));
  out->set_case_id(e.case_id);
  out->set_case_number(e.case_number);
  out->set_delegation_id(e.delegation_id);
  out->set_region_code(e.region_code);
  out->set_commission_id(e.commission_id);
  out->set_room_id(e.room_id);
  out->set_mediator_id(e.mediator_id);
  out->set_outcome(e.outcome);
  out->set_failure(static_cast<v1::MediationFailure>(e.failure));
  ToProto(domain::ChinaDay(e.outcome_time), out->mutable_outcome_date());
  out->set_tier(static_cast<v1::SubsidyTier>(e.tier));
  out->set_amount_fen(e.amount_fen);
  out->set_standard_id(e.standard_id);
  out->set_rule(e.rule);
  out->set_no_subsidy(static_cast<v1::NoSubsidy>(e.no_subsidy));
  out->set_reverses_entry_id(e.reverses);
  out->set_reason(e.reason);
  out->set_reversed_by_entry_id(e.reversed_by);
  out->set_batch_id(e.batch_id);
  if (e.paid_time) ToProto(*e.paid_time, out->mutable_paid_time());
  out->set_created_by(e.created_by);
  ToProto(e.create_time, out->mutable_create_time());
}

void BudgetEntryToProto(const domain::BudgetEntry& e, v1::BudgetEntry* out) {
  out->set_id(e.id);
  out->set_region_code(e.region_code);
  out->set_year(e.year);
  out->set_source(static_cast<v1::FundingSource>(e.source));
  out->set_amount_fen(e.amount_fen);
  out->set_note(e.note);
  out->set_created_by(e.created_by);
  ToProto(e.create_time, out->mutable_create_time());
}

void BudgetLineToProto(const domain::BudgetLine& line, v1::Budget::Line* out) {
  out->set_source(static_cast<v1::FundingSource>(line.source));
  out->set_budgeted_fen(line.budgeted_fen);
  out->set_approved_fen(line.approved_fen);
  out->set_paid_fen(line.paid_fen);
  out->set_remaining_fen(line.remaining());
}

void HeldToProto(const domain::HeldItem& h, v1::SettlementBatch::Held* out) {
  out->set_entry_id(h.entry_id);
  out->set_mediator_id(h.mediator_id);
  out->set_amount_fen(h.amount_fen);
  out->set_reason(static_cast<v1::HoldReason>(h.reason));
  out->set_detail(h.detail);
}

void BatchToProto(const domain::SettlementBatch& b, v1::SettlementBatch* out) {
  out->set_id(b.id);
  out->set_region_code(b.region_code);
  PeriodToProto(b.period, out->mutable_period());
  out->set_source(static_cast<v1::FundingSource>(b.source));
  out->set_status(static_cast<v1::BatchStatus>(b.status));
  for (const auto& i : b.items) {
    auto* item = out->add_items();
    item->set_entry_id(i.entry_id);
    item->set_mediator_id(i.mediator_id);
    item->set_case_number(i.case_number);
    item->set_amount_fen(i.amount_fen);
  }
  for (const auto& h : b.held_back) HeldToProto(h, out->add_held_back());
  out->set_total_fen(b.total_fen);
  out->set_drafted_by(b.drafted_by);
  ToProto(b.draft_time, out->mutable_draft_time());
  out->set_checked_by(b.checked_by);
  if (b.check_time) ToProto(*b.check_time, out->mutable_check_time());
  out->set_approved_by(b.approved_by);
  if (b.approve_time) ToProto(*b.approve_time, out->mutable_approve_time());
  out->set_paid_by(b.paid_by);
  if (b.pay_time) ToProto(*b.pay_time, out->mutable_pay_time());
  out->set_payment_reference(b.payment_reference);
  out->set_cancelled_by(b.cancelled_by);
  if (b.cancel_time) ToProto(*b.cancel_time, out->mutable_cancel_time());
  out->set_cancel_reason(b.cancel_reason);
}

}  // namespace caitiao::services
