// The commission's decisions on a case that is not (or no longer) in
// mediation: file it (立案受理), refuse to accept it (不予受理), or close it
// after arbitration (结案). Each checks the transition table first.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/domain/case_types.h"
#include "services/domain/mediation_outcome.h"

namespace caitiao::domain {

// RECEIVED -> FILED.
absl::StatusOr<CaseState> DecideFiling(CaseState state);

// RECEIVED -> NOT_ACCEPTED; the reason is 1..2000 characters
// (INVALID_ARGUMENT at `reason`).
absl::StatusOr<CaseState> DecideAcceptanceRefusal(CaseState state, const std::string& reason);

// FILED -> CLOSED; the manner must be given (INVALID_ARGUMENT at `manner`),
// the note is 0..2000 characters (at `note`).
absl::StatusOr<CaseState> DecideClosing(CaseState state, ClosingManner manner, const std::string& note);

}  // namespace caitiao::domain
