#include "services/domain/subsidy_types.h"

#include <array>

#include "services/domain/enum_names.h"

namespace caitiao::domain {
namespace {

constexpr std::array<const char*, 5> kTierNames = {"UNSPECIFIED", "SIMPLE", "ORDINARY", "COMPLEX", "COLLECTIVE"};
constexpr std::array<const char*, 5> kSpanKindNames = {"UNSPECIFIED", "MONTH", "QUARTER", "HALF_YEAR", "YEAR"};
constexpr std::array<const char*, 3> kSourceNames = {"UNSPECIFIED", "HRSS", "UNION"};
constexpr std::array<const char*, 3> kEntryKindNames = {"UNSPECIFIED", "ACCRUAL", "REVERSAL"};
constexpr std::array<const char*, 6> kBatchStatusNames = {"UNSPECIFIED", "DRAFT",   "CHECKED",
                                                          "APPROVED",    "PAID",    "CANCELLED"};
// kNone is stored as the empty string.
constexpr std::array<const char*, 8> kNoSubsidyNames = {
    "",           "NO_STANDARD", "CIVIL_SERVANT",     "CERTIFICATE_EXPIRED",
    "OUT_OF_TERM", "NO_SESSION",  "FAILURE_NOT_PAID", "ZERO_AMOUNT"};
constexpr std::array<const char*, 3> kHoldNames = {"", "CAP_AMOUNT", "CAP_COUNT"};

// FromNameIn never parses index 0; the empty name is kNone here.
template <typename E, size_t N>
std::optional<E> FromNameOrNone(const std::array<const char*, N>& names, std::string_view name) {
  if (name.empty()) return static_cast<E>(0);
  return FromNameIn<E>(names, name);
}

}  // namespace

const char* SubsidyTierName(SubsidyTier tier) { return NameIn(kTierNames, tier); }
std::optional<SubsidyTier> SubsidyTierFromName(std::string_view name) {
  return FromNameIn<SubsidyTier>(kTierNames, name);
}
const char* SpanKindName(SpanKind kind) { return NameIn(kSpanKindNames, kind); }
std::optional<SpanKind> SpanKindFromName(std::string_view name) {
  return FromNameIn<SpanKind>(kSpanKindNames, name);
}
const char* FundingSourceName(FundingSource source) { return NameIn(kSourceNames, source); }
std::optional<FundingSource> FundingSourceFromName(std::string_view name) {
  return FromNameIn<FundingSource>(kSourceNames, name);
}
const char* LedgerEntryKindName(LedgerEntryKind kind) { return NameIn(kEntryKindNames, kind); }
std::optional<LedgerEntryKind> LedgerEntryKindFromName(std::string_view name) {
  return FromNameIn<LedgerEntryKind>(kEntryKindNames, name);
}
const char* BatchStatusName(BatchStatus status) { return NameIn(kBatchStatusNames, status); }
std::optional<BatchStatus> BatchStatusFromName(std::string_view name) {
  return FromNameIn<BatchStatus>(kBatchStatusNames, name);
}
const char* NoSubsidyName(NoSubsidy reason) { return NameIn(kNoSubsidyNames, reason); }
std::optional<NoSubsidy> NoSubsidyFromName(std::string_view name) {
  return FromNameOrNone<NoSubsidy>(kNoSubsidyNames, name);
}
const char* HoldReasonName(HoldReason reason) { return NameIn(kHoldNames, reason); }
std::optional<HoldReason> HoldReasonFromName(std::string_view name) {
  return FromNameOrNone<HoldReason>(kHoldNames, name);
}

}  // namespace caitiao::domain
