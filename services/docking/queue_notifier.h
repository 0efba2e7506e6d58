// Wakes WatchRoomQueue streams when a room's queue changes: one thread holds
// a PostgreSQL connection that LISTENs on the room queue channel and bumps a
// counter on each notification. Watchers wait on the counter with a timeout
// and then read the event table, the source of truth; a missed or late
// notification only delays them until the timeout.
#pragma once

#include <cstdint>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/notification_listener.h"

namespace caitiao::services {

class QueueNotifier {
 public:
  explicit QueueNotifier(std::string dsn);

  void Start() { listener_.Start(); }
  void Stop() { listener_.Stop(); }

  // The number of notifications seen so far.
  uint64_t Generation() const;
  // Waits until the generation differs from `seen` or `timeout` passes.
  void WaitForChange(uint64_t seen, absl::Duration timeout) const;

 private:
  void Bump();

  mutable absl::Mutex mu_;
  mutable absl::CondVar changed_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
  NotificationListener listener_;  // last: stopped before the rest goes
};

}  // namespace caitiao::services
