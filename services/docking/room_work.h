// A mediation room's work on its queue, in domain terms, over the caller's
// transaction: listing the queue, accepting with a mediator, declining, and
// mediators' declared conflicts (回避).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/docking/docking_requests.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/docking_types.h"
#include "storage/docking_repository.h"
#include "storage/transaction.h"

namespace caitiao::services {

// NOT_FOUND (ROOM_NOT_FOUND) at room_id.
absl::Status RoomNotFound(const std::string& id);

// The room a call acts on: room staff act on their own room (a different
// `requested` one is NOT_FOUND, ROOM_NOT_FOUND); admins must name one
// (INVALID_ARGUMENT at room_id).
absl::StatusOr<std::string> RoomOfCall(const CallContext& call, const std::string& requested);

struct QueueEntry {
  domain::CaseRecord c;
  domain::Delegation delegation;
};

absl::StatusOr<std::vector<QueueEntry>> RoomQueue(storage::Tx& tx, const storage::RoomQueueQuery& query,
                                                  const std::optional<storage::RoomQueueCursor>& after, int limit);

// The case must be DELEGATED to the caller's room (else NOT_FOUND or
// INVALID_STATE) and at `etag`; the mediator must be able to take it.
// Returns the delegation and the case's new version.
absl::StatusOr<std::pair<domain::Delegation, int64_t>> AcceptDelegation(storage::Tx& tx, const CallContext& call,
                                                                        const std::string& case_id,
                                                                        const std::string& etag,
                                                                        const std::string& mediator_id);

// Back to the commission: RECEIVED or FILED by route.
absl::StatusOr<std::pair<domain::Delegation, int64_t>> DeclineDelegation(storage::Tx& tx, const CallContext& call,
                                                                         const std::string& case_id,
                                                                         const std::string& etag,
                                                                         const std::string& reason,
                                                                         domain::DeclineGround ground);

struct DeclaredConflict {
  domain::MediatorConflictRecord conflict;
  bool was_assigned = false;
};
// The mediator must belong to the room the case is delegated to.
absl::StatusOr<DeclaredConflict> DeclareConflict(storage::Tx& tx, const CallContext& call,
                                                 const std::string& mediator_id, const std::string& case_id,
                                                 const std::string& reason);

}  // namespace caitiao::services
