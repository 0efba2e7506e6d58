// Persistence of the docking: consents, eligibility assessments,
// delegations, mediators' conflicts, document number sequences and the room
// queue. Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/docking_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareDockingStatements(pqxx::connection& conn);

// ALREADY_EXISTS (CONSENT_EXISTS) if the party has a current consent.
absl::Status InsertConsent(Tx& tx, const domain::ConsentRecord& consent);
absl::StatusOr<std::optional<domain::ConsentRecord>> FindConsent(Tx& tx, const std::string& id, bool lock);
absl::Status MarkConsentWithdrawn(Tx& tx, const domain::ConsentRecord& consent);
// Oldest first.
absl::StatusOr<std::vector<domain::ConsentRecord>> ListConsents(Tx& tx, const std::string& case_id);

absl::Status InsertAssessment(Tx& tx, const domain::EligibilityAssessmentRecord& assessment);
absl::StatusOr<std::optional<domain::EligibilityAssessmentRecord>> LatestAssessment(Tx& tx,
                                                                                   const std::string& case_id);

// The next number of the commission's yearly sequence of `kind` documents,
// allocated in the caller's transaction (gapless, like case numbers).
absl::StatusOr<int64_t> NextDocumentSequence(Tx& tx, const std::string& commission_id, const std::string& kind,
                                             int year);

absl::Status InsertDelegation(Tx& tx, const domain::Delegation& delegation);
// Writes status, mediator, acceptance, mediation deadline and decline fields.
absl::Status UpdateDelegation(Tx& tx, const domain::Delegation& delegation);
// The case's delegation that is pending or accepted, if any.
absl::StatusOr<std::optional<domain::Delegation>> OpenDelegation(Tx& tx, const std::string& case_id);
// Newest first.
absl::StatusOr<std::vector<domain::Delegation>> ListDelegations(Tx& tx, const std::string& case_id);

// False if it was already declared (the first declaration stands).
absl::StatusOr<bool> InsertConflict(Tx& tx, const domain::MediatorConflictRecord& conflict);
absl::StatusOr<std::optional<domain::MediatorConflictRecord>> FindConflict(Tx& tx, const std::string& mediator_id,
                                                                           const std::string& case_id);

// Other cases of the same commission, not withdrawn, between the same
// parties: an applicant with the same resident identity number and a
// respondent with the same credit code or identity number.
absl::StatusOr<int> CountOtherOpenCasesOfParties(Tx& tx, const std::string& case_id);

// Wakes the room's watchers once the caller's transaction commits
// (pg_notify on channel "caitiao_room_queue" with the room id).
absl::Status NotifyRoomQueue(Tx& tx, const std::string& room_id);
inline constexpr char kRoomQueueChannel[] = "caitiao_room_queue";

struct RoomQueueQuery {
  std::string room_id;
  std::optional<domain::CaseState> state;  // DELEGATED or IN_MEDIATION
  std::optional<absl::CivilDay> overdue_as_of;  // current deadline before this day
  std::optional<absl::CivilDay> due_before;
};
struct RoomQueueCursor {
  absl::Time delegate_time;
  std::string delegation_id;
};
// Open delegations of the room (pending or accepted, the case still
// DELEGATED or IN_MEDIATION), oldest delegation first, after the cursor.
absl::StatusOr<std::vector<domain::Delegation>> ListRoomQueue(Tx& tx, const RoomQueueQuery& query,
                                                              const std::optional<RoomQueueCursor>& after,
                                                              int limit);

}  // namespace caitiao::storage
