// Partial updates of a case's content (UpdateCase with a field mask) and the
// etag that guards them against lost updates.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/domain/case_types.h"

namespace caitiao::domain {

enum class CaseField { kApplicants, kRespondents, kClaims, kFactsAndReasons, kApplicationDate };

// "applicants", "respondents", "claims", "facts_and_reasons",
// "application_date". INVALID_ARGUMENT (field "update_mask") for anything
// else, naming what can be updated.
absl::StatusOr<CaseField> CaseFieldFromPath(std::string_view path);
const char* CaseFieldPath(CaseField field);

// `current` with the named fields taken from `patch`.
CaseContent ApplyCaseUpdate(const CaseContent& current, const CaseContent& patch,
                            const std::set<CaseField>& fields);

// The etag of a stored version ("v3").
std::string EtagOf(int64_t version);

// INVALID_ARGUMENT if `etag` is empty; ABORTED (ETAG_MISMATCH) if it is not
// the etag of `current_version`.
absl::Status CheckEtag(std::string_view etag, int64_t current_version);

}  // namespace caitiao::domain
