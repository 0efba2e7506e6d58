// What the docking commands read from their flags: a party, a consent form,
// a delegation route, and the staff's eligibility determinations.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "caitiao/v1/docking.pb.h"

namespace caitiao::cli {

// "applicant:0", "respondent:1" (0-based position in the case).
absl::StatusOr<caitiao::v1::PartyRef> ParsePartyRef(const std::string& text);

// "written", "oral" (on record) or "electronic".
absl::StatusOr<caitiao::v1::ConsentForm> ParseConsentForm(const std::string& text);

// "before-filing" or "after-filing".
absl::StatusOr<caitiao::v1::DelegationRoute> ParseRoute(const std::string& text);

// assess: the determinations from --fail/--pass (CODE:EXPLANATION, CODE one
// of WITHIN_ARBITRATION_SCOPE, ACCEPTANCE_DISPUTE_TYPE, ACCEPTANCE_CLEAR_CLAIM,
// ACCEPTANCE_PARTIES, ACCEPTANCE_JURISDICTION or their short forms scope,
// dispute-type, clear-claim, parties, jurisdiction; every criterion not
// failed passes), --suitable or --not-suitable (exactly one), --contested and
// --infringement. The case id, etag and request id are left to the caller.
absl::StatusOr<caitiao::v1::AssessEligibilityRequest> AssessmentFromFlags();

}  // namespace caitiao::cli
