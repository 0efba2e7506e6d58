#include "services/common/request_checks.h"

#include "services/domain/text_rules.h"

namespace caitiao::services {

void CheckCaseAndEtag(const std::string& case_id, const std::string& etag, domain::FieldViolations* v) {
  if (case_id.empty()) v->Add("case_id", "is required");
  if (etag.empty()) v->Add("etag", "is required: send the etag of the case as you read it");
}

void CheckEvidenceRef(const std::string& ref, domain::FieldViolations* v) {
  if (auto p = domain::TextProblem(ref, 1, 200)) v->Add("evidence_ref", *p);
}

bool IsPartyRef(const caitiao::v1::PartyRef& party) {
  return (party.side() == caitiao::v1::PARTY_SIDE_APPLICANT || party.side() == caitiao::v1::PARTY_SIDE_RESPONDENT) &&
         party.position() >= 0;
}

}  // namespace caitiao::services
