#include "services/domain/case_types.h"

#include <array>
#include <string_view>

#include "services/domain/enum_names.h"

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


}  // namespace

const char* CaseStateName(CaseState s) { return NameIn(kCaseStateNames, s); }
const char* DisputeTypeName(DisputeType t) { return NameIn(kDisputeTypeNames, t); }

std::string CaseStateNames() {
  std::string out;
  for (size_t i = 1; i < kCaseStateNames.size(); ++i) {
    if (i > 1) out += ", ";
    out += kCaseStateNames[i];
  }
  return out;
}

std::optional<CaseState> CaseStateFromName(std::string_view name) {
  return FromNameIn<CaseState>(kCaseStateNames, name);
}

std::optional<DisputeType> DisputeTypeFromName(std::string_view name) {
  return FromNameIn<DisputeType>(kDisputeTypeNames, name);
}

}  // namespace caitiao::domain
