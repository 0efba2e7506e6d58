#include "tests/integration/test_cluster.h"

#include <stdlib.h>

#include <filesystem>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "storage/migrations.h"
#include "storage/statements.h"

namespace caitiao::testing {

TestCluster& TestCluster::Get() {
  static TestCluster* instance = [] {
    auto* env = new TestCluster();
    ::testing::AddGlobalTestEnvironment(env);  // gtest owns it
    return env;
  }();
  return *instance;
}

void TestCluster::SetUp() {
  char tmpl[] = "/tmp/caitiao-it-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  storage::EmbeddedClusterOptions options;
  options.data_dir = dir_;
  auto started = storage::EmbeddedCluster::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  cluster_ = *std::move(started);
}

void TestCluster::TearDown() {
  if (cluster_) {
    EXPECT_TRUE(cluster_->Stop().ok());
  }
  cluster_.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string TestCluster::FreshDatabase(bool migrate) {
  const std::string name = absl::StrCat("test_", ++databases_);
  pqxx::connection admin(cluster_->DsnFor("postgres"));
  pqxx::nontransaction(admin).exec(absl::StrCat("CREATE DATABASE ", name));
  const std::string dsn = cluster_->DsnFor(name);
  if (migrate) {
    auto applied = storage::Migrate(dsn, storage::BuiltInMigrations());
    EXPECT_TRUE(applied.ok()) << applied.status();
  }
  return dsn;
}

std::unique_ptr<storage::ConnectionPool> TestCluster::PoolFor(const std::string& dsn, int size) {
  return std::make_unique<storage::ConnectionPool>(
      storage::PoolOptions{dsn, size, absl::Milliseconds(500), storage::PrepareAllStatements});
}

}  // namespace caitiao::testing
