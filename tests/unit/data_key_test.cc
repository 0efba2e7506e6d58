#include "storage/crypto/data_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "storage/crypto/primitives.h"

namespace caitiao::crypto {
namespace {

constexpr char kHexKey[] = "00112233445566778899aabbccddeeff0123456789abcdef0123456789ABCDEF";

class DataKeyTest : public testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/caitiao-data-key-XXXXXX";
    ASSERT_NE(mkdtemp(name), nullptr);
    dir_ = name;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string Write(const std::string& name, const std::string& contents, mode_t mode) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    EXPECT_EQ(chmod(path.c_str(), mode), 0);
    return path;
  }

  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  static mode_t Mode(const std::string& path) {
    struct stat st;
    EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
  }

  std::string dir_;
};

// ---- ParseDataKey ----

TEST(ParseDataKeyTest, AcceptsHexInEitherCaseWithSurroundingWhitespace) {
  const std::string expected = absl::HexStringToBytes(kHexKey);
  ASSERT_EQ(expected.size(), 32u);
  for (const std::string& text :
       {std::string(kHexKey), std::string(kHexKey) + "\n", std::string(kHexKey) + "\r\n",
        "  " + std::string(kHexKey) + " \n\n", "\t" + std::string(kHexKey)}) {
    absl::StatusOr<std::string> key = ParseDataKey(text);
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_EQ(*key, expected);
  }
  std::string upper = kHexKey;
  for (char& c : upper) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(*ParseDataKey(upper), expected);
}

TEST(ParseDataKeyTest, RejectsEverythingElseWithoutQuotingIt) {
  const std::string hex = kHexKey;
  const std::vector<std::string> bad = {
      "",
      "\n",
      hex.substr(0, 63),
      hex + "0",
      hex + hex,
      "0x" + hex.substr(2),
      hex.substr(0, 63) + "g",
      hex.substr(0, 32) + " " + hex.substr(32),
      hex.substr(0, 32) + "\n" + hex.substr(32),
      hex.substr(0, 62) + "\xE5\x8A",
      Base64UrlNoPad(absl::HexStringToBytes(hex)),
      std::string(64, '\0'),
  };
  for (const std::string& text : bad) {
    absl::StatusOr<std::string> key = ParseDataKey(text);
    ASSERT_FALSE(key.ok()) << text;
    EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument) << text;
    if (text.size() > 8) {
      EXPECT_EQ(key.status().message().find(text.substr(2, 8)), absl::string_view::npos) << text;
    }
  }
}

// ---- key files ----

