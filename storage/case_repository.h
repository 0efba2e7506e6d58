// Persistence of cases (with their parties, agents and claims), their
// number sequences and their append-only event history. Functions run inside
// the caller's transaction, so a change and its event commit together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/domain/case_filter.h"
#include "services/domain/case_types.h"
#include "services/domain/principal.h"
#include "services/domain/region_rules.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareCaseStatements(pqxx::connection& conn);

// The next number in the commission's yearly sequence. The row stays locked
// until the transaction ends, so numbers are unique and, because a rolled
// back transaction also rolls back its increment, none is skipped or reused.
absl::StatusOr<int64_t> NextCaseSequence(Tx& tx, const std::string& commission_id, int year);

// Stores a new case with version 1. `record.id` must be a fresh UUID.
absl::Status InsertCase(Tx& tx, const domain::CaseRecord& record, const std::string& created_by);

// The case, or nullopt when there is none or it is outside `scope` (the scope
// is part of the query). With `lock`, the row is locked FOR UPDATE until the
// transaction ends (read-check-write without lost updates). DATA_LOSS if an
// identity number does not decrypt.
absl::StatusOr<std::optional<domain::CaseRecord>> FindCase(Tx& tx, const std::string& id,
                                                           const domain::CaseScope& scope, bool lock);

// Writes content, state and withdrawal reason of `record`, bumps the version
// and sets update_time. The caller holds the row lock from FindCase.
absl::Status UpdateCase(Tx& tx, const domain::CaseRecord& record, bool content_changed);

struct CaseCursor {
  absl::Time receive_time;
  std::string id;
};
// Cases matching `filter` within the caller's `scope`, newest first,
// strictly after `after`. Up to `limit`.
absl::StatusOr<std::vector<domain::CaseRecord>> ListCases(Tx& tx, const domain::CaseFilter& filter,
                                                          const domain::CaseScope& scope,
                                                          const std::optional<CaseCursor>& after,
                                                          int limit);

// The query ListCases runs, with its bound parameters ($1..$n); nullopt when
// the filter can match nothing. A storage test EXPLAINs it for every filter.
struct CaseQuery {
  std::string sql;
  std::vector<std::string> params;
};
absl::StatusOr<std::optional<CaseQuery>> ListCasesQuery(const domain::CaseFilter& filter,
                                                        const domain::CaseScope& scope,
                                                        const std::optional<CaseCursor>& after, int limit);

struct CaseCount {
  std::string region_code;
  domain::CaseState state = domain::CaseState::kUnspecified;
  int64_t cases = 0;
};
// Cases matching `filter` within `scope`, counted by (region, state).
absl::StatusOr<std::vector<CaseCount>> CountCases(Tx& tx, const domain::CaseFilter& filter,
                                                  const domain::CaseScope& scope);

// The cases with these ids that exist, in the order given (no scope: the
// caller selected the ids under its scope).
absl::StatusOr<std::vector<domain::CaseRecord>> FindCases(Tx& tx, const std::vector<std::string>& ids);

// Sets the room a case is delegated to (empty: none) and its current
// deadline (nullopt: none), which the overdue and due_date filters read.
absl::Status SetCaseDelegation(Tx& tx, const std::string& case_id, const std::string& room_id,
                               const std::optional<absl::CivilDay>& current_due);

// A change to the case recorded elsewhere (a consent): the version (etag)
// and the substance version move on, so an assessment made before no longer
// holds. Returns the new version.
absl::StatusOr<int64_t> BumpCaseVersion(Tx& tx, const std::string& case_id, absl::Time when);

// Events of a room's queue after `after_sequence`, in order, up to `limit`.
absl::StatusOr<std::vector<domain::CaseEvent>> ListRoomEvents(Tx& tx, const std::string& room_id,
                                                              int64_t after_sequence, int limit);

// A position in the change feed: the (transaction id, sequence) of the last
// event delivered; {0, 0} before the first.
struct FeedCursor {
  uint64_t xact = 0;
  int64_t sequence = 0;
  bool operator==(const FeedCursor&) const = default;
};
struct FeedEvent {
  domain::CaseEvent event;
  FeedCursor cursor;
  std::string region_code, commission_id;  // the case's
};
// The change feed: events after `after` in (transaction, sequence) order,
// only of transactions that finished before this read's snapshot (so none
// can ever appear before one returned), within `scope`, at most `limit`.
// Never blocks writers.
absl::StatusOr<std::vector<FeedEvent>> ReadChanges(Tx& tx, const FeedCursor& after, const domain::CaseScope& scope,
                                                   int limit);

// Appends an event; returns its sequence number.
absl::StatusOr<int64_t> AppendCaseEvent(Tx& tx, const domain::CaseEvent& event);
// Events of a case after `after_sequence`, oldest first, up to `limit`.
absl::StatusOr<std::vector<domain::CaseEvent>> ListCaseEvents(Tx& tx, const std::string& case_id,
                                                              int64_t after_sequence, int limit);

}  // namespace caitiao::storage
