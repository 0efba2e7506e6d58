#include "clients/progress.h"

#include <unistd.h>

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"

namespace caitiao::cli {
namespace {

// 48213 -> "48,213".
std::string Grouped(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? absl::StrCat("-", out) : out;
}

// 754s -> "12m34s", 42s -> "42s", 2h5m -> "2h05m".
std::string ShortDuration(int64_t seconds) {
  if (seconds < 60) return absl::StrCat(seconds, "s");
  if (seconds < 3600) return absl::StrCat(seconds / 60, "m", seconds % 60 < 10 ? "0" : "", seconds % 60, "s");
  const int64_t minutes = (seconds / 60) % 60;
  return absl::StrCat(seconds / 3600, "h", minutes < 10 ? "0" : "", minutes, "m");
}

}  // namespace

std::string ProgressText(const std::string& noun, int64_t done, int64_t total, absl::Duration elapsed) {
  std::string text = total >= 0 ? absl::StrCat(Grouped(done), " of ", Grouped(total), " ", noun)
                                : absl::StrCat(Grouped(done), " ", noun);
  if (total > 0) absl::StrAppend(&text, " (", done * 100 / total, "%)");
  const double seconds = absl::ToDoubleSeconds(elapsed);
  if (seconds <= 0 || done <= 0) return text;
  const double rate = static_cast<double>(done) / seconds;
  absl::StrAppend(&text, ", ", Grouped(static_cast<int64_t>(rate + 0.5)), "/s");
  if (total >= done) {
    const auto left = static_cast<int64_t>(static_cast<double>(total - done) / rate + 0.5);
    absl::StrAppend(&text, ", about ", ShortDuration(left), " left");
  }
  return text;
}

bool ProgressWanted() { return isatty(STDERR_FILENO) == 1 && isatty(STDOUT_FILENO) != 1; }

ProgressLine::ProgressLine(std::string noun, int64_t total)
    : noun_(std::move(noun)), total_(total), enabled_(ProgressWanted()) {}

ProgressLine::~ProgressLine() { Finish(); }

void ProgressLine::Add(int64_t n) {
  done_ += n;
  if (!enabled_) return;
  const absl::Time now = absl::Now();
  if (now - last_draw_ >= absl::Milliseconds(200)) Draw(now);
}

void ProgressLine::Draw(absl::Time now) {
  last_draw_ = now;
  drawn_ = true;
  // \r to the line's start, \033[K erases what a longer line left.
  std::fprintf(stderr, "\r%s\033[K", ProgressText(noun_, done_, total_, now - start_).c_str());
  std::fflush(stderr);
}

void ProgressLine::Finish() {
  if (enabled_ && drawn_) {
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }
  enabled_ = false;
}

}  // namespace caitiao::cli
