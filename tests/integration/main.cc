// Integration tests against a real PostgreSQL started for this run.
#include <signal.h>

#include <gtest/gtest.h>

#include "storage/crypto/field_cipher.h"
#include "storage/personal_data_cipher.h"
#include "tests/integration/test_cluster.h"

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  ::testing::InitGoogleTest(&argc, argv);
  caitiao::testing::TestCluster::Get();
  // A fixed test key: identity numbers are sealed as in production.
  auto cipher = caitiao::crypto::FieldCipher::FromMasterKey(std::string(32, '\x5a'));
  caitiao::storage::InstallFieldCipher(*cipher);
  return RUN_ALL_TESTS();
}
