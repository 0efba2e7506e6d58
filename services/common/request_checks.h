// Shape checks that many write RPCs share, before a transaction opens: each
// adds a violation at the request's own field path.
#pragma once

#include <string>

#include "absl/time/time.h"
#include "caitiao/v1/docking.pb.h"
#include "services/domain/errors.h"

namespace caitiao::services {

// A time a client says is "now" may run ahead of ours by this much.
inline constexpr absl::Duration kClockSkew = absl::Minutes(5);

// case_id and etag are required.
void CheckCaseAndEtag(const std::string& case_id, const std::string& etag, domain::FieldViolations* v);

// An evidence reference: 1..200 characters of single-line text.
void CheckEvidenceRef(const std::string& ref, domain::FieldViolations* v);

// APPLICANT or RESPONDENT and a position from 0 (whether the case has that
// party is checked inside the transaction).
bool IsPartyRef(const caitiao::v1::PartyRef& party);

}  // namespace caitiao::services
