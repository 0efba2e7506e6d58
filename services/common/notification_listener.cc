#include "services/common/notification_listener.h"

#include <chrono>

#include <pqxx/pqxx>

#include "services/common/log.h"

namespace caitiao::services {
namespace {

class Receiver final : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection& conn, const std::string& channel, const std::function<void()>& on_notify)
      : pqxx::notification_receiver(conn, channel), on_notify_(on_notify) {}
  void operator()(const std::string&, int) override { on_notify_(); }

 private:
  const std::function<void()>& on_notify_;
};

}  // namespace

void NotificationListener::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void NotificationListener::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void NotificationListener::Loop() {
  while (!stop_) {
    try {
      pqxx::connection conn(dsn_);
      Receiver receiver(conn, channel_, on_notify_);
      on_notify_();  // anything may have happened while we were not listening
      while (!stop_) conn.await_notification(0, 250000);
    } catch (const std::exception& e) {
      log::Warn("notifications interrupted", {{"channel", channel_}, {"error", e.what()}});
      for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace caitiao::services
