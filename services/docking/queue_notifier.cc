#include "services/docking/queue_notifier.h"

#include "storage/docking_repository.h"

namespace caitiao::services {

QueueNotifier::QueueNotifier(std::string dsn)
    : listener_(std::move(dsn), storage::kRoomQueueChannel, [this] { Bump(); }) {}

void QueueNotifier::Bump() {
  absl::MutexLock lock(&mu_);
  ++generation_;
  changed_.SignalAll();
}

uint64_t QueueNotifier::Generation() const {
  absl::MutexLock lock(&mu_);
  return generation_;
}

void QueueNotifier::WaitForChange(uint64_t seen, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  const absl::Time until = absl::Now() + timeout;
  while (generation_ == seen) {
    if (changed_.WaitWithDeadline(&mu_, until)) return;
  }
}

}  // namespace caitiao::services
