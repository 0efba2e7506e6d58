#include "storage/connection_pool.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"

namespace caitiao::storage {

using domain::WithReason;

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {}

ConnectionPool::~ConnectionPool() { Close(); }

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<Pooled> conn)
    : pool_(pool), conn_(std::move(conn)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), broken_(other.broken_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_), broken_);
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(absl::Time deadline) {
  const absl::Time wait_until = std::min(deadline, absl::Now() + options_.acquire_timeout);
  {
    absl::MutexLock lock(&mu_);
    if (!closed_ && idle_.empty() && open_ >= options_.size) {
      ++waiting_;
      while (!closed_ && idle_.empty() && open_ >= options_.size) {
        if (freed_.WaitWithDeadline(&mu_, wait_until)) break;
      }
      --waiting_;
    }
    if (closed_) {
      return WithReason(absl::UnavailableError("the server is shutting down; retry on another server"),
                        domain::reasons::kShuttingDown);
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    if (open_ >= options_.size) {
      return WithReason(absl::ResourceExhaustedError(absl::StrCat(
                            "all ", options_.size,
                            " database connections are busy; retry with backoff")),
                        domain::reasons::kPoolExhausted);
    }
    ++open_;  // reserve a slot, then connect without holding the lock
  }
  try {
    auto conn = std::make_unique<Lease::Pooled>(options_.dsn);
    if (options_.on_connect) options_.on_connect(conn->conn);
    return Lease(this, std::move(conn));
  } catch (const std::exception&) {
    absl::MutexLock lock(&mu_);
    --open_;
    freed_.Signal();
    return WithReason(absl::UnavailableError("the database is unreachable; retry later"),
                      domain::reasons::kDatabaseUnavailable);
  }
}

void ConnectionPool::Release(std::unique_ptr<Lease::Pooled> conn, bool broken) {
  if (broken || !conn->conn.is_open()) {
    conn.reset();  // close outside the lock
    absl::MutexLock lock(&mu_);
    --open_;
    freed_.Signal();
    return;
  }
  absl::MutexLock lock(&mu_);
  if (closed_) {
    --open_;
    return;  // conn closes as it goes out of scope
  }
  idle_.push_back(std::move(conn));
  freed_.Signal();
}

ConnectionPool::Stats ConnectionPool::GetStats() const {
  absl::MutexLock lock(&mu_);
  Stats s;
  s.size = options_.size;
  s.open = open_;
  s.in_use = open_ - static_cast<int>(idle_.size());
  s.waiting = waiting_;
  return s;
}

void ConnectionPool::Close() {
  std::vector<std::unique_ptr<Lease::Pooled>> to_close;
  {
    absl::MutexLock lock(&mu_);
    closed_ = true;
    open_ -= static_cast<int>(idle_.size());
    to_close.swap(idle_);
    freed_.SignalAll();
  }
}

}  // namespace caitiao::storage
