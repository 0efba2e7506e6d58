#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "services/domain/status_macros.h"
#include "storage/replica_repository.h"
#include "storage/transaction.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::TestCluster;

absl::Time Deadline() { return absl::Now() + absl::Seconds(10); }

TEST(ReportTransaction, IsOneReadOnlyRepeatableReadSnapshot) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
  std::string isolation, read_only;
  ASSERT_TRUE(RunTransaction(*pool, Deadline(), "report", TxMode::kSnapshotReadOnly, [&](Tx& tx) {
                isolation = tx.exec1("SHOW transaction_isolation")[0].as<std::string>();
                read_only = tx.exec1("SHOW transaction_read_only")[0].as<std::string>();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(isolation, "repeatable read");
  EXPECT_EQ(read_only, "on");
  // A write in it fails and is not applied.
  const absl::Status write = RunTransaction(*pool, Deadline(), "write", TxMode::kSnapshotReadOnly, [](Tx& tx) {
    tx.exec("CREATE TABLE never (x int)");
    return absl::OkStatus();
  });
  EXPECT_FALSE(write.ok());
  // The default stays READ COMMITTED, read-write.
  ASSERT_TRUE(RunTransaction(*pool, Deadline(), "default", [&](Tx& tx) {
                isolation = tx.exec1("SHOW transaction_isolation")[0].as<std::string>();
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(isolation, "read committed");
}

TEST(ReplayState, APrimaryIsNotInRecoveryAndCountsAsCaughtUp) {
  auto pool = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
  ReplayState state;
  absl::Time now;
  const absl::Time before = absl::Now();
  ASSERT_TRUE(RunTransaction(*pool, Deadline(), "replay", TxMode::kSnapshotReadOnly, [&](Tx& tx) -> absl::Status {
                CAITIAO_ASSIGN_OR_RETURN(state, ReadReplayState(tx));
                CAITIAO_ASSIGN_OR_RETURN(now, DatabaseNow(tx));
                return absl::OkStatus();
              }).ok());
  EXPECT_FALSE(state.in_recovery);
  EXPECT_TRUE(state.caught_up);
  EXPECT_FALSE(state.last_replay.has_value());
  EXPECT_LT(absl::AbsDuration(state.now - before), absl::Seconds(5));
  EXPECT_EQ(now, state.now) << "now() is the transaction's start";
}

}  // namespace
}  // namespace caitiao::storage
