#include "storage/replica_repository.h"

#include "absl/strings/str_cat.h"
#include "storage/sql_values.h"

namespace caitiao::storage {

absl::StatusOr<ReplayState> ReadReplayState(Tx& tx) {
  const pqxx::row r = tx.exec1(absl::StrCat(
      "SELECT pg_is_in_recovery(), "
      "NOT pg_is_in_recovery() OR COALESCE(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(), false), ",
      MicrosColumn("pg_last_xact_replay_timestamp()"), ", ", MicrosColumn("now()")));
  ReplayState s;
  s.in_recovery = r[0].as<bool>();
  s.caught_up = r[1].as<bool>();
  s.last_replay = OptionalTimeFromMicros(r[2]);
  s.now = TimeFromMicros(r[3].as<int64_t>());
  return s;
}

absl::StatusOr<absl::Time> DatabaseNow(Tx& tx) {
  const pqxx::row r = tx.exec1(absl::StrCat("SELECT ", MicrosColumn("now()")));
  return TimeFromMicros(r[0].as<int64_t>());
}

}  // namespace caitiao::storage
