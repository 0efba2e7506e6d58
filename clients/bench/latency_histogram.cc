#include "clients/bench/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace caitiao::bench {

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  sorted_ = false;
}

void LatencyHistogram::Finish() {
  std::sort(samples_.begin(), samples_.end());
  sorted_ = true;
}

double LatencyHistogram::PercentileMillis(double q) const {
  if (samples_.empty() || !sorted_) return 0;
  // Nearest rank: the smallest sample with at least q of all samples at or
  // below it.
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(samples_.size())));
  rank = std::clamp<size_t>(rank, 1, samples_.size());
  return static_cast<double>(samples_[rank - 1]) / 1e6;
}

double LatencyHistogram::MeanMillis() const {
  if (samples_.empty()) return 0;
  long double sum = 0;
  for (int64_t s : samples_) sum += static_cast<long double>(s);
  return static_cast<double>(sum / static_cast<long double>(samples_.size()) / 1e6L);
}

double LatencyHistogram::MaxMillis() const {
  if (samples_.empty()) return 0;
  return static_cast<double>(sorted_ ? samples_.back() : *std::max_element(samples_.begin(), samples_.end())) /
         1e6;
}

}  // namespace caitiao::bench
