#include "clients/subsidy_view.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;

std::string Yuan(int64_t fen) { return absl::StrCat(FormatYuan(fen), " yuan"); }

// "month", "quarter", "half-year", "year"; "-" when unset.
std::string PeriodKindWord(v1::PeriodKind kind) {
  if (kind == v1::PERIOD_KIND_UNSPECIFIED) return "-";
  return EnumWord(v1::PeriodKind_Name(kind), "PERIOD_KIND_");
}

std::string TierText(v1::SubsidyTier tier) {
  switch (tier) {
    case v1::SUBSIDY_TIER_SIMPLE:
      return "simple (简易)";
    case v1::SUBSIDY_TIER_ORDINARY:
      return "ordinary (一般)";
    case v1::SUBSIDY_TIER_COMPLEX:
      return "complex (复杂)";
    case v1::SUBSIDY_TIER_COLLECTIVE:
      return "collective (集体争议)";
    default:
      return "-";
  }
}

std::string FailureWord(int failure) {
  return EnumWord(v1::MediationFailure_Name(static_cast<v1::MediationFailure>(failure)), "MEDIATION_FAILURE_");
}

std::string PaidFailures(const v1::SubsidyStandard& s) {
  std::vector<std::string> words;
  for (int f : s.paid_failures()) words.push_back(FailureWord(f));
  return absl::StrJoin(words, ", ");
}

// The collective threshold, with the documented default for an unset one.
std::string CollectiveFrom(const v1::SubsidyStandard& s) {
  if (s.collective_min_workers() == 0) return "10 workers (default)";
  return absl::StrCat(s.collective_min_workers(), " workers");
}

std::string SettlementWord(const v1::SubsidyStandard& s) {
  if (s.settlement_period() == v1::PERIOD_KIND_UNSPECIFIED) return "quarter (default)";
  return PeriodKindWord(s.settlement_period());
}

// "20000.00 yuan and 40 cases per quarter", or "none".
std::string CapText(const v1::SubsidyStandard& s) {
  std::vector<std::string> caps;
  if (s.cap_amount_fen() > 0) caps.push_back(Yuan(s.cap_amount_fen()));
  if (s.cap_count() > 0) caps.push_back(absl::StrCat(s.cap_count(), s.cap_count() == 1 ? " case" : " cases"));
  if (caps.empty()) return "none";
  return absl::StrCat(absl::StrJoin(caps, " and "), " per ", PeriodKindWord(s.cap_period()));
}

std::string InForce(const v1::SubsidyStandard& s) {
  if (s.has_effective_until()) {
    return absl::StrCat(FormatDate(s.effective_from()), " through ", FormatDate(s.effective_until()),
                        " (or the day before the region's next version, if earlier)");
  }
  return absl::StrCat("from ", FormatDate(s.effective_from()), " until the region's next version");
}

std::string NoSubsidyText(v1::NoSubsidy reason) {
  switch (reason) {
    case v1::NO_SUBSIDY_NO_STANDARD:
      return "no standard in force in the region on the outcome day";
    case v1::NO_SUBSIDY_CIVIL_SERVANT:
      return "the mediator is a civil servant (在编公职人员)";
    case v1::NO_SUBSIDY_CERTIFICATE_EXPIRED:
      return "the mediator's certificate had expired";
    case v1::NO_SUBSIDY_OUT_OF_TERM:
      return "the mediator was not in term";
    case v1::NO_SUBSIDY_NO_SESSION:
      return "no recorded session (the standard requires one)";
    case v1::NO_SUBSIDY_FAILURE_NOT_PAID:
      return "the standard does not pay this failure";
    case v1::NO_SUBSIDY_ZERO_AMOUNT:
      return "the standard's amount for the tier is 0";
    default:
      return WithoutPrefix(v1::NoSubsidy_Name(reason), "NO_SUBSIDY_");
  }
}

std::string KindCell(const v1::LedgerEntry& e) {
  if (e.kind() == v1::LEDGER_ENTRY_KIND_REVERSAL) return "reversal";
  if (e.kind() == v1::LEDGER_ENTRY_KIND_ACCRUAL)
    return e.reversed_by_entry_id().empty() ? "accrual" : "accrual, reversed";
  return "-";
}

// "succeeded (performed)", "succeeded (document)", "failed: period-expired".
std::string OutcomeText(const v1::LedgerEntry& e) {
  if (e.outcome() == "SUCCEEDED_PERFORMED") return "succeeded (performed)";
  if (e.outcome() == "SUCCEEDED_DOCUMENT") return "succeeded (document)";
  if (e.outcome() == "FAILED") {
    return e.failure() == v1::MEDIATION_FAILURE_UNSPECIFIED ? "failed"
                                                            : absl::StrCat("failed: ", FailureWord(e.failure()));
  }
  return DashIfEmpty(e.outcome());
}

