// Keeps the gRPC health status honest: SERVING only while the database
// answers. A background thread pings PostgreSQL on a connection of its own
// (so a busy pool does not look like an outage) and, about hourly, deletes
// idempotency keys older than 48 hours.
#pragma once

#include <atomic>
#include <functional>

#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "storage/database_probe.h"

namespace caitiao::server {

class HealthMonitor {
 public:
  // `recover` (if set) is called after each check the database failed: the
  // embedded cluster restarts a postmaster that died.
  HealthMonitor(std::string dsn, grpc::HealthCheckServiceInterface* health,
                std::vector<std::string> services, std::function<void()> recover = {});
  ~HealthMonitor();  // stops the thread

  // Checks once, synchronously, then keeps checking in the background.
  void Start();
  // Stops checking and reports NOT_SERVING (shutting down).
  void Stop();

  // Whether the database answered the last check (any thread may ask).
  bool database_up() const { return database_up_.load(std::memory_order_relaxed); }

 private:
  void Loop();
  bool Check();
  void Report(bool serving);

  storage::DatabaseProbe probe_;  // used by Start(), then only by the monitor thread
  grpc::HealthCheckServiceInterface* health_;
  const std::vector<std::string> services_;
  const std::function<void()> recover_;
  absl::Notification stop_;
  std::thread thread_;
  bool last_ = false;
  std::atomic<bool> database_up_{false};
  absl::Time last_cleanup_ = absl::InfinitePast();
};

}  // namespace caitiao::server
