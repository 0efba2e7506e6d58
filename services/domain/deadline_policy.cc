#include "services/domain/deadline_policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace caitiao::domain {
namespace {

constexpr int kMaxPeriodDays = 365;
constexpr int kMaxAcceptanceWorkingDays = 30;

void CheckRange(FieldViolations& problems, const char* field, int value, int min, int max, const char* unit) {
  if (value < min || value > max) {
    problems.Add(field, absl::StrCat("must be ", min, "..", max, " ", unit, " (got ", value, ")"));
  }
}

// The version of exactly `region_code` in force on `day`, if any.
const DeadlinePolicyVersion* InForce(const std::vector<DeadlinePolicyVersion>& versions,
                                     const std::string& region_code, absl::CivilDay day) {
  const DeadlinePolicyVersion* best = nullptr;
  for (const auto& v : versions) {
    if (v.region_code != region_code || v.effective_from > day) continue;
    if (best == nullptr || v.effective_from > best->effective_from) best = &v;
  }
  return best;
}

}  // namespace

std::vector<std::string> PolicyRegionChain(std::string_view region_code) {
  std::vector<std::string> chain = {std::string(region_code)};
  if (region_code.size() != 6) return chain;
  std::string city(region_code.substr(0, 4));
  city.append("00");
  std::string province(region_code.substr(0, 2));
  province.append("0000");
  for (std::string* parent : {&city, &province}) {
    if (std::find(chain.begin(), chain.end(), *parent) == chain.end()) chain.push_back(std::move(*parent));
  }
  return chain;
}

const DeadlinePolicyVersion* VersionInForce(const std::vector<DeadlinePolicyVersion>& versions,
                                            std::string_view region_code, absl::CivilDay day) {
  for (const std::string& code : PolicyRegionChain(region_code)) {
    if (const DeadlinePolicyVersion* v = InForce(versions, code, day)) return v;
  }
  return nullptr;
}

EffectivePolicy EffectiveDeadlinePolicy(const std::vector<DeadlinePolicyVersion>& versions,
                                        std::string_view region_code, absl::CivilDay day) {
  const DeadlinePolicyVersion* v = VersionInForce(versions, region_code, day);
  if (v == nullptr) return {DeadlinePolicy{}, kBuiltInPolicySource};
  return {v->policy, absl::StrCat(v->region_code, " from ", absl::FormatCivilTime(v->effective_from))};
}

FieldViolations ValidateDeadlinePolicy(const DeadlinePolicy& policy) {
  FieldViolations problems;
  CheckRange(problems, "pre_filing_mediation_days", policy.pre_filing_mediation_days, 1, kMaxPeriodDays,
             "calendar days");
  CheckRange(problems, "post_filing_mediation_days", policy.post_filing_mediation_days, 1, kMaxPeriodDays,
             "calendar days");
  CheckRange(problems, "acceptance_working_days", policy.acceptance_working_days, 1, kMaxAcceptanceWorkingDays,
             "working days");
  CheckRange(problems, "max_extension_days", policy.max_extension_days, 0, kMaxPeriodDays, "calendar days");
  CheckRange(problems, "acceptance_decision_working_days", policy.acceptance_decision_working_days, 1,
             kMaxAcceptanceWorkingDays, "working days");
  CheckRange(problems, "review_application_days", policy.review_application_days, 1, kMaxPeriodDays,
             "calendar days");
  CheckRange(problems, "review_working_days", policy.review_working_days, 1, kMaxAcceptanceWorkingDays,
             "working days");
  CheckRange(problems, "review_extension_working_days", policy.review_extension_working_days, 0,
             kMaxAcceptanceWorkingDays, "working days");
  CheckRange(problems, "max_mediation_extensions", policy.max_mediation_extensions, 0, 10, "extensions");
  return problems;
}

}  // namespace caitiao::domain
