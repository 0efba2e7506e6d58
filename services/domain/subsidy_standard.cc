#include "services/domain/subsidy_standard.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

// The version of exactly `region_code` whose range holds `day`.
const SubsidyStandard* RegionVersionInForce(const std::vector<SubsidyStandard>& versions,
                                            const std::string& region_code, absl::CivilDay day) {
  const SubsidyStandard* latest = nullptr;
  for (const auto& v : versions) {
    if (v.region_code != region_code || v.effective_from > day) continue;
    if (latest == nullptr || v.effective_from > latest->effective_from) latest = &v;
  }
  if (latest != nullptr && latest->effective_until && *latest->effective_until < day) return nullptr;
  return latest;
}

void CheckAmount(FieldViolations& v, const char* field, int64_t fen) {
  if (fen < 0 || fen > kMaxSubsidyFen) {
    v.Add(field, absl::StrCat("must be 0..", kMaxSubsidyFen, " fen (got ", fen, ")"));
  }
}

}  // namespace

const SubsidyStandard* StandardInForce(const std::vector<SubsidyStandard>& versions, std::string_view region_code,
                                       absl::CivilDay day) {
  for (const std::string& code : PolicyRegionChain(region_code)) {
    if (const SubsidyStandard* v = RegionVersionInForce(versions, code, day)) return v;
  }
  return nullptr;
}

FieldViolations ValidateSubsidyStandard(const SubsidyStandard& s, absl::CivilDay today) {
  FieldViolations v;
  if (s.effective_from < today) {
    v.Add("effective_from", absl::StrCat("must not be before today (", absl::FormatCivilTime(today),
                                         "): a standard is never made retroactive; create a version from today on"));
  }
  if (s.effective_until && *s.effective_until < s.effective_from) {
    v.Add("effective_until", "must not be before effective_from");
  }
  CheckAmount(v, "simple_fen", s.simple_fen);
  CheckAmount(v, "ordinary_fen", s.ordinary_fen);
  CheckAmount(v, "complex_fen", s.complex_fen);
  CheckAmount(v, "collective_fen", s.collective_fen);
  CheckAmount(v, "failed_case_fen", s.failed_case_fen);
  if (s.collective_min_workers < 2 || s.collective_min_workers > 1000) {
    v.Add("collective_min_workers", absl::StrCat("must be 2..1000 (got ", s.collective_min_workers, ")"));
  }
  for (size_t i = 0; i < s.paid_failures.size(); ++i) {
    const MediationFailure f = s.paid_failures[i];
    const std::string path = absl::StrCat("paid_failures[", i, "]");
    if (MediationFailureName(f) == std::string_view("UNSPECIFIED")) {
      v.Add(path, "is not a known failure reason");
    } else if (std::find(s.paid_failures.begin(), s.paid_failures.begin() + static_cast<long>(i), f) !=
               s.paid_failures.begin() + static_cast<long>(i)) {
      v.Add(path, absl::StrCat(MediationFailureName(f), " is listed twice"));
    }
  }
  if (s.cap_amount_fen < 0) v.Add("cap_amount_fen", "must not be negative (0: no amount cap)");
  if (s.cap_count < 0) v.Add("cap_count", "must not be negative (0: no count cap)");
  const bool capped = s.cap_amount_fen > 0 || s.cap_count > 0;
  if (capped && s.cap_period == SpanKind::kUnspecified) {
    v.Add("cap_period", "is required with a cap: MONTH, QUARTER, HALF_YEAR or YEAR");
  }
  if (s.settlement_period != SpanKind::kQuarter && s.settlement_period != SpanKind::kHalfYear) {
    v.Add("settlement_period", "must be QUARTER or HALF_YEAR");
  }
  if (auto p = TextProblem(s.basis, 1, 200)) v.Add("basis", *p);
  return v;
}

absl::Status CheckSupersedes(const std::vector<SubsidyStandard>& region_versions, const SubsidyStandard& next) {
  for (const auto& v : region_versions) {
    if (v.region_code == next.region_code && v.effective_from >= next.effective_from) {
      return Refuse(reasons::kStandardVersionOverlaps,
                    absl::StrCat("region ", next.region_code, " has a subsidy standard version from ",
                                 absl::FormatCivilTime(v.effective_from),
                                 "; a new version supersedes from a later day, never before or on it"));
    }
  }
  return absl::OkStatus();
}

int64_t TierAmount(const SubsidyStandard& s, SubsidyTier tier) {
  switch (tier) {
    case SubsidyTier::kSimple:
      return s.simple_fen;
    case SubsidyTier::kComplex:
      return s.complex_fen;
    case SubsidyTier::kCollective:
      return s.collective_fen;
    case SubsidyTier::kOrdinary:
    case SubsidyTier::kUnspecified:
      break;
  }
  return s.ordinary_fen;
}

}  // namespace caitiao::domain
