#include "services/metrics/metrics_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/metrics/metrics_registry.h"

namespace caitiao::metrics {
namespace {

TEST(MetricsText, EachFamilyHasItsHelpAndTypeLinesThenItsSamples) {
  std::vector<MetricFamily> families;
  families.push_back({"caitiao_database_up", "1 while PostgreSQL answers", MetricType::kGauge, {{"", {}, 1}}});
  families.push_back({"caitiao_requests_total",
                      "RPCs",
                      MetricType::kCounter,
                      {{"", {{"method", "caitiao.v1.CaseService/GetCase"}, {"code", "OK"}}, 3},
                       {"", {{"method", "caitiao.v1.CaseService/GetCase"}, {"code", "NOT_FOUND"}}, 1}}});
  EXPECT_EQ(WriteText(families),
            "# HELP caitiao_database_up 1 while PostgreSQL answers\n"
            "# TYPE caitiao_database_up gauge\n"
            "caitiao_database_up 1\n"
            "# HELP caitiao_requests_total RPCs\n"
            "# TYPE caitiao_requests_total counter\n"
            "caitiao_requests_total{method=\"caitiao.v1.CaseService/GetCase\",code=\"OK\"} 3\n"
            "caitiao_requests_total{method=\"caitiao.v1.CaseService/GetCase\",code=\"NOT_FOUND\"} 1\n");
}

TEST(MetricsText, AFamilyWithoutSamplesStillHasItsHelpAndType) {
  EXPECT_EQ(WriteText({{"caitiao_requests_total", "RPCs", MetricType::kCounter, {}}}),
            "# HELP caitiao_requests_total RPCs\n# TYPE caitiao_requests_total counter\n");
}

TEST(MetricsText, LabelValuesEscapeBackslashQuoteAndLineFeed) {
  EXPECT_EQ(EscapeLabelValue("plain 调解室/1"), "plain 调解室/1");
  EXPECT_EQ(EscapeLabelValue("a\\b"), "a\\\\b");
  EXPECT_EQ(EscapeLabelValue("say \"hi\""), "say \\\"hi\\\"");
  EXPECT_EQ(EscapeLabelValue("two\nlines"), "two\\nlines");
  const std::string text =
      WriteText({{"m", "h", MetricType::kGauge, {{"", {{"path", "C:\\x \"q\"\nend"}}, 2}}}});
  EXPECT_NE(text.find("m{path=\"C:\\\\x \\\"q\\\"\\nend\"} 2\n"), std::string::npos) << text;
}

TEST(MetricsText, HelpEscapesBackslashAndLineFeedButNotQuotes) {
  const std::string text = WriteText({{"m", "a \"quoted\" \\ help\nsecond line", MetricType::kGauge, {}}});
  EXPECT_EQ(text, "# HELP m a \"quoted\" \\\\ help\\nsecond line\n# TYPE m gauge\n");
}

TEST(MetricsText, ValuesAreShortestDecimalsAndInfinitiesAreSpelledOut) {
  EXPECT_EQ(FormatValue(0), "0");
  EXPECT_EQ(FormatValue(3), "3");
  EXPECT_EQ(FormatValue(0.0005), "0.0005");
  EXPECT_EQ(FormatValue(2.5), "2.5");
  EXPECT_EQ(FormatValue(-1.25), "-1.25");
  EXPECT_EQ(FormatValue(12345678901.0), "12345678901");
  EXPECT_EQ(FormatValue(0.1 + 0.2), "0.30000000000000004") << "reads back the same";
  EXPECT_EQ(FormatValue(1e-9), "1e-09");
  EXPECT_EQ(FormatValue(1e20), "1e+20");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::nan("")), "NaN");
}

TEST(MetricsText, HistogramBucketsAreCumulativeAndEndWithInfEqualToCount) {
  MetricFamily f{"d_seconds", "durations", MetricType::kHistogram, {}};
  AppendHistogram(f, {{"method", "M"}}, {0.1, 1, 10}, {2, 0, 3, 1}, 7.5);
  EXPECT_EQ(WriteText({f}),
            "# HELP d_seconds durations\n"
            "# TYPE d_seconds histogram\n"
            "d_seconds_bucket{method=\"M\",le=\"0.1\"} 2\n"
            "d_seconds_bucket{method=\"M\",le=\"1\"} 2\n"
            "d_seconds_bucket{method=\"M\",le=\"10\"} 5\n"
            "d_seconds_bucket{method=\"M\",le=\"+Inf\"} 6\n"
            "d_seconds_sum{method=\"M\"} 7.5\n"
            "d_seconds_count{method=\"M\"} 6\n");
}

