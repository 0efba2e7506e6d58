#include "storage/subsidy_repository.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/scope_params.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::SpanKind;

// Transaction-scoped advisory lock keys: 'CTSB' (settlement) and, for
// standards, hashtext of the region under the key space 'CTSS'.
constexpr int64_t kSettlementLockKey = 0x43545342;
constexpr int kStandardLockSpace = 0x43545353;

const std::string kStandardColumns = absl::StrCat(
    "id::text, region_code, effective_from::text, coalesce(effective_until::text, ''), simple_fen, ordinary_fen, "
    "complex_fen, collective_fen, collective_min_workers, failed_case_fen, array_to_string(paid_failures, ','), "
    "coalesce(cap_period, ''), cap_amount_fen, cap_count, require_session, settlement_period, basis, created_by, ",
    MicrosColumn("created_at"));

const std::string kLedgerColumns = absl::StrCat(
    "l.id::text, l.sequence, l.kind, l.case_id::text, l.case_number, l.delegation_id::text, l.region_code, "
    "l.commission_id::text, l.room_id::text, l.mediator_id::text, l.outcome, l.failure_reason, ",
    MicrosColumn("l.outcome_at"),
    ", l.period_day::text, l.tier, l.amount_fen, coalesce(l.standard_id::text, ''), l.rule, l.no_subsidy, "
    "coalesce(l.reverses::text, ''), l.reason, l.created_by, ",
    MicrosColumn("l.created_at"),
    ", coalesce((SELECT r.id::text FROM subsidy_ledger r WHERE r.reverses = l.id), ''), "
    "coalesce((SELECT i.batch_id::text FROM settlement_items i WHERE i.entry_id = l.id AND i.live), ''), ",
    MicrosColumn("(SELECT p.paid_at FROM subsidy_payments p WHERE p.entry_id = l.id)"));

const std::string kBatchColumns = absl::StrCat(
    "id::text, region_code, period_year, period_kind, period_number, source, status, total_fen, drafted_by, ",
    MicrosColumn("drafted_at"), ", checked_by, ", MicrosColumn("checked_at"), ", approved_by, ",
    MicrosColumn("approved_at"), ", paid_by, ", MicrosColumn("paid_at"), ", payment_reference, cancelled_by, ",
    MicrosColumn("cancelled_at"), ", cancel_reason");

// Candidates with their standard's caps.
constexpr char kCandidateColumns[] =
    "l.id::text, l.mediator_id::text, l.amount_fen, l.period_day::text, l.kind = 'REVERSAL', "
    "coalesce(s.cap_period, ''), coalesce(s.cap_amount_fen, 0), coalesce(s.cap_count, 0)";

SpanKind SpanOf(const pqxx::field& f) {
  return domain::SpanKindFromName(f.as<std::string>()).value_or(SpanKind::kUnspecified);
}

domain::SubsidyStandard StandardFromRow(const pqxx::row& row) {
  domain::SubsidyStandard s;
  s.id = row[0].as<std::string>();
  s.region_code = row[1].as<std::string>();
  s.effective_from = DateFromText(row[2].as<std::string>());
  if (const auto until = row[3].as<std::string>(); !until.empty()) s.effective_until = DateFromText(until);
  s.simple_fen = row[4].as<int64_t>();
  s.ordinary_fen = row[5].as<int64_t>();
  s.complex_fen = row[6].as<int64_t>();
  s.collective_fen = row[7].as<int64_t>();
  s.collective_min_workers = row[8].as<int>();
  s.failed_case_fen = row[9].as<int64_t>();
  for (const auto& name : SplitArrayText(row[10].as<std::string>())) {
    if (auto f = domain::MediationFailureFromName(name)) s.paid_failures.push_back(*f);
  }
  s.cap_period = SpanOf(row[11]);
  s.cap_amount_fen = row[12].as<int64_t>();
  s.cap_count = row[13].as<int>();
  s.require_session = row[14].as<bool>();
  s.settlement_period = SpanOf(row[15]);
  s.basis = row[16].as<std::string>();
  s.created_by = row[17].as<std::string>();
  s.create_time = TimeFromMicros(row[18].as<int64_t>());
  return s;
}

