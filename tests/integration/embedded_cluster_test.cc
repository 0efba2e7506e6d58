#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "storage/embedded_cluster.h"

namespace caitiao::storage {
namespace {

class EmbeddedClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/caitiao-ec-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    options_.data_dir = dir_ + "/data";
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::unique_ptr<EmbeddedCluster> Start() {
    auto c = EmbeddedCluster::Start(options_);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? *std::move(c) : nullptr;
  }

  std::string dir_;
  EmbeddedClusterOptions options_;
};

TEST_F(EmbeddedClusterTest, SecondStartReusesTheData) {
  {
    auto c = Start();
    ASSERT_NE(c, nullptr);
    pqxx::connection conn(c->dsn());
    pqxx::work tx(conn);
    tx.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before restart')");
    tx.commit();
    ASSERT_TRUE(c->Stop().ok());
  }
  auto c = Start();
  ASSERT_NE(c, nullptr);
  pqxx::connection conn(c->dsn());
  EXPECT_EQ(pqxx::work(conn).exec1("SELECT v FROM kept")[0].as<std::string>(), "before restart");
}

TEST_F(EmbeddedClusterTest, RecoversFromAStalePidFileLeftByACrash) {
  std::string pid_file;
  {
    auto c = Start();
    ASSERT_NE(c, nullptr);
    pid_file = c->pgdata() + "/postmaster.pid";
    ASSERT_TRUE(c->Stop().ok());
  }
  // A crash leaves postmaster.pid naming a PID that may now belong to an
  // unrelated live process: this test's own.
  std::ofstream(pid_file) << getpid() << "\n" << "stale\n";
  auto c = Start();
  ASSERT_NE(c, nullptr);
  pqxx::connection conn(c->dsn());
  EXPECT_EQ(pqxx::work(conn).exec1("SELECT 1")[0].as<int>(), 1);
}

TEST_F(EmbeddedClusterTest, AdoptsItsOwnPostmasterLeftRunningByAKilledServer) {
  auto first = Start();
  ASSERT_NE(first, nullptr);
  // A second start while the first postmaster still runs (as after kill -9
  // of the server) adopts it rather than failing or starting another.
  auto second = Start();
  ASSERT_NE(second, nullptr);
  pqxx::connection conn(second->dsn());
  EXPECT_EQ(pqxx::work(conn).exec1("SELECT 1")[0].as<int>(), 1);
  EXPECT_TRUE(second->Stop().ok());
  first->Stop().IgnoreError();  // already stopped through the adopter
}

TEST_F(EmbeddedClusterTest, RefusesAFolderThatIsNotItsOwn) {
  // Handing e.g. /tmp or a home folder to PostgreSQL (chmod 0700) would be
  // a disaster: a non-empty folder without pgdata/ is refused untouched.
  std::filesystem::create_directories(options_.data_dir);
  std::ofstream(options_.data_dir + "/notes.txt") << "someone else's file\n";
  const auto mode_before = std::filesystem::status(options_.data_dir).permissions();
  auto c = EmbeddedCluster::Start(options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(c.status().message().find("not empty"), absl::string_view::npos) << c.status();
  EXPECT_EQ(std::filesystem::status(options_.data_dir).permissions(), mode_before);
}

TEST_F(EmbeddedClusterTest, MissingPostgresBinariesAreAClearError) {
  options_.pg_bin_dir = dir_ + "/no-such-bin";
  auto c = EmbeddedCluster::Start(options_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(c.status().message().find("initdb"), absl::string_view::npos) << c.status();
}

}  // namespace
}  // namespace caitiao::storage
