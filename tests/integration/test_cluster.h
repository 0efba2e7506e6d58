// A real PostgreSQL for integration tests: one embedded cluster per test
// binary, in a fresh folder under /tmp (reachable by the postgres user even
// when the checkout is root-only), removed at the end. Each test asks for a
// fresh, migrated database of its own.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/connection_pool.h"
#include "storage/embedded_cluster.h"

namespace caitiao::testing {

class TestCluster : public ::testing::Environment {
 public:
  static TestCluster& Get();

  void SetUp() override;
  void TearDown() override;

  // A new empty database; migrated unless `migrate` is false.
  std::string FreshDatabase(bool migrate = true);

  // A pool over `dsn` with every statement prepared.
  static std::unique_ptr<storage::ConnectionPool> PoolFor(const std::string& dsn, int size = 4);

  storage::EmbeddedCluster& cluster() { return *cluster_; }

 private:
  std::string dir_;
  std::unique_ptr<storage::EmbeddedCluster> cluster_;
  int databases_ = 0;
};

}  // namespace caitiao::testing