domain::LedgerEntry EntryFromRow(const pqxx::row& row) {
  domain::LedgerEntry e;
  e.id = row[0].as<std::string>();
  e.sequence = row[1].as<int64_t>();
  e.kind = domain::LedgerEntryKindFromName(row[2].as<std::string>()).value_or(domain::LedgerEntryKind::kUnspecified);
  e.case_id = row[3].as<std::string>();
  e.case_number = row[4].as<std::string>();
  e.delegation_id = row[5].as<std::string>();
  e.region_code = row[6].as<std::string>();
  e.commission_id = row[7].as<std::string>();
  e.room_id = row[8].as<std::string>();
  e.mediator_id = row[9].as<std::string>();
  e.outcome = row[10].as<std::string>();
  e.failure = domain::MediationFailureFromName(row[11].as<std::string>()).value_or(domain::MediationFailure::kUnspecified);
  e.outcome_time = TimeFromMicros(row[12].as<int64_t>());
  e.period_day = DateFromText(row[13].as<std::string>());
  e.tier = domain::SubsidyTierFromName(row[14].as<std::string>()).value_or(domain::SubsidyTier::kUnspecified);
  e.amount_fen = row[15].as<int64_t>();
  e.standard_id = row[16].as<std::string>();
  e.rule = row[17].as<std::string>();
  e.no_subsidy = domain::NoSubsidyFromName(row[18].as<std::string>()).value_or(domain::NoSubsidy::kNone);
  e.reverses = row[19].as<std::string>();
  e.reason = row[20].as<std::string>();
  e.created_by = row[21].as<std::string>();
  e.create_time = TimeFromMicros(row[22].as<int64_t>());
  e.reversed_by = row[23].as<std::string>();
  e.batch_id = row[24].as<std::string>();
  e.paid_time = OptionalTimeFromMicros(row[25]);
  return e;
}

domain::CapCandidate CandidateFromRow(const pqxx::row& row) {
  domain::CapCandidate c;
  c.entry_id = row[0].as<std::string>();
  c.mediator_id = row[1].as<std::string>();
  c.amount_fen = row[2].as<int64_t>();
  c.period_day = DateFromText(row[3].as<std::string>());
  c.reversal = row[4].as<bool>();
  c.cap_period = SpanOf(row[5]);
  c.cap_amount_fen = row[6].as<int64_t>();
  c.cap_count = row[7].as<int>();
  return c;
}

domain::SettlementBatch BatchFromRow(const pqxx::row& row) {
  domain::SettlementBatch b;
  b.id = row[0].as<std::string>();
  b.region_code = row[1].as<std::string>();
  b.period = {row[2].as<int>(), SpanOf(row[3]), row[4].as<int>()};
  b.source = domain::FundingSourceFromName(row[5].as<std::string>()).value_or(domain::FundingSource::kUnspecified);
  b.status = domain::BatchStatusFromName(row[6].as<std::string>()).value_or(domain::BatchStatus::kUnspecified);
  b.total_fen = row[7].as<int64_t>();
  b.drafted_by = row[8].as<std::string>();
  b.draft_time = TimeFromMicros(row[9].as<int64_t>());
  b.checked_by = row[10].as<std::string>();
  b.check_time = OptionalTimeFromMicros(row[11]);
  b.approved_by = row[12].as<std::string>();
  b.approve_time = OptionalTimeFromMicros(row[13]);
  b.paid_by = row[14].as<std::string>();
  b.pay_time = OptionalTimeFromMicros(row[15]);
  b.payment_reference = row[16].as<std::string>();
  b.cancelled_by = row[17].as<std::string>();
  b.cancel_time = OptionalTimeFromMicros(row[18]);
  b.cancel_reason = row[19].as<std::string>();
  return b;
}

std::string OptionalTimeParam(const std::optional<absl::Time>& t) { return t ? TimeParam(*t) : std::string(); }

