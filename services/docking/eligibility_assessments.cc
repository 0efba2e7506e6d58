#include "services/docking/eligibility_assessments.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/docking/consents.h"
#include "services/domain/case_events.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"

namespace caitiao::services {
namespace {

// " unmet=CODE,CODE" for the docking report's count of unmet criteria.
std::string UnmetCriteria(const domain::EligibilityResult& result) {
  std::vector<std::string> codes;
  for (const auto& c : result.criteria) {
    if (!c.passed) codes.push_back(c.code);
  }
  return codes.empty() ? "" : absl::StrCat(" unmet=", absl::StrJoin(codes, ","));
}

}  // namespace
namespace {

using domain::StaffDetermination;

}  // namespace

absl::StatusOr<domain::EligibilityInput> CurrentEligibilityInput(storage::Tx& tx, const CallContext& call,
                                                                 const domain::CaseRecord& c,
                                                                 const StaffAssessment& staff, bool with_warnings) {
  domain::EligibilityInput in;
  in.within_scope = staff.within_scope;
  in.acceptance_dispute_type = staff.acceptance_dispute_type;
  in.acceptance_clear_claim = staff.acceptance_clear_claim;
  in.acceptance_parties = staff.acceptance_parties;
  in.acceptance_jurisdiction = staff.acceptance_jurisdiction;
  in.suitable_for_mediation = staff.suitable_for_mediation;
  for (const auto& claim : c.content.claims) in.claim_types.push_back(claim.dispute_type);
  in.respondent_contests_labor_relationship = staff.respondent_contests_labor_relationship;
  CAITIAO_ASSIGN_OR_RETURN(auto records, storage::ListConsents(tx, c.id));
  std::vector<domain::Consent> consents;
  for (const auto& r : records) consents.push_back(domain::AsConsent(r));
  in.consent = domain::SummarizeConsent(PartyIds(c, domain::PartySide::kApplicant),
                                        PartyIds(c, domain::PartySide::kRespondent), consents);
  in.today = domain::ChinaDay(call.now);
  if (with_warnings) {
    in.infringement_date = staff.infringement_date;
    CAITIAO_ASSIGN_OR_RETURN(in.other_open_cases_same_parties, storage::CountOtherOpenCasesOfParties(tx, c.id));
  }
  return in;
}

StaffAssessment StaffPartOf(const domain::EligibilityAssessmentRecord& a) {
  StaffAssessment s;
  s.case_id = a.case_id;
  std::map<std::string, StaffDetermination*> by_code = {
      {domain::kWithinArbitrationScope, &s.within_scope},
      {domain::kAcceptanceDisputeType, &s.acceptance_dispute_type},
      {domain::kAcceptanceClearClaim, &s.acceptance_clear_claim},
      {domain::kAcceptanceParties, &s.acceptance_parties},
      {domain::kAcceptanceJurisdiction, &s.acceptance_jurisdiction},
      {domain::kSuitableForMediation, &s.suitable_for_mediation},
  };
  for (const auto& criterion : a.result.criteria) {
    if (auto it = by_code.find(criterion.code); it != by_code.end()) {
      *it->second = StaffDetermination{criterion.passed, criterion.explanation};
    }
  }
  s.respondent_contests_labor_relationship = a.respondent_contests_labor_relationship;
  s.infringement_date = a.infringement_date;
  return s;
}

absl::StatusOr<domain::EligibilityAssessmentRecord> AssessCase(storage::Tx& tx, const CallContext& call,
                                                               const StaffAssessment& request) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, request.case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(request.etag, c.version));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(c.state, domain::CaseCommand::kAssessEligibility));
  CAITIAO_ASSIGN_OR_RETURN(auto previous, storage::LatestAssessment(tx, c.id));
  const bool previously_contested = previous && previous->respondent_contests_labor_relationship;
  CAITIAO_RETURN_IF_ERROR(domain::CheckContestClearing(previously_contested,
                                                       request.respondent_contests_labor_relationship,
                                                       request.contest_cleared_reason,
                                                       request.contest_cleared_evidence_ref)
                              .ToStatus());
  CAITIAO_ASSIGN_OR_RETURN(auto input, CurrentEligibilityInput(tx, call, c, request, /*with_warnings=*/true));
  CAITIAO_ASSIGN_OR_RETURN(auto result, domain::AssessEligibility(input));
  domain::EligibilityAssessmentRecord a;
  a.id = NewUuid();
  a.case_id = c.id;
  a.case_version = c.version;
  a.substance_version = c.substance_version;
  a.result = std::move(result);
  a.respondent_contests_labor_relationship = request.respondent_contests_labor_relationship;
  a.contest_cleared_reason = request.contest_cleared_reason;
  a.contest_cleared_evidence_ref = request.contest_cleared_evidence_ref;
  a.infringement_date = request.infringement_date;
  a.assessed_by = call.principal.id;
  a.assess_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertAssessment(tx, a));
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(
                              tx, MakeCaseEvent(call, c, domain::events::kEligibilityAssessed, c.state,
                                                absl::StrCat("eligible=", a.result.eligible ? "true" : "false",
                                                             UnmetCriteria(a.result),
                                                             a.contest_cleared_evidence_ref.empty()
                                                                 ? ""
                                                                 : absl::StrCat(" contest_cleared evidence=",
                                                                                a.contest_cleared_evidence_ref))))
                              .status());
  return a;
}

absl::StatusOr<domain::EligibilityAssessmentRecord> LatestAssessmentOf(storage::Tx& tx, const CallContext& call,
                                                                       const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  CAITIAO_ASSIGN_OR_RETURN(auto latest, storage::LatestAssessment(tx, c.id));
  if (!latest) {
    return domain::WithReason(absl::NotFoundError("this case has not been assessed for delegation yet"),
                              domain::reasons::kAssessmentNotFound);
  }
  return *latest;
}

}  // namespace caitiao::services
