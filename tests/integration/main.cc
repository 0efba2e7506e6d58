// Integration tests against a real PostgreSQL started for this run.
#include <signal.h>

#include <gtest/gtest.h>

#include "tests/integration/test_cluster.h"

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  ::testing::InitGoogleTest(&argc, argv);
  caitiao::testing::TestCluster::Get();
  return RUN_ALL_TESTS();
}
