#include <thread>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "storage/migrations.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::TestCluster;

int CountRows(const std::string& dsn, const std::string& sql) {
  pqxx::connection c(dsn);
  return pqxx::work(c).exec1(sql)[0].as<int>();
}

TEST(Migrations, MigratesAnEmptyDatabaseThenIsANoOp) {
  const std::string dsn = TestCluster::Get().FreshDatabase(/*migrate=*/false);
  const int known = static_cast<int>(BuiltInMigrations().size());
  ASSERT_GE(known, 1);

  auto first = Migrate(dsn, BuiltInMigrations());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, known);
  auto second = Migrate(dsn, BuiltInMigrations());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*second, 0) << "a second start must apply nothing";

  EXPECT_EQ(CountRows(dsn, "SELECT count(*) FROM schema_migrations"), known);
  for (const char* table : {"regions", "commissions", "cases", "case_parties", "case_agents", "case_claims",
                            "case_events", "case_number_sequences", "idempotency_keys"}) {
    EXPECT_EQ(CountRows(dsn, std::string("SELECT count(*) FROM information_schema.tables WHERE table_name = '") +
                                 table + "'"),
              1)
        << table << " missing";
  }
}

TEST(Migrations, RefusesAMigrationEditedAfterRelease) {
  const std::string dsn = TestCluster::Get().FreshDatabase();
  std::vector<Migration> edited = BuiltInMigrations();
  std::string changed = std::string(edited[0].sql) + "\n-- edited";
  edited[0].sql = changed;
  auto result = Migrate(dsn, edited);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(result.status().message().find("never be edited"), absl::string_view::npos);
}

TEST(Migrations, ConcurrentStartsApplyEachMigrationOnce) {
  const std::string dsn = TestCluster::Get().FreshDatabase(/*migrate=*/false);
  std::vector<absl::StatusOr<int>> results(4, 0);
  std::vector<std::thread> threads;
  for (auto& r : results) threads.emplace_back([&dsn, &r] { r = Migrate(dsn, BuiltInMigrations()); });
  for (auto& t : threads) t.join();
  int total = 0;
  for (auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status();
    total += *r;
  }
  EXPECT_EQ(total, static_cast<int>(BuiltInMigrations().size()));
}

TEST(Migrations, UnreachableDatabaseIsUnavailable) {
  auto result = Migrate("host=/nonexistent-socket-dir port=1 user=postgres dbname=x", BuiltInMigrations());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace caitiao::storage
