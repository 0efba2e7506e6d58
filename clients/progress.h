// A progress line on stderr for long exports: rows done, the rate and, when
// the total is known, the percentage and the time left. Drawn only when
// stderr is a terminal and stdout is not (rows going to a file or a pipe;
// rows shown on the terminal would tear the line): in a pipe, a file or a
// test it prints nothing, so scripts read only the final summary line.
//
//   ProgressLine progress("cases", total_or_minus_1);
//   while (...) progress.Add(1);
//   progress.Finish();  // clears the line before the summary is printed
#pragma once

#include <cstdint>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace caitiao::cli {

// The text of one progress line, e.g.
//   "12,000 of 48,213 cases (24%), 3,100/s, about 12s left"
//   "12,000 cases, 3,100/s"                 (total < 0: unknown)
// The rate and the time left need elapsed > 0 and done > 0.
std::string ProgressText(const std::string& noun, int64_t done, int64_t total, absl::Duration elapsed);

// Whether a ProgressLine would draw: stderr is a terminal, stdout is not.
bool ProgressWanted();

class ProgressLine {
 public:
  // total < 0 when not known. Enabled iff ProgressWanted().
  ProgressLine(std::string noun, int64_t total);
  ~ProgressLine();  // Finish()
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const { return enabled_; }
  // Counts n more rows done; redraws at most every 200 ms.
  void Add(int64_t n);
  // Erases the line (once); later Add calls draw nothing.
  void Finish();

 private:
  void Draw(absl::Time now);

  std::string noun_;
  int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  int64_t done_ = 0;
  absl::Time start_ = absl::Now();
  absl::Time last_draw_ = absl::InfinitePast();
};

}  // namespace caitiao::cli
