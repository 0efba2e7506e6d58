#include "services/metrics/metrics_registry.h"

#include <algorithm>

namespace caitiao::metrics {

std::string_view StatusCodeName(int code) {
  static constexpr std::array<std::string_view, kStatusCodes> kNames = {
      "OK",        "CANCELLED",         "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS",    "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",      "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED"};
  if (code < 0 || code >= kStatusCodes) return "UNKNOWN";
  return kNames[static_cast<size_t>(code)];
}

void MethodStats::Record(int code, absl::Duration latency) {
  if (code < 0 || code >= kStatusCodes) code = 2;  // UNKNOWN
  const double seconds = absl::ToDoubleSeconds(latency);
  const size_t bucket = static_cast<size_t>(
      std::lower_bound(kDurationBounds.begin(), kDurationBounds.end(), seconds) - kDurationBounds.begin());
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  const int64_t ns = absl::ToInt64Nanoseconds(latency);
  sum_ns_.fetch_add(ns > 0 ? static_cast<uint64_t>(ns) : 0, std::memory_order_relaxed);
  codes_[static_cast<size_t>(code)].fetch_add(1, std::memory_order_relaxed);
}

MethodStats::Snapshot MethodStats::Read() const {
  Snapshot s;
  for (size_t i = 0; i < codes_.size(); ++i) s.codes[i] = codes_[i].load(std::memory_order_relaxed);
  s.buckets.reserve(buckets_.size());
  for (const auto& b : buckets_) {
    s.buckets.push_back(b.load(std::memory_order_relaxed));
    s.count += s.buckets.back();
  }
  s.sum_seconds = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return s;
}

Registry& Registry::Default() {
  static Registry* registry = new Registry();  // never destroyed: threads may record until exit
  return *registry;
}

MethodStats& Registry::Method(std::string_view method) {
  absl::MutexLock lock(&mu_);
  auto it = methods_.find(method);
  if (it == methods_.end()) {
    it = methods_.emplace(std::string(method), std::make_unique<MethodStats>(std::string(method))).first;
  }
  return *it->second;
}

void Registry::Collect(std::vector<MetricFamily>& out) const {
  std::vector<const MethodStats*> methods;
  {
    absl::MutexLock lock(&mu_);
    methods.reserve(methods_.size());
    for (const auto& [name, stats] : methods_) methods.push_back(stats.get());
  }
  MetricFamily requests{"caitiao_requests_total",
                        "RPCs finished, by full method name and gRPC status code (calls refused by gRPC itself "
                        "before a handler, e.g. thread pool exhausted or a malformed message, are not counted)",
                        MetricType::kCounter,
                        {}};
  MetricFamily durations{"caitiao_request_duration_seconds",
                         "Time from an RPC's arrival at the handler wrapper to its status, by full method name "
                         "(a stream's whole life)",
                         MetricType::kHistogram,
                         {}};
  const std::vector<double> bounds(kDurationBounds.begin(), kDurationBounds.end());
  for (const MethodStats* m : methods) {
    const MethodStats::Snapshot s = m->Read();
    for (int code = 0; code < kStatusCodes; ++code) {
      const uint64_t n = s.codes[static_cast<size_t>(code)];
      if (n == 0) continue;
      requests.samples.push_back(
          {"", {{"method", m->method()}, {"code", std::string(StatusCodeName(code))}}, static_cast<double>(n)});
    }
    if (s.count > 0) AppendHistogram(durations, {{"method", m->method()}}, bounds, s.buckets, s.sum_seconds);
  }
  out.push_back(std::move(requests));
  out.push_back(std::move(durations));
}

std::string Scrape(const Registry& registry, const std::vector<Collector>& collectors) {
  std::vector<MetricFamily> families;
  registry.Collect(families);
  for (const Collector& c : collectors) c(families);
  return WriteText(families);
}

}  // namespace caitiao::metrics
