#include "services/domain/case_update.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr CaseField kAllFields[] = {CaseField::kApplicants, CaseField::kRespondents, CaseField::kClaims,
                                    CaseField::kFactsAndReasons, CaseField::kApplicationDate};

}  // namespace

const char* CaseFieldPath(CaseField field) {
  switch (field) {
    case CaseField::kApplicants: return "applicants";
    case CaseField::kRespondents: return "respondents";
    case CaseField::kClaims: return "claims";
    case CaseField::kFactsAndReasons: return "facts_and_reasons";
    case CaseField::kApplicationDate: return "application_date";
  }
  return "";
}

absl::StatusOr<CaseField> CaseFieldFromPath(std::string_view path) {
  for (CaseField f : kAllFields) {
    if (path == CaseFieldPath(f)) return f;
  }
  return InvalidField("update_mask",
                      absl::StrCat(QuoteForMessage(path),
                                   " cannot be updated; updatable fields are applicants, respondents, "
                                   "claims, facts_and_reasons, application_date"));
}

CaseContent ApplyCaseUpdate(const CaseContent& current, const CaseContent& patch,
                            const std::set<CaseField>& fields) {
  CaseContent out = current;
  for (CaseField f : fields) {
    switch (f) {
      case CaseField::kApplicants: out.applicants = patch.applicants; break;
      case CaseField::kRespondents: out.respondents = patch.respondents; break;
      case CaseField::kClaims: out.claims = patch.claims; break;
      case CaseField::kFactsAndReasons: out.facts_and_reasons = patch.facts_and_reasons; break;
      case CaseField::kApplicationDate: out.application_date = patch.application_date; break;
    }
  }
  return out;
}

std::string EtagOf(int64_t version) { return absl::StrCat("v", version); }

absl::Status CheckEtag(std::string_view etag, int64_t current_version) {
  if (etag.empty()) {
    return InvalidField("etag", "is required: send the etag of the case as you last read it");
  }
  if (etag != EtagOf(current_version)) {
    return WithReason(absl::AbortedError("the case changed since you read it; re-read it and retry"),
                      reasons::kEtagMismatch);
  }
  return absl::OkStatus();
}

}  // namespace caitiao::domain
