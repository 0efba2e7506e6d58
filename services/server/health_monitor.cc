#include "services/server/health_monitor.h"

#include "absl/strings/str_cat.h"
#include "services/common/log.h"

namespace caitiao::server {
namespace {

// Twice a second: an outage shows as NOT_SERVING within a second.
constexpr absl::Duration kInterval = absl::Milliseconds(500);
constexpr absl::Duration kCleanupInterval = absl::Hours(1);
constexpr int kIdempotencyKeyHours = 48;

}  // namespace

HealthMonitor::HealthMonitor(std::string dsn, grpc::HealthCheckServiceInterface* health,
                             std::vector<std::string> services, std::function<void()> recover)
    : probe_(std::move(dsn)), health_(health), services_(std::move(services)), recover_(std::move(recover)) {}

HealthMonitor::~HealthMonitor() { Stop(); }

void HealthMonitor::Start() {
  Report(Check());
  thread_ = std::thread([this] { Loop(); });
}

void HealthMonitor::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
  if (health_ != nullptr) health_->Shutdown();  // every service NOT_SERVING from now on
}

void HealthMonitor::Loop() {
  while (!stop_.WaitForNotificationWithTimeout(kInterval)) {
    const bool serving = Check();
    Report(serving);
    if (!serving && recover_) recover_();
  }
}

bool HealthMonitor::Check() {
  if (!probe_.Ping()) return false;
  if (absl::Now() - last_cleanup_ > kCleanupInterval) {
    last_cleanup_ = absl::Now();
    auto deleted = probe_.ExpireIdempotencyKeys(kIdempotencyKeyHours);
    if (deleted.ok() && *deleted > 0) {
      log::Info("expired idempotency keys", {{"deleted", absl::StrCat(*deleted)}});
    }
  }
  return true;
}

void HealthMonitor::Report(bool serving) {
  if (serving != last_) {
    if (serving) {
      log::Info("database answering; health SERVING");
    } else {
      log::Warn("database not answering; health NOT_SERVING");
    }
  }
  last_ = serving;
  database_up_.store(serving, std::memory_order_relaxed);
  health_->SetServingStatus(serving);
  for (const auto& s : services_) health_->SetServingStatus(s, serving);
}

}  // namespace caitiao::server
