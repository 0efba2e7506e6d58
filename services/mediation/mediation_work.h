// The mediation room's work on a case it accepted, in domain terms, over the
// caller's transaction: load the facts, ask the domain (mediation_outcome.h),
// store what it decided with its events and documents.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/mediation/mediation_requests.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/mediation_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// The case as the room works on it: locked, at `etag`, with its open
// delegation (if any) and the room row locked (its queue events commit in
// sequence order).
struct MediationCase {
  domain::CaseRecord c;
  std::optional<domain::Delegation> d;
  std::string room_name;
};
absl::StatusOr<MediationCase> LockMediationCase(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                                const std::string& etag);
// INTERNAL unless the case has its open delegation (the domain allowed a
// command that needs one).
absl::Status NeedDelegation(const MediationCase& mc);
int Applicants(const domain::CaseRecord& c);
int Respondents(const domain::CaseRecord& c);
// Stores the case's new state (the version moves) and an event the room's
// queue shows.
absl::Status SaveWithRoomEvent(storage::Tx& tx, const CallContext& call, domain::CaseRecord& c,
                               domain::CaseState from, const std::string& room_id, const char* kind,
                               std::string summary);
// Mediation succeeded by `path`: the delegation ends, the case is MEDIATED.
absl::Status SucceedMediation(storage::Tx& tx, const CallContext& call, MediationCase& mc, domain::SuccessPath path);


// The result of a change to a case: what to answer, and the case after it.
template <typename T>
struct Changed {
  T value;
  domain::CaseRecord c;
};

absl::StatusOr<Changed<domain::MediationSession>> RecordSession(storage::Tx& tx, const CallContext& call,
                                                                NewSession request);
// Extends the mediation period from its current due date (the last
// extension's, or the delegation's).
absl::StatusOr<Changed<domain::MediationExtension>> ExtendMediation(storage::Tx& tx, const CallContext& call,
                                                                    const ExtensionRequest& request);

// The mediation period's due date now: the last extension's, or the
// delegation's own.
absl::StatusOr<std::optional<absl::CivilDay>> CurrentMediationDue(storage::Tx& tx, const domain::Delegation& d);

absl::StatusOr<std::vector<domain::MediationSession>> SessionsOf(storage::Tx& tx, const CallContext& call,
                                                                 const std::string& case_id);

absl::StatusOr<Changed<domain::Agreement>> DraftAgreement(storage::Tx& tx, const CallContext& call,
                                                          const std::string& case_id, const std::string& etag,
                                                          const domain::AgreementDraft& draft);
// The current agreement (or `agreement_id` of the case). NOT_FOUND
// (AGREEMENT_NOT_FOUND).
absl::StatusOr<Changed<domain::Agreement>> AgreementOf(storage::Tx& tx, const CallContext& call,
                                                       const std::string& case_id, const std::string& agreement_id);
absl::StatusOr<Changed<domain::Agreement>> RecordSignature(storage::Tx& tx, const CallContext& call,
                                                           const std::string& case_id, const std::string& etag,
                                                           const std::string& agreement_id,
                                                           domain::SignatureItem item);
absl::StatusOr<Changed<domain::Agreement>> VoidAgreement(storage::Tx& tx, const CallContext& call,
                                                         const std::string& case_id, const std::string& etag,
                                                         const std::string& agreement_id, const std::string& reason);
absl::StatusOr<Changed<domain::Agreement>> RecordPerformance(storage::Tx& tx, const CallContext& call,
                                                             const std::string& case_id, const std::string& etag,
                                                             const std::string& agreement_id,
                                                             domain::Performance performance);
absl::StatusOr<domain::CaseRecord> TerminateMediation(storage::Tx& tx, const CallContext& call,
                                                      const std::string& case_id, const std::string& etag,
                                                      domain::MediationFailure reason, const std::string& note);

// Ends mediation of `c` (locked, with its open delegation `d`) as failed for
// `reason` and returns it to the commission as `decision` says: the reply
// letter, the delegation ENDED, the consents spent (a new delegation needs
// fresh ones), the outcome and the events. Shared by TerminateMediation and
// a consent withdrawn during mediation.
absl::Status ReturnToArbitration(storage::Tx& tx, const CallContext& call, domain::CaseRecord& c,
                                 domain::Delegation d, domain::MediationFailure reason, const std::string& note,
                                 const domain::ReturnDecision& decision);

// The performed amounts of the agreement's obligations (for answers).
absl::StatusOr<std::vector<domain::Performance>> PerformancesOf(storage::Tx& tx, const domain::Agreement& agreement);

}  // namespace caitiao::services
