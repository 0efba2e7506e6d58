// Case subsidies (办案补贴) and funding (经费保障) as plain values: the
// standard, ledger entries, budget entries and settlement batches. Enum
// values equal the caitiao.v1 enums of the same names; money is integer fen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/mediation_outcome.h"

namespace caitiao::domain {

enum class SubsidyTier { kUnspecified = 0, kSimple = 1, kOrdinary = 2, kComplex = 3, kCollective = 4 };
const char* SubsidyTierName(SubsidyTier tier);  // "SIMPLE", ...
std::optional<SubsidyTier> SubsidyTierFromName(std::string_view name);

// The kind of span of a year a Period is (caitiao.v1.PeriodKind).
enum class SpanKind { kUnspecified = 0, kMonth = 1, kQuarter = 2, kHalfYear = 3, kYear = 4 };
const char* SpanKindName(SpanKind kind);  // "MONTH", "QUARTER", "HALF_YEAR", "YEAR"
std::optional<SpanKind> SpanKindFromName(std::string_view name);

// A span of a year: the 1st quarter of 2027, the 2nd half of 2027, ...
struct Period {
  int year = 0;
  SpanKind kind = SpanKind::kUnspecified;
  int number = 0;
  bool operator==(const Period&) const = default;
};

enum class FundingSource { kUnspecified = 0, kHrss = 1 /* 人社 */, kUnion = 2 /* 工会 */ };
const char* FundingSourceName(FundingSource source);  // "HRSS", "UNION"
std::optional<FundingSource> FundingSourceFromName(std::string_view name);

// A case with at least this many worker applicants is collective (集体争议)
// unless its standard says otherwise, and when no standard is in force.
inline constexpr int kDefaultCollectiveMinWorkers = 10;

// 办案补贴标准: one version of a region's standard.
struct SubsidyStandard {
  std::string id;
  std::string region_code;
  absl::CivilDay effective_from;
  std::optional<absl::CivilDay> effective_until;  // inclusive
  int64_t simple_fen = 0, ordinary_fen = 0, complex_fen = 0, collective_fen = 0;
  int collective_min_workers = kDefaultCollectiveMinWorkers;
  // A failed case conducted properly (at least one session) earns
  // failed_case_fen when it failed for one of these reasons.
  int64_t failed_case_fen = 0;
  std::vector<MediationFailure> paid_failures;
  // Caps per mediator per cap_period; 0 means no cap of that kind.
  SpanKind cap_period = SpanKind::kUnspecified;
  int64_t cap_amount_fen = 0;
  int cap_count = 0;
  bool require_session = false;
  SpanKind settlement_period = SpanKind::kQuarter;
  std::string basis;  // the published document, e.g. 鄂人社发〔2026〕1号
  std::string created_by;
  absl::Time create_time;
};

enum class LedgerEntryKind { kUnspecified = 0, kAccrual = 1, kReversal = 2 };
const char* LedgerEntryKindName(LedgerEntryKind kind);
std::optional<LedgerEntryKind> LedgerEntryKindFromName(std::string_view name);

// Why an outcome earned nothing (kNone: it earned its amount).
enum class NoSubsidy {
  kNone = 0,
  kNoStandard = 1,
  kCivilServant = 2,
  kCertificateExpired = 3,
  kOutOfTerm = 4,
  kNoSession = 5,
  kFailureNotPaid = 6,
  kZeroAmount = 7,
};
// "" for kNone, else "NO_STANDARD", "CIVIL_SERVANT", ... (stored).
const char* NoSubsidyName(NoSubsidy reason);
std::optional<NoSubsidy> NoSubsidyFromName(std::string_view name);

struct LedgerEntry {
  std::string id;
  int64_t sequence = 0;
  LedgerEntryKind kind = LedgerEntryKind::kUnspecified;
  std::string case_id, case_number, delegation_id, region_code, commission_id, room_id, mediator_id;
  std::string outcome;  // "SUCCEEDED_PERFORMED", "SUCCEEDED_DOCUMENT", "FAILED"
  MediationFailure failure = MediationFailure::kUnspecified;
  absl::Time outcome_time;
  // Places the entry in a period: the outcome's day in China, or a reversal's own.
  absl::CivilDay period_day;
  SubsidyTier tier = SubsidyTier::kUnspecified;
  int64_t amount_fen = 0;
  std::string standard_id;
  std::string rule;
  NoSubsidy no_subsidy = NoSubsidy::kNone;
  std::string reverses;  // a reversal's original
  std::string reason;    // a reversal's reason
  std::string created_by;
  absl::Time create_time;
  // Read with the entry, never stored on it.
  std::string reversed_by;
  std::string batch_id;  // its live batch
  std::optional<absl::Time> paid_time;
};

struct BudgetEntry {
  std::string id;
  std::string region_code;
  int year = 0;
  FundingSource source = FundingSource::kUnspecified;
  int64_t amount_fen = 0;
  std::string note;
  std::string created_by;
  absl::Time create_time;
};

enum class BatchStatus { kUnspecified = 0, kDraft = 1, kChecked = 2, kApproved = 3, kPaid = 4, kCancelled = 5 };
const char* BatchStatusName(BatchStatus status);
std::optional<BatchStatus> BatchStatusFromName(std::string_view name);

enum class HoldReason { kNone = 0, kCapAmount = 1, kCapCount = 2 };
const char* HoldReasonName(HoldReason reason);  // "", "CAP_AMOUNT", "CAP_COUNT"
std::optional<HoldReason> HoldReasonFromName(std::string_view name);

struct BatchItem {
  std::string entry_id, mediator_id, case_number;
  int64_t amount_fen = 0;
};

struct HeldItem {
  std::string entry_id, mediator_id;
  int64_t amount_fen = 0;
  HoldReason reason = HoldReason::kNone;
  std::string detail;
};

// 结算: one batch of a region's entries of a period, paid from one source.
struct SettlementBatch {
  std::string id;
  std::string region_code;
  Period period;
  FundingSource source = FundingSource::kUnspecified;
  BatchStatus status = BatchStatus::kUnspecified;
  std::vector<BatchItem> items;
  std::vector<HeldItem> held_back;
  int64_t total_fen = 0;
  std::string drafted_by;
  absl::Time draft_time;
  std::string checked_by;
  std::optional<absl::Time> check_time;
  std::string approved_by;
  std::optional<absl::Time> approve_time;
  std::string paid_by;
  std::optional<absl::Time> pay_time;
  std::string payment_reference;
  std::string cancelled_by;
  std::optional<absl::Time> cancel_time;
  std::string cancel_reason;
};

}  // namespace caitiao::domain
