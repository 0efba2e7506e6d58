// Which parts of a case are personal data (个人信息, PIPL) and how they are
// masked for callers that may not see them in full: identity numbers and
// phones of parties and agents.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/case_types.h"
#include "services/domain/principal.h"

namespace caitiao::domain {

// Paths of the non-empty personal-data fields, e.g.
// "applicants[0].resident_id_number", "respondents[1].agents[0].phone".
std::vector<std::string> PersonalDataFields(const CaseContent& content);

// Masks every such field in place (420106********1234, 138****5678).
void MaskPersonalData(CaseContent& content);

// What reporting answers may carry of a case (they go to statisticians, not
// to the case's handlers): MaskPersonalData, natural persons' names masked
// (parties other than employers, and every agent: 王*国), addresses cut to
// their region (武汉市江岸区), and the facts and reasons, free text that
// names people, left out. Employers' names stay.
void MaskForReporting(CaseRecord& c);

// An event summary as reporting sees it: only its key=value parts whose
// value is plain ASCII without spaces ("path=SUCCEEDED_PERFORMED",
// "amount_fen=50000"); free text such as a reason given in words is dropped.
std::string SummaryForReporting(const std::string& summary);

// OK when the principal may read personal data unmasked; PERMISSION_DENIED
// (UNMASK_NOT_ALLOWED) otherwise.
absl::Status CheckMayUnmask(const Principal& p);

}  // namespace caitiao::domain
