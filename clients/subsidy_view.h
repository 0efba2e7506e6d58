// The human views of SubsidyService answers: subsidy standards, the ledger,
// budgets, settlement batches and mediators' statements. Amounts are yuan
// with two decimals.
#pragma once

#include <ostream>
#include <string>

#include "caitiao/v1/subsidy.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// "2027-Q1", "2027-H2", "2027-03", "2027" (the form `subsidy` commands take).
std::string PeriodLabel(const caitiao::v1::Period& period);

// "simple", "ordinary", "complex", "collective".
std::string TierWord(caitiao::v1::SubsidyTier tier);

// "hrss (人社部门)", "union (工会)".
std::string FundingSourceText(caitiao::v1::FundingSource source);

// subsidy standards: one row per version.
Table NewStandardTable();
void AddStandardRow(Table& table, const caitiao::v1::SubsidyStandard& standard);

// subsidy standard show|create: the version's header lines, then one row per
// rule ("ordinary case", "800.00 yuan").
void PrintStandardDetail(const caitiao::v1::SubsidyStandard& standard, std::ostream& out);

// subsidy tier: the tier set and the case's new etag.
void PrintTierSet(const caitiao::v1::SetCaseTierResponse& response, std::ostream& out);

// subsidy ledger, statement: one row per entry, in ledger order.
Table NewLedgerTable();
void AddLedgerRow(Table& table, const caitiao::v1::LedgerEntry& entry);

// subsidy reverse: one entry over several lines.
void PrintLedgerEntryDetail(const caitiao::v1::LedgerEntry& entry, std::ostream& out);

// subsidy budget: per source what was budgeted, approved, paid and what
// remains, then the entries.
void PrintBudget(const caitiao::v1::Budget& budget, std::ostream& out);

// subsidy budget add: the entry added.
void PrintBudgetEntryDetail(const caitiao::v1::BudgetEntry& entry, std::ostream& out);

// subsidy batch ...: the header lines (status, total, who and when for each
// step), then the items and what the check held back with why.
void PrintBatch(const caitiao::v1::SettlementBatch& batch, std::ostream& out);

// subsidy statement: the totals, the entries, and what was held back.
void PrintStatement(const caitiao::v1::MediatorStatement& statement, std::ostream& out);

}  // namespace caitiao::cli
