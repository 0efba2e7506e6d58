// Case intake for arbitration staff, in domain terms: the steps of each use
// case (guard -> change -> event) over the caller's transaction. Rules come
// from services/domain, persistence from storage; no protobuf here.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/cases/case_requests.h"
#include "services/common/rpc.h"
#include "services/domain/case_filter.h"
#include "services/domain/case_types.h"
#include "services/domain/case_update.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"
#include "storage/case_repository.h"
#include "storage/transaction.h"

namespace caitiao::services {

// An event of `c` by the caller, at the call's time, to `c.state` from `from`.
domain::CaseEvent MakeCaseEvent(const CallContext& call, const domain::CaseRecord& c, std::string kind,
                                domain::CaseState from, std::string summary);


// Registers a case that passed CheckNewCase: checks the commission exists and
// is one the caller acts for (else NOT_FOUND), numbers it, stores it with its
// CASE_CREATED event.
absl::StatusOr<domain::CaseRecord> CreateCase(storage::Tx& tx, const CallContext& call,
                                              const NewCase& request);

// NOT_FOUND (CASE_NOT_FOUND) if absent or outside the caller's scope (the
// scope is part of the storage query).
absl::StatusOr<domain::CaseRecord> GetCase(storage::Tx& tx, const CallContext& call,
                                           const std::string& id, bool lock = false);



// Changes the named fields (the request passed CheckCaseUpdate); the etag
// must match; only while editable; the result must be a valid case.
absl::StatusOr<domain::CaseRecord> UpdateCase(storage::Tx& tx, const CallContext& call,
                                              const std::string& id, const std::string& etag,
                                              const domain::CaseContent& patch,
                                              const std::set<domain::CaseField>& fields);

// The applicant withdrew (撤回申请): WITHDRAWN, terminal. The request must
// have passed CheckWithdrawal.
absl::StatusOr<domain::CaseRecord> WithdrawCase(storage::Tx& tx, const CallContext& call,
                                                const std::string& id, const std::string& etag,
                                                const std::string& reason);

// 立案受理: RECEIVED -> FILED (a returned case's acceptance deadline is met).
absl::StatusOr<domain::CaseRecord> FileCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                            const std::string& etag);
// 不予受理: RECEIVED -> NOT_ACCEPTED, with the reason as the closing note.
absl::StatusOr<domain::CaseRecord> RefuseAcceptance(storage::Tx& tx, const CallContext& call, const std::string& id,
                                                    const std::string& etag, const std::string& reason);
// 结案: FILED -> CLOSED, by `manner`.
absl::StatusOr<domain::CaseRecord> CloseCase(storage::Tx& tx, const CallContext& call, const std::string& id,
                                             const std::string& etag, domain::ClosingManner manner,
                                             const std::string& note);

}  // namespace caitiao::services
