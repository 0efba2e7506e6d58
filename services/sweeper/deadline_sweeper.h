// The deadline sweeper: a background job that acts when a period has run
// out, as the system principal, one transaction per action:
//   mediation period over, no effective agreement -> returned (PERIOD_EXPIRED)
//   an obligation overdue, no review pending      -> returned (NOT_PERFORMED)
//   the review period over without a decision     -> review refused, returned
//   the room's acceptance window lapsed           -> an event (the case is
//                                                    flagged overdue; never auto-declined)
// Each action is decided again by the domain on the locked case, so running
// twice changes nothing. Across several servers on one database exactly one
// sweeps at a time: a round runs only while its server holds a PostgreSQL
// advisory lock on a connection of its own.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class DeadlineSweeper {
 public:
  // `interval` between rounds; `name` says which server swept in the log.
  DeadlineSweeper(std::string dsn, storage::ConnectionPool& pool, absl::Duration interval, std::string name);
  ~DeadlineSweeper();

  void Start();
  void Stop();

  // One round as of `now`, if this server gets the lock: the number of
  // actions taken, or 0 when another server holds the lock.
  absl::StatusOr<int> SweepOnce(absl::Time now);

  // What the rounds so far came to (for metrics; any thread may ask).
  struct Stats {
    int64_t swept = 0;             // rounds run here, holding the lock
    int64_t locked_elsewhere = 0;  // rounds left to the server holding the lock
    int64_t failed = 0;            // rounds that failed (database errors)
    absl::Time started = absl::InfinitePast();         // Start(); InfinitePast: not running
    absl::Time last_completed = absl::InfinitePast();  // last round that did not fail
    absl::Duration interval;
  };
  Stats GetStats() const;

 private:
  void Loop();
  // true: this server holds the lock; false: another one does; an error:
  // the lock could not be asked for.
  absl::StatusOr<bool> TryLock();
  void Unlock();
  absl::StatusOr<int> SweepLocked(absl::Time now);
  void NoteCompleted();

  const std::string dsn_;
  storage::ConnectionPool& pool_;
  const absl::Duration interval_;
  const std::string name_;
  std::unique_ptr<pqxx::connection> lock_conn_;
  absl::Notification stop_;
  std::thread thread_;
  std::atomic<int64_t> swept_{0};
  std::atomic<int64_t> locked_elsewhere_{0};
  std::atomic<int64_t> failed_{0};
  std::atomic<int64_t> started_ns_{0};         // absl::ToUnixNanos; 0: not started
  std::atomic<int64_t> last_completed_ns_{0};  // 0: none yet
};

}  // namespace caitiao::services
