// Subsidy standards, the append-only ledger, budget entries and settlement
// batches in PostgreSQL. The database itself keeps the invariants the
// services rely on: one ACCRUAL per delegation, a reversal at most once, an
// entry in at most one live batch, paid at most once, nothing updated or
// deleted in the ledger, standards, budgets or payments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/principal.h"
#include "services/domain/region_rules.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareSubsidyStatements(pqxx::connection& conn);

// --- Standards.
// Serializes the creation of a region's versions (held to the end of the transaction).
absl::Status LockStandardRegion(Tx& tx, const std::string& region_code);
absl::Status InsertStandard(Tx& tx, const domain::SubsidyStandard& s);
// Every version of these regions (e.g. a PolicyRegionChain).
absl::StatusOr<std::vector<domain::SubsidyStandard>> StandardsOf(Tx& tx, const std::vector<std::string>& regions);
absl::StatusOr<std::optional<domain::SubsidyStandard>> FindStandard(Tx& tx, const std::string& id);
struct StandardCursor {
  std::string region_code;
  absl::CivilDay effective_from;
};
// Ordered by region, then effective_from; within `subtree` when given.
absl::StatusOr<std::vector<domain::SubsidyStandard>> ListStandards(Tx& tx,
                                                                   const std::optional<domain::RegionCodeRange>& subtree,
                                                                   const std::optional<StandardCursor>& after, int limit);

// --- Cases.
absl::StatusOr<domain::SubsidyTier> CaseTierDesignation(Tx& tx, const std::string& case_id);
absl::Status SetCaseTierDesignation(Tx& tx, const std::string& case_id, domain::SubsidyTier tier);
absl::StatusOr<int> SessionsOfDelegation(Tx& tx, const std::string& delegation_id);

// --- The ledger.
// Appends `e` (id set by the caller) and returns its sequence; nullopt when
// an ACCRUAL of the same delegation exists (nothing written).
absl::StatusOr<std::optional<int64_t>> AppendLedgerEntry(Tx& tx, const domain::LedgerEntry& e);
// With reversed_by, batch_id and paid_time; nullopt outside `scope`.
absl::StatusOr<std::optional<domain::LedgerEntry>> FindLedgerEntry(Tx& tx, const std::string& id,
                                                                   const domain::CaseScope& scope);
// The status of the entry's live batch (kUnspecified when none).
absl::StatusOr<domain::BatchStatus> LiveBatchStatusOf(Tx& tx, const std::string& entry_id);
struct LedgerFilter {
  std::optional<domain::RegionCodeRange> region;
  std::string room_id, mediator_id, case_id;
  std::optional<absl::CivilDay> first_day, last_day;  // period_day within, inclusive
  bool unsettled_only = false;
};
// Oldest first, after `after_sequence`, at most `limit`.
absl::StatusOr<std::vector<domain::LedgerEntry>> ListLedgerEntries(Tx& tx, const LedgerFilter& filter,
                                                                   const domain::CaseScope& scope,
                                                                   int64_t after_sequence, int limit);

// --- Budgets.
absl::Status InsertBudgetEntry(Tx& tx, const domain::BudgetEntry& e);
absl::StatusOr<std::vector<domain::BudgetEntry>> BudgetEntriesOf(Tx& tx, const std::string& region_code, int year);
// Budgeted, approved-not-paid and paid sums for one source.
absl::StatusOr<domain::BudgetLine> BudgetLineOf(Tx& tx, const std::string& region_code, int year,
                                                domain::FundingSource source);

// --- Settlement.
// Serializes every settlement step (drafts, checks, approvals, payments,
// cancellations) for the rest of the transaction, so two officers acting at
// once see each other's batches and budget use.
absl::Status LockSettlement(Tx& tx);
// Entries of the region's subtree with period_day in [first, last], a
// non-zero amount, in no live batch and never paid, oldest first, with the
// caps of their standard.
absl::StatusOr<std::vector<domain::CapCandidate>> FreeEntries(Tx& tx, const domain::RegionCodeRange& region,
                                                              absl::CivilDay first, absl::CivilDay last);
// The live items of a batch, as cap candidates, oldest first.
absl::StatusOr<std::vector<domain::CapCandidate>> BatchCandidates(Tx& tx, const std::string& batch_id);
// What these mediators had in APPROVED or PAID batches with period_day in `year`.
absl::StatusOr<std::vector<domain::PriorSettled>> PriorSettledOf(Tx& tx, const std::vector<std::string>& mediator_ids,
                                                                 int year);
absl::Status InsertBatch(Tx& tx, const domain::SettlementBatch& b, const std::vector<std::string>& entry_ids);
// Stores the batch's status, total and steps.
absl::Status UpdateBatch(Tx& tx, const domain::SettlementBatch& b);
// Takes held entries out of the batch (no longer live), with the reason.
absl::Status HoldBack(Tx& tx, const std::string& batch_id, const std::vector<domain::HeldItem>& held);
// Frees every entry of a cancelled batch.
absl::Status ReleaseBatch(Tx& tx, const std::string& batch_id);
// Records the payment of every live item.
absl::Status RecordPayments(Tx& tx, const std::string& batch_id, absl::Time when);
// With items and held-back entries; nullopt when none or outside `scope`
// (region ranges only; an admin's scope sees every batch).
absl::StatusOr<std::optional<domain::SettlementBatch>> FindBatch(Tx& tx, const std::string& id,
                                                                 const domain::CaseScope& scope, bool lock);
// Held-back entries of a mediator in batches not cancelled, with period_day
// in [first, last], that are still unsettled (in no live batch, not paid).
absl::StatusOr<std::vector<domain::HeldItem>> HeldBackOf(Tx& tx, const std::string& mediator_id,
                                                         absl::CivilDay first, absl::CivilDay last);

}  // namespace caitiao::storage
