#include "services/docking/queue_notifier.h"

#include <pqxx/pqxx>

#include "services/common/log.h"
#include "storage/docking_repository.h"

namespace caitiao::services {
namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection& conn, std::function<void()> on_notify)
      : pqxx::notification_receiver(conn, storage::kRoomQueueChannel), on_notify_(std::move(on_notify)) {}
  void operator()(const std::string&, int) override { on_notify_(); }

 private:
  std::function<void()> on_notify_;
};

}  // namespace

void QueueNotifier::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void QueueNotifier::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
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

void QueueNotifier::Loop() {
  auto bump = [this] {
    absl::MutexLock lock(&mu_);
    ++generation_;
    changed_.SignalAll();
  };
  while (!stop_) {
    try {
      pqxx::connection conn(dsn_);
      Receiver receiver(conn, bump);
      bump();  // anything may have happened while we were not listening
      while (!stop_) conn.await_notification(0, 250000);
    } catch (const std::exception& e) {
      // Watchers still poll; listen again after a pause.
      log::Warn("room queue notifications interrupted", {{"error", e.what()}});
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace caitiao::services