domain::HeldItem HeldFromRow(const pqxx::row& row) {
  return {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int64_t>(),
          domain::HoldReasonFromName(row[3].as<std::string>()).value_or(domain::HoldReason::kNone),
          row[4].as<std::string>()};
}

}  // namespace

void PrepareSubsidyStatements(pqxx::connection& conn) {
  conn.prepare("standard_lock_region", absl::StrCat("SELECT pg_advisory_xact_lock(", kStandardLockSpace,
                                                    ", hashtext($1))"));
  conn.prepare("standard_insert",
               "INSERT INTO subsidy_standards (id, region_code, effective_from, effective_until, simple_fen, "
               "ordinary_fen, complex_fen, collective_fen, collective_min_workers, failed_case_fen, paid_failures, "
               "cap_period, cap_amount_fen, cap_count, require_session, settlement_period, basis, created_by, "
               "created_at) VALUES ($1::uuid, $2, $3::date, NULLIF($4, '')::date, $5, $6, $7, $8, $9, $10, "
               "$11::text[], NULLIF($12, ''), $13, $14, $15, $16, $17, $18, $19::timestamptz)");
  conn.prepare("standards_of", absl::StrCat("SELECT ", kStandardColumns,
                                            " FROM subsidy_standards WHERE region_code = ANY($1::text[]) "
                                            "ORDER BY region_code, effective_from"));
  conn.prepare("standard_find",
               absl::StrCat("SELECT ", kStandardColumns, " FROM subsidy_standards WHERE id = $1::uuid"));
  conn.prepare("standards_list",
               absl::StrCat("SELECT ", kStandardColumns,
                            " FROM subsidy_standards WHERE region_code BETWEEN $1 AND $2 "
                            "AND (region_code, effective_from) > ($3, $4::date) "
                            "ORDER BY region_code, effective_from LIMIT $5"));
  conn.prepare("case_tier_get", "SELECT subsidy_tier FROM cases WHERE id = $1::uuid");
  conn.prepare("case_tier_set", "UPDATE cases SET subsidy_tier = $2 WHERE id = $1::uuid");
  conn.prepare("sessions_of_delegation",
               "SELECT count(*) FROM mediation_sessions WHERE delegation_id = $1::uuid");
  conn.prepare("ledger_append",
               "INSERT INTO subsidy_ledger (id, kind, case_id, case_number, delegation_id, region_code, "
               "commission_id, room_id, mediator_id, outcome, failure_reason, outcome_at, period_day, tier, "
               "amount_fen, standard_id, rule, no_subsidy, reverses, reason, created_by, created_at) "
               "VALUES ($1::uuid, $2, $3::uuid, $4, $5::uuid, $6, $7::uuid, $8::uuid, $9::uuid, $10, $11, "
               "$12::timestamptz, $13::date, $14, $15, NULLIF($16, '')::uuid, $17, $18, NULLIF($19, '')::uuid, $20, "
               "$21, $22::timestamptz) "
               "ON CONFLICT (delegation_id) WHERE kind = 'ACCRUAL' DO NOTHING RETURNING sequence");
  conn.prepare("ledger_find", absl::StrCat("SELECT ", kLedgerColumns, " FROM subsidy_ledger l WHERE l.id = $1::uuid "
                                           "AND ",
                                           BoundScopePredicate(2, "l.commission_id", "l.room_id", "l.region_code")));
  conn.prepare("ledger_live_batch_status",
               "SELECT b.status FROM settlement_items i JOIN settlement_batches b ON b.id = i.batch_id "
               "WHERE i.entry_id = $1::uuid AND i.live");
  conn.prepare(
      "ledger_list",
      absl::StrCat("SELECT ", kLedgerColumns,
                   " FROM subsidy_ledger l WHERE l.sequence > $1 AND l.region_code BETWEEN $2 AND $3 "
                   "AND ($4 = '' OR l.room_id = NULLIF($4, '')::uuid) "
                   "AND ($5 = '' OR l.mediator_id = NULLIF($5, '')::uuid) "
                   "AND ($6 = '' OR l.case_id = NULLIF($6, '')::uuid) "
                   "AND l.period_day BETWEEN $7::date AND $8::date "
                   "AND (NOT $9 OR (NOT EXISTS (SELECT 1 FROM settlement_items i WHERE i.entry_id = l.id AND i.live) "
                   "AND NOT EXISTS (SELECT 1 FROM subsidy_payments p WHERE p.entry_id = l.id))) AND ",
                   BoundScopePredicate(10, "l.commission_id", "l.room_id", "l.region_code"),
                   " ORDER BY l.sequence LIMIT $15"));
  conn.prepare("budget_insert",
               "INSERT INTO funding_budget_entries (id, region_code, year, source, amount_fen, note, created_by, "
               "created_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::timestamptz)");
  conn.prepare("budget_entries_of",
               absl::StrCat("SELECT id::text, region_code, year, source, amount_fen, note, created_by, ",
                            MicrosColumn("created_at"),
                            " FROM funding_budget_entries WHERE region_code = $1 AND year = $2 "
                            "ORDER BY created_at, id"));
  conn.prepare("budget_line",
               "SELECT (SELECT coalesce(sum(amount_fen), 0) FROM funding_budget_entries "
               "        WHERE region_code = $1 AND year = $2 AND source = $3)::bigint, "
               "       (SELECT coalesce(sum(total_fen), 0) FROM settlement_batches "
               "        WHERE region_code = $1 AND period_year = $2 AND source = $3 AND status = 'APPROVED')::bigint, "
               "       (SELECT coalesce(sum(total_fen), 0) FROM settlement_batches "
               "        WHERE region_code = $1 AND period_year = $2 AND source = $3 AND status = 'PAID')::bigint");
  conn.prepare("settlement_lock", absl::StrCat("SELECT pg_advisory_xact_lock(", kSettlementLockKey, ")"));
  conn.prepare("settlement_free_entries",
               absl::StrCat("SELECT ", kCandidateColumns,
                            " FROM subsidy_ledger l LEFT JOIN subsidy_standards s ON s.id = l.standard_id "
                            "WHERE l.region_code BETWEEN $1 AND $2 AND l.period_day BETWEEN $3::date AND $4::date "
                            "AND l.amount_fen <> 0 "
                            "AND NOT EXISTS (SELECT 1 FROM settlement_items i WHERE i.entry_id = l.id AND i.live) "
                            "AND NOT EXISTS (SELECT 1 FROM subsidy_payments p WHERE p.entry_id = l.id) "
                            "ORDER BY l.sequence"));
  conn.prepare("settlement_batch_candidates",
               absl::StrCat("SELECT ", kCandidateColumns,
                            " FROM settlement_items i JOIN subsidy_ledger l ON l.id = i.entry_id "
                            "LEFT JOIN subsidy_standards s ON s.id = l.standard_id "
                            "WHERE i.batch_id = $1::uuid AND i.live ORDER BY l.sequence"));
  conn.prepare("settlement_prior",
               "SELECT l.mediator_id::text, l.amount_fen, l.period_day::text, l.kind = 'REVERSAL' "
               "FROM settlement_items i JOIN settlement_batches b ON b.id = i.batch_id "
               "JOIN subsidy_ledger l ON l.id = i.entry_id "
               "WHERE i.live AND b.status IN ('APPROVED', 'PAID') AND l.mediator_id = ANY($1::uuid[]) "
               "AND l.period_day BETWEEN $2::date AND $3::date");
  conn.prepare("batch_insert",
               "INSERT INTO settlement_batches (id, region_code, period_year, period_kind, period_number, source, "
               "status, total_fen, drafted_by, drafted_at) "
               "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz)");
  conn.prepare("batch_items_insert",
               "INSERT INTO settlement_items (batch_id, entry_id) SELECT $1::uuid, unnest($2::uuid[])");
  conn.prepare("batch_update",
               "UPDATE settlement_batches SET status = $2, total_fen = $3, checked_by = $4, "
               "checked_at = NULLIF($5, '')::timestamptz, approved_by = $6, approved_at = NULLIF($7, '')::timestamptz, "
               "paid_by = $8, paid_at = NULLIF($9, '')::timestamptz, payment_reference = $10, cancelled_by = $11, "
               "cancelled_at = NULLIF($12, '')::timestamptz, cancel_reason = $13 WHERE id = $1::uuid");
  conn.prepare("batch_hold",
               "UPDATE settlement_items SET live = false, hold_reason = $3, hold_detail = $4 "
               "WHERE batch_id = $1::uuid AND entry_id = $2::uuid");
  conn.prepare("batch_release", "UPDATE settlement_items SET live = false WHERE batch_id = $1::uuid");
  conn.prepare("batch_pay",
               "INSERT INTO subsidy_payments (entry_id, batch_id, paid_at) "
               "SELECT entry_id, batch_id, $2::timestamptz FROM settlement_items WHERE batch_id = $1::uuid AND live");
  conn.prepare("batch_find", absl::StrCat("SELECT ", kBatchColumns,
                                          " FROM settlement_batches b WHERE b.id = $1::uuid AND ($2 OR EXISTS ("
                                          "SELECT 1 FROM unnest($3::text[], $4::text[]) AS r(lo, hi) "
                                          "WHERE b.region_code BETWEEN r.lo AND r.hi))"));
  conn.prepare("batch_find_lock", absl::StrCat("SELECT ", kBatchColumns,
                                               " FROM settlement_batches b WHERE b.id = $1::uuid AND ($2 OR EXISTS ("
                                               "SELECT 1 FROM unnest($3::text[], $4::text[]) AS r(lo, hi) "
                                               "WHERE b.region_code BETWEEN r.lo AND r.hi)) FOR UPDATE"));
  conn.prepare("batch_items",
               "SELECT l.id::text, l.mediator_id::text, l.case_number, l.amount_fen FROM settlement_items i "
               "JOIN subsidy_ledger l ON l.id = i.entry_id WHERE i.batch_id = $1::uuid AND i.live ORDER BY l.sequence");
  conn.prepare("batch_held",
               "SELECT l.id::text, l.mediator_id::text, l.amount_fen, i.hold_reason, i.hold_detail "
               "FROM settlement_items i JOIN subsidy_ledger l ON l.id = i.entry_id "
               "WHERE i.batch_id = $1::uuid AND i.hold_reason <> '' ORDER BY l.sequence");
  // An entry held back by several checks (a later interim batch of the
  // period) is listed once, with the latest hold.
  conn.prepare("mediator_held",
               "SELECT DISTINCT ON (l.sequence) l.id::text, l.mediator_id::text, l.amount_fen, i.hold_reason, "
               "i.hold_detail "
               "FROM settlement_items i JOIN subsidy_ledger l ON l.id = i.entry_id "
               "JOIN settlement_batches b ON b.id = i.batch_id "
               "WHERE l.mediator_id = $1::uuid AND i.hold_reason <> '' AND b.status <> 'CANCELLED' "
               "AND l.period_day BETWEEN $2::date AND $3::date "
               "AND NOT EXISTS (SELECT 1 FROM settlement_items j WHERE j.entry_id = l.id AND j.live) "
               "AND NOT EXISTS (SELECT 1 FROM subsidy_payments p WHERE p.entry_id = l.id) "
               "ORDER BY l.sequence, b.drafted_at DESC, b.id DESC");
}