// How the amount was set, or why there is none; for a reversal, why.
std::string RuleCell(const v1::LedgerEntry& e) {
  if (e.kind() == v1::LEDGER_ENTRY_KIND_REVERSAL) return absl::StrCat("reversal: ", e.reason());
  if (e.no_subsidy() != v1::NO_SUBSIDY_REASON_UNSPECIFIED)
    return absl::StrCat("no subsidy: ", NoSubsidyText(e.no_subsidy()));
  return DashIfEmpty(e.rule());
}

std::string By(const google::protobuf::Timestamp& time, const std::string& who) {
  return absl::StrCat(ChinaTimeLabelled(time), who.empty() ? "" : " by ", who);
}

void PrintTableOrNone(const Table& table, std::ostream& out) {
  if (table.RowCount() == 0) {
    out << "(none)\n";
    return;
  }
  table.Print(out);
}

std::string HoldReasonText(v1::HoldReason reason) {
  switch (reason) {
    case v1::HOLD_REASON_CAP_AMOUNT:
      return "amount cap";
    case v1::HOLD_REASON_CAP_COUNT:
      return "case-count cap";
    default:
      return "-";
  }
}

Table NewHeldTable() {
  Table t({"ENTRY", "MEDIATOR", "AMOUNT (YUAN)", "REASON", "DETAIL"});
  t.AlignRight(2);
  return t;
}

void AddHeldRow(Table& table, const v1::SettlementBatch::Held& h) {
  table.AddRow(
      {h.entry_id(), h.mediator_id(), FormatYuan(h.amount_fen()), HoldReasonText(h.reason()), DashIfEmpty(h.detail())});
}

std::string BatchStatusText(v1::BatchStatus status) {
  switch (status) {
    case v1::BATCH_STATUS_DRAFT:
      return "DRAFT (next: check)";
    case v1::BATCH_STATUS_CHECKED:
      return "CHECKED (next: approve, by a funding officer who neither drafted nor checked it)";
    case v1::BATCH_STATUS_APPROVED:
      return "APPROVED (next: pay, with the payment's reference)";
    case v1::BATCH_STATUS_PAID:
      return "PAID";
    case v1::BATCH_STATUS_CANCELLED:
      return "CANCELLED (its entries are free for another batch)";
    default:
      return "-";
  }
}

}  // namespace

std::string PeriodLabel(const v1::Period& p) {
  switch (p.kind()) {
    case v1::PERIOD_KIND_MONTH:
      return absl::StrFormat("%04d-%02d", p.year(), p.number());
    case v1::PERIOD_KIND_QUARTER:
      return absl::StrFormat("%04d-Q%d", p.year(), p.number());
    case v1::PERIOD_KIND_HALF_YEAR:
      return absl::StrFormat("%04d-H%d", p.year(), p.number());
    case v1::PERIOD_KIND_YEAR:
      return absl::StrFormat("%04d", p.year());
    default:
      return "-";
  }
}

std::string TierWord(v1::SubsidyTier tier) {
  if (tier == v1::SUBSIDY_TIER_UNSPECIFIED) return "-";
  return EnumWord(v1::SubsidyTier_Name(tier), "SUBSIDY_TIER_");
}

std::string FundingSourceText(v1::FundingSource source) {
  switch (source) {
    case v1::FUNDING_SOURCE_HRSS:
      return "hrss (人社部门)";
    case v1::FUNDING_SOURCE_UNION:
      return "union (工会)";
    default:
      return "-";
  }
}

Table NewStandardTable() {
  Table t({"REGION", "FROM", "UNTIL", "SIMPLE (YUAN)", "ORDINARY (YUAN)", "COMPLEX (YUAN)", "COLLECTIVE (YUAN)",
           "COLLECTIVE ≥", "FAILED CASE (YUAN)", "PAID FAILURES", "CAP PER MEDIATOR", "SETTLEMENT", "BASIS", "ID"});
  for (size_t c = 3; c <= 6; ++c) t.AlignRight(c);
  t.AlignRight(8);
  return t;
}

void AddStandardRow(Table& table, const v1::SubsidyStandard& s) {
  table.AddRow({s.region_code(), FormatDate(s.effective_from()),
                s.has_effective_until() ? FormatDate(s.effective_until()) : "next version", FormatYuan(s.simple_fen()),
                FormatYuan(s.ordinary_fen()), FormatYuan(s.complex_fen()), FormatYuan(s.collective_fen()),
                CollectiveFrom(s), FormatYuan(s.failed_case_fen()), DashIfEmpty(PaidFailures(s)), CapText(s),
                SettlementWord(s), s.basis(), s.id()});
}

