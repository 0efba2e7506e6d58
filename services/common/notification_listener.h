// Calls back on PostgreSQL notifications of one channel: one thread holds a
// connection of its own that LISTENs, and calls `on_notify` for each
// NOTIFY, and once more each time it (re)connects, since anything may have
// been notified while it was not listening. A broken connection is dropped
// and opened again after a pause.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace caitiao::services {

class NotificationListener {
 public:
  NotificationListener(std::string dsn, std::string channel, std::function<void()> on_notify)
      : dsn_(std::move(dsn)), channel_(std::move(channel)), on_notify_(std::move(on_notify)) {}
  ~NotificationListener() { Stop(); }
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

  void Start();
  void Stop();

 private:
  void Loop();

  const std::string dsn_, channel_;
  const std::function<void()> on_notify_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
};

}  // namespace caitiao::services
