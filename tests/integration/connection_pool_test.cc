#include <optional>
#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "services/domain/errors.h"
#include "storage/case_repository.h"
#include "storage/transaction.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::TestCluster;

absl::Time Deadline() { return absl::Now() + absl::Seconds(10); }

TEST(ConnectionPool, ExhaustedPoolAnswersResourceExhaustedAfterABoundedWait) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), /*size=*/1);
  auto held = pool->Acquire(Deadline());
  ASSERT_TRUE(held.ok()) << held.status();
  const absl::Time start = absl::Now();
  auto second = pool->Acquire(Deadline());
  const absl::Duration waited = absl::Now() - start;
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(domain::ReasonOf(second.status()).value_or(""), "POOL_EXHAUSTED");
  EXPECT_GE(waited, absl::Milliseconds(400)) << "it waits for a connection to free up first";
  EXPECT_LT(waited, absl::Seconds(5)) << "and never hangs";
}

TEST(ConnectionPool, StatsCountLoansAndWaitingCallers) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), /*size=*/1);
  ConnectionPool::Stats s = pool->GetStats();
  EXPECT_EQ(s.size, 1);
  EXPECT_EQ(s.in_use, 0);
  EXPECT_EQ(s.waiting, 0);
  std::optional<absl::StatusOr<ConnectionPool::Lease>> held(pool->Acquire(Deadline()));
  ASSERT_TRUE(held->ok()) << held->status();
  s = pool->GetStats();
  EXPECT_EQ(s.open, 1);
  EXPECT_EQ(s.in_use, 1);
  EXPECT_EQ(s.waiting, 0);
  std::thread waiter([&pool] { EXPECT_TRUE(pool->Acquire(Deadline()).ok()); });
  const absl::Time until = absl::Now() + absl::Seconds(1);
  while (pool->GetStats().waiting == 0 && absl::Now() < until) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_EQ(pool->GetStats().waiting, 1) << "the second caller waits";
  held.reset();  // its connection goes to the waiter
  waiter.join();
  s = pool->GetStats();
  EXPECT_EQ(s.waiting, 0);
  EXPECT_EQ(s.in_use, 0);
  EXPECT_EQ(s.open, 1) << "the connection was reused, not reopened";
}

TEST(ConnectionPool, AReleasedConnectionServesTheNextCaller) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), /*size=*/1);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(RunTransaction(*pool, Deadline(), "ping", [](Tx& tx) {
                  tx.exec("SELECT 1");
                  return absl::OkStatus();
                }).ok());
  }
}

TEST(ConnectionPool, BrokenConnectionIsReplacedWithPreparedStatements) {
  const std::string dsn = TestCluster::Get().FreshDatabase();
  auto pool = TestCluster::PoolFor(dsn, /*size=*/1);
  int backend = 0;
  ASSERT_TRUE(RunTransaction(*pool, Deadline(), "pid", [&](Tx& tx) {
                backend = tx.exec1("SELECT pg_backend_pid()")[0].as<int>();
                return absl::OkStatus();
              }).ok());
  {
    pqxx::connection admin(dsn);
    pqxx::nontransaction(admin).exec_params("SELECT pg_terminate_backend($1)", backend);
  }
  absl::Status broken = RunTransaction(*pool, Deadline(), "after-kill", [](Tx& tx) {
    tx.exec("SELECT 1");
    return absl::OkStatus();
  });
  EXPECT_EQ(broken.code(), absl::StatusCode::kUnavailable) << broken;
  // The next call gets a fresh connection whose prepared statements work.
  absl::Status recovered = RunTransaction(*pool, Deadline(), "recovered", [](Tx& tx) {
    return FindCase(tx, "00000000-0000-4000-8000-000000000000", domain::AllCases(), false).status();
  });
  EXPECT_TRUE(recovered.ok()) << recovered;
}

