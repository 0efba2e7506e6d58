#include "services/domain/builtin_calendars.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace caitiao::domain {
namespace {

namespace fs = std::filesystem;

// The repository root, found from this file's path: <root>/tests/unit/<file>.
fs::path RepoRoot() { return fs::path(__FILE__).parent_path().parent_path().parent_path(); }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> CalendarFiles() {
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(RepoRoot() / "deploy" / "calendars")) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(BuiltInCalendarsTest, TextsEqualTheDeployFilesByteForByte) {
  const fs::path dir = RepoRoot() / "deploy" / "calendars";
  ASSERT_TRUE(fs::is_directory(dir)) << dir << " not found from " << __FILE__;
  const std::vector<fs::path> files = CalendarFiles();
  const std::vector<std::string> texts = BuiltInCalendarTexts();
  ASSERT_EQ(texts.size(), files.size())
      << "deploy/calendars has " << files.size() << " calendars but builtin_calendars.cc has "
      << texts.size() << "; add or remove the copy there too";
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(texts[i], ReadFile(files[i]))
        << files[i].filename() << " differs from its copy in services/domain/builtin_calendars.cc";
  }
}

TEST(BuiltInCalendarsTest, EveryTextParsesAndNamesItsFileYear) {
  const std::vector<fs::path> files = CalendarFiles();
  const std::vector<std::string> texts = BuiltInCalendarTexts();
  ASSERT_EQ(texts.size(), files.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    const absl::StatusOr<HolidayCalendar> cal = ParseHolidayCalendar(texts[i]);
    ASSERT_TRUE(cal.ok()) << files[i].filename() << ": " << cal.status();
    EXPECT_EQ(files[i].filename().string(), absl::StrCat("CN-", cal->year(), ".txt"));
  }
  EXPECT_TRUE(BuiltInCalendars().ok());
}

}  // namespace
}  // namespace caitiao::domain
