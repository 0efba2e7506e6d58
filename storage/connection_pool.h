// A fixed-size pool of PostgreSQL connections.
//
// Each connection gets every prepared statement when it opens. A caller
// waits a bounded time for a free connection and then gets RESOURCE_EXHAUSTED
// (POOL_EXHAUSTED), never an endless hang. A connection found broken is
// discarded (libpqxx 6 would otherwise reconnect silently and lose its
// prepared statements) and a fresh one is opened on the next acquire.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace caitiao::storage {

struct PoolOptions {
  std::string dsn;                                 // libpq connection string or URL
  int size = 4;                                    // at most this many connections
  absl::Duration acquire_timeout = absl::Seconds(2);  // longest wait for a free one
  // Run on every new connection, e.g. to prepare statements.
  std::function<void(pqxx::connection&)> on_connect;
};

class ConnectionPool {
 public:
  explicit ConnectionPool(PoolOptions options);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A connection on loan; returned to the pool when destroyed.
  class Lease {
   public:
    // A connection and what the pool remembers of its session.
    struct Pooled {
      explicit Pooled(const std::string& dsn) : conn(dsn) {}
      pqxx::connection conn;
      int64_t statement_timeout_ms = -1;
    };

    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& connection() { return conn_->conn; }
    // The connection failed mid-use: close it instead of reusing it.
    void MarkBroken() { broken_ = true; }
    // The session's statement_timeout in milliseconds as last set through
    // this field (kept with the connection between loans); -1 when unknown.
    int64_t& session_statement_timeout_ms() { return conn_->statement_timeout_ms; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Pooled> conn);
    ConnectionPool* pool_;
    std::unique_ptr<Pooled> conn_;
    bool broken_ = false;
  };

  // Waits until min(deadline, now + acquire_timeout) for a connection.
  // RESOURCE_EXHAUSTED (POOL_EXHAUSTED) when none frees up in time;
  // UNAVAILABLE (DATABASE_UNAVAILABLE) when a new connection cannot be opened;
  // UNAVAILABLE (SHUTTING_DOWN) after Close().
  absl::StatusOr<Lease> Acquire(absl::Time deadline);

  // Closes idle connections and refuses new acquires; loans end normally.
  void Close();

  int size() const { return options_.size; }

  // A snapshot for the metrics endpoint (takes the pool's lock briefly).
  struct Stats {
    int size = 0;     // the most connections
    int open = 0;     // idle + on loan + being opened
    int in_use = 0;   // on loan or being opened
    int waiting = 0;  // callers waiting in Acquire for a free connection
  };
  Stats GetStats() const;

 private:
  void Release(std::unique_ptr<Lease::Pooled> conn, bool broken);

  const PoolOptions options_;
  mutable absl::Mutex mu_;
  absl::CondVar freed_;
  std::vector<std::unique_ptr<Lease::Pooled>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + on loan + being opened
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  int waiting_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace caitiao::storage
