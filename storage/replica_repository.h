// What a database says about its replication, for reports read on a
// streaming replica: where it is in replaying the primary's WAL, and its
// clock.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/transaction.h"

namespace caitiao::storage {

struct ReplayState {
  bool in_recovery = false;  // pg_is_in_recovery(): a standby
  // Every WAL record received was replayed (pg_last_wal_receive_lsn() =
  // pg_last_wal_replay_lsn()); true when not in recovery; false when the
  // standby is not streaming (no receive position).
  bool caught_up = false;
  // pg_last_xact_replay_timestamp(): the last replayed commit's time.
  std::optional<absl::Time> last_replay;
  absl::Time now;  // the database's now()
};

absl::StatusOr<ReplayState> ReadReplayState(Tx& tx);

// The database's now(): the start of the transaction.
absl::StatusOr<absl::Time> DatabaseNow(Tx& tx);

}  // namespace caitiao::storage