TEST(ConnectionPool, UnreachableDatabaseIsUnavailable) {
  ConnectionPool pool({"host=/nonexistent-socket-dir port=1 user=postgres dbname=x connect_timeout=2", 2,
                       absl::Milliseconds(200), nullptr});
  auto lease = pool.Acquire(Deadline());
  ASSERT_FALSE(lease.ok());
  EXPECT_EQ(lease.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(domain::ReasonOf(lease.status()).value_or(""), "DATABASE_UNAVAILABLE");
}

TEST(ConnectionPool, ClosedPoolRefusesNewCallers) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), 2);
  pool->Close();
  auto lease = pool->Acquire(Deadline());
  ASSERT_FALSE(lease.ok());
  EXPECT_EQ(lease.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(domain::ReasonOf(lease.status()).value_or(""), "SHUTTING_DOWN");
}

TEST(Transaction, PassedDeadlineCancelsTheStatement) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), 1);
  absl::Status s = RunTransaction(*pool, absl::Now() + absl::Milliseconds(300), "slow", [](Tx& tx) {
    tx.exec("SELECT pg_sleep(5)");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
  EXPECT_TRUE(RunTransaction(*pool, Deadline(), "after", [](Tx& tx) {
                tx.exec("SELECT 1");
                return absl::OkStatus();
              }).ok())
      << "the connection is usable again";
}

// The timeout in force on the pooled connection, as PostgreSQL reports it (ms).
int64_t SessionTimeoutMs(ConnectionPool& pool, absl::Time deadline) {
  int64_t ms = -1;
  absl::Status s = RunTransaction(pool, deadline, "show", TxMode::kOneStatement, [&ms](Tx& tx) {
    ms = tx.exec1("SELECT setting::bigint FROM pg_settings WHERE name = 'statement_timeout'")[0].as<int64_t>();
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return ms;
}

TEST(Transaction, StatementTimeoutFollowsEachCallersDeadline) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), 1);
  // A long deadline, then a short one on the same connection: the short one
  // is not let off by the long one's timeout, in either mode.
  const int64_t relaxed = SessionTimeoutMs(*pool, absl::Now() + absl::Seconds(10));
  EXPECT_GT(relaxed, 9000);
  EXPECT_LE(relaxed, 10000);
  for (TxMode mode : {TxMode::kOneStatement, TxMode::kReadWrite, TxMode::kSnapshotReadOnly}) {
    const absl::Time start = absl::Now();
    absl::Status s = RunTransaction(*pool, absl::Now() + absl::Milliseconds(300), "slow", mode, [](Tx& tx) {
      tx.exec("SELECT pg_sleep(5)");
      return absl::OkStatus();
    });
    EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded) << s;
    EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  }
  // And a long deadline afterwards is not held to the short one's.
  absl::Status s = RunTransaction(*pool, absl::Now() + absl::Seconds(10), "longer", [](Tx& tx) {
    tx.exec("SELECT pg_sleep(0.5)");
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
}

TEST(Transaction, StatementTimeoutIsKeptWhileTheDeadlinesAreAlike) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase(), 1);
  const int64_t first = SessionTimeoutMs(*pool, absl::Now() + absl::Seconds(5));
  const int64_t second = SessionTimeoutMs(*pool, absl::Now() + absl::Seconds(5) - absl::Milliseconds(30));
  EXPECT_EQ(first, second) << "a deadline a little shorter still fits: no statement to change it";
  EXPECT_LE(second, 4970);
  // A failed transaction does not undo it: it was set outside any
  // transaction, so what the pool remembers stays true.
  absl::Status failed = RunTransaction(*pool, absl::Now() + absl::Seconds(5), "fails", [](Tx& tx) {
    tx.exec("SELECT 1");
    return absl::InvalidArgumentError("the body refuses");
  });
  EXPECT_EQ(failed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SessionTimeoutMs(*pool, absl::Now() + absl::Seconds(5)), first);
}

}  // namespace
}  // namespace caitiao::storage
