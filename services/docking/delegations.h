// Delegating a case to a mediation room (委托调解), in domain terms, over the
// caller's transaction: proposing rooms, delegating with a numbered letter,
// and the delegation history.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/docking/docking_requests.h"
#include "services/domain/delegation.h"
#include "services/domain/room_proposal.h"
#include "storage/transaction.h"

namespace caitiao::services {

// Every room serving the case's commission, ranked (see RankRooms).
absl::StatusOr<std::vector<domain::RoomCandidate>> ProposeRooms(storage::Tx& tx, const CallContext& call,
                                                                const std::string& case_id);


// Checks everything again inside the transaction (see DockingService's
// contract for the refusals), numbers the letter, computes the acceptance
// window, and moves the case to DELEGATED with its event. Returns the
// delegation and the case's new version.
absl::StatusOr<std::pair<domain::Delegation, int64_t>> DelegateCase(storage::Tx& tx, const CallContext& call,
                                                                    const DelegationRequest& request);

// Newest first. NOT_FOUND for a case out of scope.
absl::StatusOr<std::vector<domain::Delegation>> DelegationsOf(storage::Tx& tx, const CallContext& call,
                                                              const std::string& case_id);

}  // namespace caitiao::services