absl::Status LockStandardRegion(Tx& tx, const std::string& region_code) {
  tx.exec_prepared("standard_lock_region", region_code);
  return absl::OkStatus();
}

absl::Status InsertStandard(Tx& tx, const domain::SubsidyStandard& s) {
  std::vector<std::string> failures;
  for (auto f : s.paid_failures) failures.push_back(domain::MediationFailureName(f));
  tx.exec_prepared("standard_insert", s.id, s.region_code, DateParam(s.effective_from),
                   s.effective_until ? DateParam(*s.effective_until) : std::string(), s.simple_fen, s.ordinary_fen,
                   s.complex_fen, s.collective_fen, s.collective_min_workers, s.failed_case_fen,
                   PlainArrayParam(failures),
                   s.cap_period == SpanKind::kUnspecified ? std::string() : domain::SpanKindName(s.cap_period),
                   s.cap_amount_fen, s.cap_count, s.require_session, domain::SpanKindName(s.settlement_period),
                   s.basis, s.created_by, TimeParam(s.create_time));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::SubsidyStandard>> StandardsOf(Tx& tx, const std::vector<std::string>& regions) {
  std::vector<domain::SubsidyStandard> out;
  for (const auto& row : tx.exec_prepared("standards_of", PlainArrayParam(regions))) out.push_back(StandardFromRow(row));
  return out;
}

absl::StatusOr<std::optional<domain::SubsidyStandard>> FindStandard(Tx& tx, const std::string& id) {
  if (!LooksLikeUuid(id)) return std::optional<domain::SubsidyStandard>();
  pqxx::result rows = tx.exec_prepared("standard_find", id);
  if (rows.empty()) return std::optional<domain::SubsidyStandard>();
  return std::optional<domain::SubsidyStandard>(StandardFromRow(rows[0]));
}

absl::StatusOr<std::vector<domain::SubsidyStandard>> ListStandards(Tx& tx,
                                                                   const std::optional<domain::RegionCodeRange>& subtree,
                                                                   const std::optional<StandardCursor>& after,
                                                                   int limit) {
  const domain::RegionCodeRange all{"000000", "999999"};
  const auto& range = subtree ? *subtree : all;
  std::vector<domain::SubsidyStandard> out;
  for (const auto& row : tx.exec_prepared("standards_list", range.first, range.last,
                                          after ? after->region_code : std::string(),
                                          DateParam(after ? after->effective_from : absl::CivilDay(1, 1, 1)), limit)) {
    out.push_back(StandardFromRow(row));
  }
  return out;
}

absl::StatusOr<domain::SubsidyTier> CaseTierDesignation(Tx& tx, const std::string& case_id) {
  pqxx::result rows = tx.exec_prepared("case_tier_get", case_id);
  if (rows.empty()) return absl::InternalError("the case vanished while reading its tier");
  return domain::SubsidyTierFromName(rows[0][0].as<std::string>()).value_or(domain::SubsidyTier::kOrdinary);
}

absl::Status SetCaseTierDesignation(Tx& tx, const std::string& case_id, domain::SubsidyTier tier) {
  tx.exec_prepared("case_tier_set", case_id, domain::SubsidyTierName(tier));
  return absl::OkStatus();
}

absl::StatusOr<int> SessionsOfDelegation(Tx& tx, const std::string& delegation_id) {
  return tx.exec_prepared("sessions_of_delegation", delegation_id)[0][0].as<int>();
}

absl::StatusOr<std::optional<int64_t>> AppendLedgerEntry(Tx& tx, const domain::LedgerEntry& e) {
  pqxx::result rows = tx.exec_prepared(
      "ledger_append", e.id, domain::LedgerEntryKindName(e.kind), e.case_id, e.case_number, e.delegation_id,
      e.region_code, e.commission_id, e.room_id, e.mediator_id, e.outcome,
      e.failure == domain::MediationFailure::kUnspecified ? std::string() : domain::MediationFailureName(e.failure),
      TimeParam(e.outcome_time), DateParam(e.period_day), domain::SubsidyTierName(e.tier), e.amount_fen,
      e.standard_id, e.rule, domain::NoSubsidyName(e.no_subsidy), e.reverses, e.reason, e.created_by,
      TimeParam(e.create_time));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0][0].as<int64_t>());
}