TEST_F(DataKeyTest, CreatesA0600FileWith64HexCharacters) {
  const std::string path = dir_ + "/etc/caitiao/data.key";
  bool created = false;
  absl::StatusOr<std::string> key = LoadOrCreateDataKeyFile(path, &created);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(created);
  EXPECT_EQ(key->size(), 32u);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(Mode(dir_ + "/etc"), 0700u);
  EXPECT_EQ(Mode(dir_ + "/etc/caitiao"), 0700u);
  const std::string contents = Read(path);
  ASSERT_EQ(contents.size(), 65u);
  EXPECT_EQ(contents.back(), '\n');
  EXPECT_EQ(contents.substr(0, 64).find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(contents.substr(0, 64), Hex(*key));
}

TEST_F(DataKeyTest, LoadingAgainGivesTheSameKey) {
  const std::string path = dir_ + "/data.key";
  bool created = false;
  const absl::StatusOr<std::string> first = LoadOrCreateDataKeyFile(path, &created);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(created);

  const absl::StatusOr<std::string> again = LoadOrCreateDataKeyFile(path, &created);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(created);
  EXPECT_EQ(*again, *first);

  const absl::StatusOr<std::string> loaded = LoadDataKeyFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(*loaded, *first);
  EXPECT_TRUE(LoadOrCreateDataKeyFile(path, nullptr).ok());
}

TEST_F(DataKeyTest, TwoFreshFilesHaveDifferentKeys) {
  EXPECT_NE(*LoadOrCreateDataKeyFile(dir_ + "/a.key", nullptr),
            *LoadOrCreateDataKeyFile(dir_ + "/b.key", nullptr));
}

TEST_F(DataKeyTest, LoadsAHandWrittenFile) {
  const std::string path = Write("hand.key", std::string(kHexKey) + "\n", 0600);
  absl::StatusOr<std::string> key = LoadDataKeyFile(path);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(*key, absl::HexStringToBytes(kHexKey));
  const std::string read_only = Write("read-only.key", kHexKey, 0400);
  EXPECT_TRUE(LoadDataKeyFile(read_only).ok());
}

TEST_F(DataKeyTest, RefusesFilesOthersMayReadOrWrite) {
  for (mode_t mode : {0644, 0640, 0604, 0620, 0602, 0660, 0666}) {
    const std::string path = Write("open.key", kHexKey, mode);
    for (bool create : {false, true}) {
      absl::StatusOr<std::string> key =
          create ? LoadOrCreateDataKeyFile(path, nullptr) : LoadDataKeyFile(path);
      ASSERT_FALSE(key.ok()) << std::oct << mode;
      EXPECT_EQ(key.status().code(), absl::StatusCode::kFailedPrecondition) << std::oct << mode;
      EXPECT_NE(key.status().message().find("chmod 600 " + path), absl::string_view::npos)
          << key.status();
    }
    EXPECT_EQ(Read(path), kHexKey) << "the file was changed";
  }
}

TEST_F(DataKeyTest, BadContentsAreInvalidArgumentAndNeverOverwritten) {
  for (const std::string& contents :
       {std::string(""), std::string("not a key\n"), std::string(kHexKey).substr(0, 40),
        std::string(kHexKey) + std::string(kHexKey)}) {
    const std::string path = Write("bad.key", contents, 0600);
    for (bool create : {false, true}) {
      absl::StatusOr<std::string> key =
          create ? LoadOrCreateDataKeyFile(path, nullptr) : LoadDataKeyFile(path);
      ASSERT_FALSE(key.ok()) << contents;
      EXPECT_EQ(key.status().code(), absl::StatusCode::kInvalidArgument) << key.status();
      if (!contents.empty()) {
        EXPECT_EQ(key.status().message().find(contents.substr(0, 8)), absl::string_view::npos)
            << key.status();
      }
    }
    EXPECT_EQ(Read(path), contents) << "the file was changed";
  }
}

TEST_F(DataKeyTest, MissingFileIsNotFound) {
  absl::StatusOr<std::string> key = LoadDataKeyFile(dir_ + "/missing.key");
  EXPECT_EQ(key.status().code(), absl::StatusCode::kNotFound) << key.status();
  key = LoadDataKeyFile(dir_ + "/no/such/folder/data.key");
  EXPECT_EQ(key.status().code(), absl::StatusCode::kNotFound) << key.status();
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/no")) << "loading must create nothing";
}

TEST_F(DataKeyTest, AFolderIsNotAKeyFile) {
  ASSERT_EQ(mkdir((dir_ + "/folder.key").c_str(), 0700), 0);
  EXPECT_EQ(LoadDataKeyFile(dir_ + "/folder.key").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(LoadOrCreateDataKeyFile(dir_ + "/folder.key", nullptr).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(DataKeyTest, RacingCreatorsAgreeOnOneKey) {
  for (int round = 0; round < 20; ++round) {
    const std::string path = dir_ + "/race" + std::to_string(round) + "/data.key";
    constexpr int kThreads = 4;
    std::vector<absl::StatusOr<std::string>> keys(kThreads);
    std::vector<int> created(kThreads, 0);
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        while (!go.load()) std::this_thread::yield();
        bool c = false;
        keys[t] = LoadOrCreateDataKeyFile(path, &c);
        created[t] = c ? 1 : 0;
      });
    }
    go.store(true);
    for (std::thread& thread : threads) thread.join();
    int creators = 0;
    for (int t = 0; t < kThreads; ++t) {
      ASSERT_TRUE(keys[t].ok()) << keys[t].status();
      EXPECT_EQ(*keys[t], *keys[0]);
      creators += created[t];
    }
    EXPECT_EQ(creators, 1) << "round " << round;
  }
}

}  // namespace
}  // namespace caitiao::crypto
