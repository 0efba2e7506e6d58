// Parties' consent to mediation (当事人同意调解), in domain terms, over the
// caller's transaction. Recording or withdrawing a consent is a change of
// the case: its version (etag) moves on and an event is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/docking/docking_requests.h"
#include "services/domain/docking_types.h"
#include "storage/transaction.h"

namespace caitiao::services {


// The party must exist on the case (INVALID_ARGUMENT at party.position
// otherwise); the case must not be withdrawn (FAILED_PRECONDITION,
// INVALID_STATE); ALREADY_EXISTS (CONSENT_EXISTS) for a second current consent.
absl::StatusOr<domain::ConsentRecord> RecordConsent(storage::Tx& tx, const CallContext& call,
                                                    const NewConsent& consent);


// NOT_FOUND (CONSENT_NOT_FOUND) if absent or its case is out of scope;
// FAILED_PRECONDITION (CONSENT_WITHDRAWN) if already withdrawn.
absl::StatusOr<domain::ConsentRecord> WithdrawConsent(storage::Tx& tx, const CallContext& call,
                                                      const std::string& consent_id, const std::string& reason,
                                                      const std::optional<absl::Time>& when);

// The case's consents, oldest first. NOT_FOUND for a case out of scope.
absl::StatusOr<std::vector<domain::ConsentRecord>> ListConsents(storage::Tx& tx, const CallContext& call,
                                                                const std::string& case_id);

// Every applicant's and respondent's party id of a case ("APPLICANT/0", ...).
std::vector<std::string> PartyIds(const domain::CaseRecord& c, domain::PartySide side);

}  // namespace caitiao::services