void PrintStandardDetail(const v1::SubsidyStandard& s, std::ostream& out) {
  out << "Subsidy standard " << s.id() << '\n';
  PrintLine(out, "region:    ", s.region_code());
  PrintLine(out, "in force:  ", InForce(s));
  PrintLine(out, "basis:     ", s.basis());
  PrintLine(out, "created:   ", By(s.create_time(), s.created_by()));
  out << '\n';
  Table rules({"RULE", "SUBSIDY"});
  rules.AddRow({"simple case (简易)", Yuan(s.simple_fen())});
  rules.AddRow({"ordinary case (一般, the default tier)", Yuan(s.ordinary_fen())});
  rules.AddRow({"complex case (复杂)", Yuan(s.complex_fen())});
  rules.AddRow({"collective case (集体争议)", Yuan(s.collective_fen())});
  rules.AddRow({"collective from", absl::StrCat(CollectiveFrom(s), " among the applicants")});
  const std::string failures = PaidFailures(s);
  rules.AddRow({"failed case", failures.empty() ? "none"
                                                : absl::StrCat(Yuan(s.failed_case_fen()), " when it failed for: ",
                                                               failures, " (with at least one recorded session)")});
  rules.AddRow({"a success needs a recorded session", s.require_session() ? "yes" : "no"});
  rules.AddRow({"cap per mediator", CapText(s)});
  rules.AddRow({"settlement by", SettlementWord(s)});
  rules.Print(out);
  if (s.cap_amount_fen() > 0 || s.cap_count() > 0) {
    out << "\nEntries beyond a cap are held back at settlement.\n";
  }
}

void PrintTierSet(const v1::SetCaseTierResponse& r, std::ostream& out) {
  out << "Tier set: " << TierText(r.tier())
      << ". It holds until the mediation has an outcome (a case with enough worker applicants is collective "
         "regardless).\n";
  PrintLine(out, "case etag:  ", r.etag());
}

Table NewLedgerTable() {
  Table t({"SEQ", "KIND", "CASE NUMBER", "OUTCOME", "OUTCOME DAY", "TIER", "AMOUNT (YUAN)", "RULE / NO SUBSIDY",
           "BATCH", "PAID (UTC+8)", "ID"});
  t.AlignRight(0);
  t.AlignRight(6);
  return t;
}

void AddLedgerRow(Table& table, const v1::LedgerEntry& e) {
  table.AddRow({absl::StrCat(e.sequence()), KindCell(e), DashIfEmpty(e.case_number()), OutcomeText(e),
                FormatDate(e.outcome_date()), TierWord(e.tier()), FormatYuan(e.amount_fen()), RuleCell(e),
                DashIfEmpty(e.batch_id()), FormatChinaTime(e.paid_time()), e.id()});
}

void PrintLedgerEntryDetail(const v1::LedgerEntry& e, std::ostream& out) {
  out << "Ledger entry #" << e.sequence() << " (" << KindCell(e) << ") " << e.id() << '\n';
  PrintLine(out,
            "case:         ", absl::StrCat(e.case_number(), e.case_number().empty() ? "" : " ", "(", e.case_id(), ")"));
  PrintLine(out, "region:       ", e.region_code());
  PrintLine(out, "commission:   ", e.commission_id());
  PrintLine(out, "room:         ", e.room_id());
  PrintLine(out, "mediator:     ", e.mediator_id());
  PrintLine(out, "outcome:      ",
            absl::StrCat(OutcomeText(e), e.has_outcome_date() ? " on " : "",
                         e.has_outcome_date() ? FormatDate(e.outcome_date()) : ""));
  PrintLine(out, "tier:         ", e.tier() == v1::SUBSIDY_TIER_UNSPECIFIED ? "" : TierText(e.tier()));
  PrintLine(out, "amount:       ", Yuan(e.amount_fen()));
  PrintLine(out, "rule:         ", e.rule());
  if (e.no_subsidy() != v1::NO_SUBSIDY_REASON_UNSPECIFIED)
    PrintLine(out, "no subsidy:   ", NoSubsidyText(e.no_subsidy()));
  PrintLine(out, "standard:     ", e.standard_id());
  PrintLine(out, "reverses:     ", e.reverses_entry_id());
  PrintLine(out, "reason:       ", e.reason());
  PrintLine(out, "reversed by:  ", e.reversed_by_entry_id());
  PrintLine(out, "batch:        ", e.batch_id());
  PrintLine(out, "paid:         ", ChinaTimeLabelled(e.paid_time()));
  PrintLine(out, "written:      ", By(e.create_time(), e.created_by()));
}

