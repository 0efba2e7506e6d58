// The numbers the metrics endpoint shows about RPCs: per method, calls by
// gRPC status code and a latency histogram. Recording is a few relaxed atomic
// additions, no lock and no allocation; a method's stats are created once
// (under a lock) and then kept by pointer. Everything else the endpoint shows
// (pool, watchers, sweeper, database) is read by collectors at scrape time.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/metrics/metrics_text.h"

namespace caitiao::metrics {

// Upper bounds of caitiao_request_duration_seconds, in seconds.
inline constexpr std::array<double, 14> kDurationBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                           0.1,    0.25,  0.5,    1,     2.5,   5,     10};
// gRPC status codes are 0 (OK) to 16 (UNAUTHENTICATED).
inline constexpr int kStatusCodes = 17;

// "OK", "INVALID_ARGUMENT", ..., "UNAUTHENTICATED"; "UNKNOWN" out of range.
std::string_view StatusCodeName(int code);

class MethodStats {
 public:
  explicit MethodStats(std::string method) : method_(std::move(method)) {}
  MethodStats(const MethodStats&) = delete;
  MethodStats& operator=(const MethodStats&) = delete;

  // One finished call: its gRPC status code and how long it took.
  void Record(int code, absl::Duration latency);

  struct Snapshot {
    std::array<uint64_t, kStatusCodes> codes{};
    std::vector<uint64_t> buckets;  // per bound, not cumulative; the last is above every bound
    double sum_seconds = 0;
    uint64_t count = 0;  // sum of buckets
  };
  Snapshot Read() const;
  const std::string& method() const { return method_; }

 private:
  const std::string method_;
  std::array<std::atomic<uint64_t>, kStatusCodes> codes_{};
  std::array<std::atomic<uint64_t>, kDurationBounds.size() + 1> buckets_{};
  std::atomic<uint64_t> sum_ns_{0};
};

// A source of families read at scrape time (gauges of the pool, ...).
using Collector = std::function<void(std::vector<MetricFamily>&)>;

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The process's registry, which the RPC wrapper records into.
  static Registry& Default();

  // The stats of `method` ("caitiao.v1.CaseService/GetCase"), made at zero
  // the first time; the reference lives as long as the registry. Takes a
  // lock: look a method up once and keep the reference.
  MethodStats& Method(std::string_view method);

  // caitiao_requests_total (the (method, code) pairs seen) and
  // caitiao_request_duration_seconds (the methods called at least once),
  // methods in name order.
  void Collect(std::vector<MetricFamily>& out) const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<MethodStats>, std::less<>> methods_ ABSL_GUARDED_BY(mu_);
};

// The exposition page: `registry`'s families, then each collector's.
std::string Scrape(const Registry& registry, const std::vector<Collector>& collectors);

}  // namespace caitiao::metrics
