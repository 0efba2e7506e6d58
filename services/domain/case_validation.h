// Validation of what staff enter for a case (CaseContent). Every problem is
// reported, with field paths relative to the case ("applicants[0].name",
// "claims[2].amount_fen", "application_date"); the caller adds its prefix.
#pragma once

#include <cstddef>
#include <cstdint>

#include "absl/time/civil_time.h"
#include "services/domain/case_types.h"
#include "services/domain/errors.h"

namespace caitiao::domain {

inline constexpr size_t kMaxPartiesPerSide = 1000;  // collective disputes can be large
inline constexpr size_t kMaxAgentsPerParty = 2;     // the Law Art. 24: one or two agents
inline constexpr size_t kMaxClaims = 100;
inline constexpr size_t kMaxNameChars = 100;
inline constexpr size_t kMaxAddressChars = 200;
inline constexpr size_t kMaxClaimDescriptionChars = 2000;
inline constexpr size_t kMaxFactsChars = 20000;
inline constexpr int64_t kMaxAmountFen = 1'000'000'000'000;  // 100 亿元
inline constexpr int kMinApplicationYear = 1995;             // the Labor Law took effect

// Checks one party: kind known; name 1..100 chars; identity by kind (a worker
// gives a valid resident_id_number or an other_identity_document, not both; an
// employer gives a valid unified_social_credit_code; an OTHER party gives at
// most one valid identity); phone valid if given; address 0..200 chars;
// at most two agents, each with a name, a known kind and a valid phone if given.
FieldViolations ValidateParty(const Party& party);

// Checks one claim: dispute type known; description 1..2000 chars;
// amount_fen, if given, in 0..kMaxAmountFen.
FieldViolations ValidateClaim(const Claim& claim);

// Checks a whole case: 1..kMaxPartiesPerSide applicants and respondents, each
// valid; 1..kMaxClaims claims, each valid; facts_and_reasons 1..20000 chars
// (multi-line); application_date between kMinApplicationYear-01-01 and
// `today` (the current date in Asia/Shanghai, passed in: no clock here).
FieldViolations ValidateCaseContent(const CaseContent& content, absl::CivilDay today);

}  // namespace caitiao::domain