absl::StatusOr<std::optional<domain::LedgerEntry>> FindLedgerEntry(Tx& tx, const std::string& id,
                                                                   const domain::CaseScope& scope) {
  if (!LooksLikeUuid(id) || !ScopeIdsWellFormed(scope)) return std::optional<domain::LedgerEntry>();
  const ScopeParams s(scope);
  pqxx::result rows = tx.exec_prepared("ledger_find", id, s.everything, s.commissions, s.room, s.firsts, s.lasts);
  if (rows.empty()) return std::optional<domain::LedgerEntry>();
  return std::optional<domain::LedgerEntry>(EntryFromRow(rows[0]));
}

absl::StatusOr<domain::BatchStatus> LiveBatchStatusOf(Tx& tx, const std::string& entry_id) {
  pqxx::result rows = tx.exec_prepared("ledger_live_batch_status", entry_id);
  if (rows.empty()) return domain::BatchStatus::kUnspecified;
  return domain::BatchStatusFromName(rows[0][0].as<std::string>()).value_or(domain::BatchStatus::kUnspecified);
}

absl::StatusOr<std::vector<domain::LedgerEntry>> ListLedgerEntries(Tx& tx, const LedgerFilter& f,
                                                                   const domain::CaseScope& scope,
                                                                   int64_t after_sequence, int limit) {
  std::vector<domain::LedgerEntry> out;
  if (!ScopeIdsWellFormed(scope)) return out;
  for (const std::string* id : {&f.room_id, &f.mediator_id, &f.case_id}) {
    if (!id->empty() && !LooksLikeUuid(*id)) return out;
  }
  const domain::RegionCodeRange all{"000000", "999999"};
  const auto& region = f.region ? *f.region : all;
  const ScopeParams s(scope);
  for (const auto& row : tx.exec_prepared(
           "ledger_list", after_sequence, region.first, region.last, f.room_id, f.mediator_id, f.case_id,
           DateParam(f.first_day.value_or(absl::CivilDay(1, 1, 1))),
           DateParam(f.last_day.value_or(absl::CivilDay(9999, 12, 31))), f.unsettled_only, s.everything,
           s.commissions, s.room, s.firsts, s.lasts, limit)) {
    out.push_back(EntryFromRow(row));
  }
  return out;
}