void PrintBudget(const v1::Budget& b, std::ostream& out) {
  out << "Budget of " << b.region_code() << " for " << b.year() << "\n\n";
  if (b.lines().empty() && b.entries().empty()) {
    out << "No budget entries yet (subsidy budget add " << b.region_code() << " " << b.year()
        << " hrss|union AMOUNT_YUAN --note=TEXT).\n";
    return;
  }
  Table lines({"SOURCE", "BUDGETED (YUAN)", "APPROVED, UNPAID (YUAN)", "PAID (YUAN)", "REMAINING (YUAN)"});
  for (size_t c = 1; c <= 4; ++c) lines.AlignRight(c);
  for (const auto& l : b.lines()) {
    lines.AddRow({FundingSourceText(l.source()), FormatYuan(l.budgeted_fen()), FormatYuan(l.approved_fen()),
                  FormatYuan(l.paid_fen()), FormatYuan(l.remaining_fen())});
  }
  PrintTableOrNone(lines, out);
  out << "\nEntries:\n";
  Table entries({"ADDED (UTC+8)", "SOURCE", "AMOUNT (YUAN)", "NOTE", "ADDED BY", "ID"});
  entries.AlignRight(2);
  for (const auto& e : b.entries()) {
    entries.AddRow({FormatChinaTime(e.create_time()), FundingSourceText(e.source()), FormatYuan(e.amount_fen()),
                    e.note(), DashIfEmpty(e.created_by()), e.id()});
  }
  PrintTableOrNone(entries, out);
}

void PrintBudgetEntryDetail(const v1::BudgetEntry& e, std::ostream& out) {
  out << "Budget entry " << e.id() << '\n';
  PrintLine(out, "region:   ", e.region_code());
  PrintLine(out, "year:     ", absl::StrCat(e.year()));
  PrintLine(out, "source:   ", FundingSourceText(e.source()));
  PrintLine(out, "amount:   ", Yuan(e.amount_fen()));
  PrintLine(out, "note:     ", e.note());
  PrintLine(out, "added:    ", By(e.create_time(), e.created_by()));
}

void PrintBatch(const v1::SettlementBatch& b, std::ostream& out) {
  out << "Settlement batch " << b.id() << '\n';
  PrintLine(out, "region:     ", b.region_code());
  PrintLine(out, "period:     ", PeriodLabel(b.period()));
  PrintLine(out, "source:     ", FundingSourceText(b.source()));
  PrintLine(out, "status:     ", BatchStatusText(b.status()));
  PrintLine(out, "total:      ",
            absl::StrCat(Yuan(b.total_fen()), ", ", b.items_size(), b.items_size() == 1 ? " entry" : " entries",
                         b.held_back_size() > 0 ? absl::StrCat(" (", b.held_back_size(), " held back)") : ""));
  PrintLine(out, "drafted:    ", By(b.draft_time(), b.drafted_by()));
  PrintLine(out, "checked:    ", By(b.check_time(), b.checked_by()));
  PrintLine(out, "approved:   ", By(b.approve_time(), b.approved_by()));
  PrintLine(out, "paid:       ", By(b.pay_time(), b.paid_by()));
  PrintLine(out, "reference:  ", b.payment_reference());
  PrintLine(out, "cancelled:  ", By(b.cancel_time(), b.cancelled_by()));
  PrintLine(out, "reason:     ", b.cancel_reason());
  out << "\nItems (the entries the batch pays):\n";
  Table items({"ENTRY", "MEDIATOR", "CASE NUMBER", "AMOUNT (YUAN)"});
  items.AlignRight(3);
  for (const auto& i : b.items()) {
    items.AddRow({i.entry_id(), i.mediator_id(), DashIfEmpty(i.case_number()), FormatYuan(i.amount_fen())});
  }
  PrintTableOrNone(items, out);
  if (b.held_back_size() > 0) {
    out << "\nHeld back by the check (not in this batch; free for another one):\n";
    Table held = NewHeldTable();
    for (const auto& h : b.held_back()) AddHeldRow(held, h);
    held.Print(out);
  }
}

void PrintStatement(const v1::MediatorStatement& st, std::ostream& out) {
  out << "Statement of mediator " << (st.mediator_name().empty() ? "" : absl::StrCat(st.mediator_name(), " ")) << "("
      << st.mediator_id() << ") for " << PeriodLabel(st.period()) << '\n';
  PrintLine(out, "accrued:  ", Yuan(st.accrued_fen()));
  PrintLine(out, "paid:     ", Yuan(st.paid_fen()));
  PrintLine(out, "unpaid:   ", Yuan(st.unpaid_fen()));
  out << "\nEntries (by outcome day):\n";
  Table entries = NewLedgerTable();
  for (const auto& e : st.entries()) AddLedgerRow(entries, e);
  PrintTableOrNone(entries, out);
  out << "\nHeld back at settlement:\n";
  Table held = NewHeldTable();
  for (const auto& h : st.held_back()) AddHeldRow(held, h);
  PrintTableOrNone(held, out);
}

}  // namespace caitiao::cli
