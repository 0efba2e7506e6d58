#include "services/domain/case_types.h"

#include <array>
#include <string_view>

namespace caitiao::domain {
namespace {

// Indexed by the enum value, which equals the proto enum number. Storage keeps
// these names, so they must never change.
constexpr std::array<const char*, 12> kCaseStateNames = {
    "UNSPECIFIED",         "RECEIVED", "FILED",        "WITHDRAWN", "DELEGATED",    "IN_MEDIATION",
    "AGREEMENT_EFFECTIVE", "MEDIATED", "NOT_ACCEPTED", "CLOSED",    "UNDER_REVIEW", "DOCUMENT_SERVICE"};
constexpr std::array<const char*, 7> kDisputeTypeNames = {
    "UNSPECIFIED",
    "LABOR_RELATIONSHIP_CONFIRMATION",
    "LABOR_CONTRACT",
    "REMOVAL_DISMISSAL_RESIGNATION",
    "HOURS_LEAVE_INSURANCE_WELFARE",
    "REMUNERATION_COMPENSATION",
    "OTHER",
};

// Out-of-range values (a cast from an unchecked integer) read as UNSPECIFIED
// rather than indexing past the table.
template <typename Enum, size_t N>
const char* NameOf(const std::array<const char*, N>& names, Enum value) {
  auto index = static_cast<size_t>(value);
  return index < N ? names[index] : names[0];
}

// UNSPECIFIED is deliberately not accepted: it is the absence of a value.
template <typename Enum, size_t N>
std::optional<Enum> FromName(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (name == names[i]) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

const char* CaseStateName(CaseState s) { return NameOf(kCaseStateNames, s); }
const char* DisputeTypeName(DisputeType t) { return NameOf(kDisputeTypeNames, t); }

std::string CaseStateNames() {
  std::string out;
  for (size_t i = 1; i < kCaseStateNames.size(); ++i) {
    if (i > 1) out += ", ";
    out += kCaseStateNames[i];
  }
  return out;
}

std::optional<CaseState> CaseStateFromName(std::string_view name) {
  return FromName<CaseState>(kCaseStateNames, name);
}

std::optional<DisputeType> DisputeTypeFromName(std::string_view name) {
  return FromName<DisputeType>(kDisputeTypeNames, name);
}

}  // namespace caitiao::domain
