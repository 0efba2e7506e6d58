// The progress line's text (clients/progress.h).
#include "clients/progress.h"

#include <gtest/gtest.h>

namespace caitiao::cli {
namespace {

TEST(ProgressText, ShowsShareRateAndTimeLeftWhenTheTotalIsKnown) {
  EXPECT_EQ(ProgressText("cases", 12000, 48000, absl::Seconds(4)),
            "12,000 of 48,000 cases (25%), 3,000/s, about 12s left");
  EXPECT_EQ(ProgressText("cases", 1000, 1000000, absl::Seconds(1)),
            "1,000 of 1,000,000 cases (0%), 1,000/s, about 16m39s left");
  EXPECT_EQ(ProgressText("cases", 1, 10000, absl::Seconds(1)), "1 of 10,000 cases (0%), 1/s, about 2h46m left");
}

TEST(ProgressText, ShowsCountAndRateWithoutATotal) {
  EXPECT_EQ(ProgressText("cases", 2500, -1, absl::Milliseconds(500)), "2,500 cases, 5,000/s");
}

TEST(ProgressText, LeavesOutTheRateBeforeAnythingIsDone) {
  EXPECT_EQ(ProgressText("cases", 0, 300, absl::Seconds(2)), "0 of 300 cases (0%)");
  EXPECT_EQ(ProgressText("cases", 5, -1, absl::ZeroDuration()), "5 cases");
}

}  // namespace
}  // namespace caitiao::cli