absl::Status InsertBudgetEntry(Tx& tx, const domain::BudgetEntry& e) {
  tx.exec_prepared("budget_insert", e.id, e.region_code, e.year, domain::FundingSourceName(e.source), e.amount_fen,
                   e.note, e.created_by, TimeParam(e.create_time));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::BudgetEntry>> BudgetEntriesOf(Tx& tx, const std::string& region_code, int year) {
  std::vector<domain::BudgetEntry> out;
  for (const auto& row : tx.exec_prepared("budget_entries_of", region_code, year)) {
    domain::BudgetEntry e;
    e.id = row[0].as<std::string>();
    e.region_code = row[1].as<std::string>();
    e.year = row[2].as<int>();
    e.source = domain::FundingSourceFromName(row[3].as<std::string>()).value_or(domain::FundingSource::kUnspecified);
    e.amount_fen = row[4].as<int64_t>();
    e.note = row[5].as<std::string>();
    e.created_by = row[6].as<std::string>();
    e.create_time = TimeFromMicros(row[7].as<int64_t>());
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<domain::BudgetLine> BudgetLineOf(Tx& tx, const std::string& region_code, int year,
                                                domain::FundingSource source) {
  const auto row = tx.exec_prepared("budget_line", region_code, year, domain::FundingSourceName(source))[0];
  domain::BudgetLine line;
  line.source = source;
  line.budgeted_fen = row[0].as<int64_t>();
  line.approved_fen = row[1].as<int64_t>();
  line.paid_fen = row[2].as<int64_t>();
  return line;
}

absl::Status LockSettlement(Tx& tx) {
  tx.exec_prepared("settlement_lock");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::CapCandidate>> FreeEntries(Tx& tx, const domain::RegionCodeRange& region,
                                                              absl::CivilDay first, absl::CivilDay last) {
  std::vector<domain::CapCandidate> out;
  for (const auto& row :
       tx.exec_prepared("settlement_free_entries", region.first, region.last, DateParam(first), DateParam(last))) {
    out.push_back(CandidateFromRow(row));
  }
  return out;
}

absl::StatusOr<std::vector<domain::CapCandidate>> BatchCandidates(Tx& tx, const std::string& batch_id) {
  std::vector<domain::CapCandidate> out;
  for (const auto& row : tx.exec_prepared("settlement_batch_candidates", batch_id)) out.push_back(CandidateFromRow(row));
  return out;
}

absl::StatusOr<std::vector<domain::PriorSettled>> PriorSettledOf(Tx& tx, const std::vector<std::string>& mediator_ids,
                                                                 int year) {
  std::vector<domain::PriorSettled> out;
  for (const auto& row : tx.exec_prepared("settlement_prior", UuidArrayParam(mediator_ids),
                                          DateParam(absl::CivilDay(year, 1, 1)),
                                          DateParam(absl::CivilDay(year, 12, 31)))) {
    out.push_back({row[0].as<std::string>(), row[1].as<int64_t>(), DateFromText(row[2].as<std::string>()),
                   row[3].as<bool>()});
  }
  return out;
}

absl::Status InsertBatch(Tx& tx, const domain::SettlementBatch& b, const std::vector<std::string>& entry_ids) {
  tx.exec_prepared("batch_insert", b.id, b.region_code, b.period.year, domain::SpanKindName(b.period.kind),
                   b.period.number, domain::FundingSourceName(b.source), domain::BatchStatusName(b.status),
                   b.total_fen, b.drafted_by, TimeParam(b.draft_time));
  tx.exec_prepared("batch_items_insert", b.id, UuidArrayParam(entry_ids));
  return absl::OkStatus();
}

absl::Status UpdateBatch(Tx& tx, const domain::SettlementBatch& b) {
  tx.exec_prepared("batch_update", b.id, domain::BatchStatusName(b.status), b.total_fen, b.checked_by,
                   OptionalTimeParam(b.check_time), b.approved_by, OptionalTimeParam(b.approve_time), b.paid_by,
                   OptionalTimeParam(b.pay_time), b.payment_reference, b.cancelled_by,
                   OptionalTimeParam(b.cancel_time), b.cancel_reason);
  return absl::OkStatus();
}

absl::Status HoldBack(Tx& tx, const std::string& batch_id, const std::vector<domain::HeldItem>& held) {
  for (const auto& h : held) {
    tx.exec_prepared("batch_hold", batch_id, h.entry_id, domain::HoldReasonName(h.reason), h.detail);
  }
  return absl::OkStatus();
}

absl::Status ReleaseBatch(Tx& tx, const std::string& batch_id) {
  tx.exec_prepared("batch_release", batch_id);
  return absl::OkStatus();
}

absl::Status RecordPayments(Tx& tx, const std::string& batch_id, absl::Time when) {
  tx.exec_prepared("batch_pay", batch_id, TimeParam(when));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::SettlementBatch>> FindBatch(Tx& tx, const std::string& id,
                                                                 const domain::CaseScope& scope, bool lock) {
  if (!LooksLikeUuid(id)) return std::optional<domain::SettlementBatch>();
  const ScopeParams s(scope);
  pqxx::result rows = tx.exec_prepared(lock ? "batch_find_lock" : "batch_find", id, s.everything, s.firsts, s.lasts);
  if (rows.empty()) return std::optional<domain::SettlementBatch>();
  domain::SettlementBatch b = BatchFromRow(rows[0]);
  for (const auto& row : tx.exec_prepared("batch_items", id)) {
    b.items.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<int64_t>()});
  }
  for (const auto& row : tx.exec_prepared("batch_held", id)) b.held_back.push_back(HeldFromRow(row));
  return std::optional<domain::SettlementBatch>(std::move(b));
}

absl::StatusOr<std::vector<domain::HeldItem>> HeldBackOf(Tx& tx, const std::string& mediator_id, absl::CivilDay first,
                                                         absl::CivilDay last) {
  std::vector<domain::HeldItem> out;
  for (const auto& row : tx.exec_prepared("mediator_held", mediator_id, DateParam(first), DateParam(last))) {
    out.push_back(HeldFromRow(row));
  }
  return out;
}

}  // namespace caitiao::storage
