// The records of the docking as the domain sees them: consents, eligibility
// assessments and mediators' declared conflicts. (Delegations are in
// delegation.h.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/eligibility.h"

namespace caitiao::domain {

// 当事人同意调解: one party's consent, and its withdrawal if any.
struct ConsentRecord {
  std::string id;
  std::string case_id;
  PartySide side = PartySide::kUnspecified;
  int position = 0;  // in the case's applicants or respondents
  ConsentForm form = ConsentForm::kUnspecified;
  absl::Time given;
  std::string evidence_ref;
  std::string recorded_by;
  absl::Time record_time;
  std::optional<absl::Time> withdrawn;
  std::string withdrawal_reason;
  std::string withdrawn_by;
};

// The party id SummarizeConsent works with, within its side: the position
// ("0", "1"), so that its explanations read "no consent from respondent 0".
std::string PartyId(PartySide side, int position);
// A party named across sides, for event summaries: "APPLICANT/0".
std::string PartyLabel(PartySide side, int position);
Consent AsConsent(const ConsentRecord& record);

struct EligibilityAssessmentRecord {
  std::string id;
  std::string case_id;
  int64_t case_version = 0;       // the case's version (etag) when assessed
  int64_t substance_version = 0;  // its substance version: delegation needs it current
  EligibilityResult result;
  bool respondent_contests_labor_relationship = false;
  // Set when this assessment cleared a contest an earlier one recorded.
  std::string contest_cleared_reason;
  std::string contest_cleared_evidence_ref;
  std::optional<absl::CivilDay> infringement_date;
  std::string assessed_by;
  absl::Time assess_time;
};

// 回避: a mediator may not take this case.
struct MediatorConflictRecord {
  std::string mediator_id;
  std::string case_id;
  std::string reason;
  std::string declared_by;
  absl::Time declare_time;
};

}  // namespace caitiao::domain