TEST(MetricsRegistry, ACallIsCountedByCodeAndItsLatencyFallsInTheRightBucket) {
  Registry registry;
  MethodStats& get = registry.Method("caitiao.v1.CaseService/GetCase");
  EXPECT_EQ(&get, &registry.Method("caitiao.v1.CaseService/GetCase")) << "one MethodStats per method";
  get.Record(0, absl::Microseconds(300));   // le 0.0005
  get.Record(0, absl::Milliseconds(1));     // le 0.001: a bound is inclusive
  get.Record(16, absl::Milliseconds(20));   // le 0.025
  get.Record(5, absl::Seconds(30));         // above 10: only +Inf
  get.Record(99, absl::Milliseconds(1));    // out of range: UNKNOWN
  registry.Method("caitiao.v1.CaseService/ListCases");  // never called: not shown

  std::vector<MetricFamily> families;
  registry.Collect(families);
  ASSERT_EQ(families.size(), 2u);
  const std::string text = WriteText(families);
  const std::string m = "method=\"caitiao.v1.CaseService/GetCase\"";
  const std::string requests = absl::StrCat("caitiao_requests_total{", m, ",code=");
  const std::string bucket = absl::StrCat("caitiao_request_duration_seconds_bucket{", m, ",le=");
  const std::vector<std::string> expected = {
      "# TYPE caitiao_requests_total counter\n",
      "# TYPE caitiao_request_duration_seconds histogram\n",
      absl::StrCat(requests, "\"OK\"} 2\n"),
      absl::StrCat(requests, "\"NOT_FOUND\"} 1\n"),
      absl::StrCat(requests, "\"UNAUTHENTICATED\"} 1\n"),
      absl::StrCat(requests, "\"UNKNOWN\"} 1\n"),
      absl::StrCat(bucket, "\"0.0005\"} 1\n"),
      absl::StrCat(bucket, "\"0.001\"} 3\n"),
      absl::StrCat(bucket, "\"0.01\"} 3\n"),
      absl::StrCat(bucket, "\"0.025\"} 4\n"),
      absl::StrCat(bucket, "\"10\"} 4\n"),
      absl::StrCat(bucket, "\"+Inf\"} 5\n"),
      absl::StrCat("caitiao_request_duration_seconds_sum{", m, "} 30.0223\n"),
      absl::StrCat("caitiao_request_duration_seconds_count{", m, "} 5\n"),
  };
  for (const std::string& line : expected) {
    EXPECT_NE(text.find(line), std::string::npos) << "missing: " << line << "in:\n" << text;
  }
  EXPECT_EQ(text.find("ListCases"), std::string::npos) << text;
  EXPECT_EQ(text.find("code=\"CANCELLED\""), std::string::npos) << "codes never seen are not shown";
}

TEST(MetricsRegistry, ConcurrentRecordsAreAllCounted) {
  Registry registry;
  MethodStats& stats = registry.Method("m");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&stats] {
      for (int i = 0; i < 10000; ++i) stats.Record(0, absl::Microseconds(100));
    });
  }
  for (auto& t : threads) t.join();
  const MethodStats::Snapshot s = stats.Read();
  EXPECT_EQ(s.codes[0], 40000u);
  EXPECT_EQ(s.count, 40000u);
  EXPECT_EQ(s.buckets[0], 40000u);
  EXPECT_NEAR(s.sum_seconds, 4.0, 1e-9);
}

TEST(MetricsRegistry, ScrapeAppendsTheCollectorsFamiliesAfterTheRequests) {
  Registry registry;
  const std::string text = Scrape(registry, {[](std::vector<MetricFamily>& out) {
    out.push_back({"caitiao_db_pool_waiting", "waiting", MetricType::kGauge, {{"", {}, 0}}});
  }});
  EXPECT_LT(text.find("caitiao_requests_total"), text.find("caitiao_db_pool_waiting"));
  EXPECT_NE(text.find("\ncaitiao_db_pool_waiting 0\n"), std::string::npos) << text;
}

TEST(MetricsRegistry, StatusCodeNamesAreGrpcs) {
  EXPECT_EQ(StatusCodeName(0), "OK");
  EXPECT_EQ(StatusCodeName(3), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(8), "RESOURCE_EXHAUSTED");
  EXPECT_EQ(StatusCodeName(16), "UNAUTHENTICATED");
  EXPECT_EQ(StatusCodeName(17), "UNKNOWN");
  EXPECT_EQ(StatusCodeName(-1), "UNKNOWN");
}

}  // namespace
}  // namespace caitiao::metrics
