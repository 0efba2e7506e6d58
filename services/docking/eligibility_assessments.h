// The eligibility assessment (委托调解条件审查), in domain terms: staff record
// criteria 1-3, the server computes 4 (consent) and 5 (never a labor
// relationship confirmation) and the warnings, and the whole result is
// stored on the case version it was made on.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/docking/docking_requests.h"
#include "services/domain/docking_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Assesses and stores. The case must be RECEIVED or FILED (INVALID_STATE)
// and at `etag` (ABORTED, ETAG_MISMATCH). INVALID_ARGUMENT for missing
// explanations (see domain::AssessEligibility).
absl::StatusOr<domain::EligibilityAssessmentRecord> AssessCase(storage::Tx& tx, const CallContext& call,
                                                               const StaffAssessment& request);

// NOT_FOUND (ASSESSMENT_NOT_FOUND) when the case has none.
absl::StatusOr<domain::EligibilityAssessmentRecord> LatestAssessmentOf(storage::Tx& tx, const CallContext& call,
                                                                       const std::string& case_id);

// The input of a fresh evaluation of `c` now: the staff determinations of
// `assessment` with today's consents and claims, and (`with_warnings`) what
// the warnings need, which a re-check at delegation skips: they never block.
// Used by AssessCase and again inside DelegateCase.
absl::StatusOr<domain::EligibilityInput> CurrentEligibilityInput(storage::Tx& tx, const CallContext& call,
                                                                 const domain::CaseRecord& c,
                                                                 const StaffAssessment& staff, bool with_warnings);

// The staff determinations an assessment recorded (criteria 1-3).
StaffAssessment StaffPartOf(const domain::EligibilityAssessmentRecord& assessment);

}  // namespace caitiao::services
