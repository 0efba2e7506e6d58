// The Prometheus text exposition format (version 0.0.4), as a pure function
// of what was collected: one "# HELP" and one "# TYPE" line per family, then
// its samples. Label values are escaped (backslash, double quote and line
// feed), HELP text too (backslash and line feed); values print as the
// shortest decimal that reads back the same, or +Inf, -Inf, NaN.
//
//   caitiao_requests_total{method="caitiao.v1.CaseService/GetCase",code="OK"} 3
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caitiao::metrics {

enum class MetricType { kCounter, kGauge, kHistogram };

using Labels = std::vector<std::pair<std::string, std::string>>;

struct Sample {
  std::string suffix;  // appended to the family's name: "", "_bucket", "_sum", "_count"
  Labels labels;
  double value = 0;
};

struct MetricFamily {
  std::string name;  // [a-zA-Z_:][a-zA-Z0-9_:]*
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<Sample> samples;
};

// Appends a histogram's samples to `family`: one _bucket per upper bound in
// `bounds` (ascending) with the cumulative count of `counts` (counts[i]
// observations fell in (bounds[i-1], bounds[i]]; counts has one more element
// than bounds, for above the last bound; missing ones count 0), then
// le="+Inf", _sum and _count.
void AppendHistogram(MetricFamily& family, const Labels& labels, const std::vector<double>& bounds,
                     const std::vector<uint64_t>& counts, double sum);

// A sample value or an le bound: "3", "0.0005", "+Inf", "NaN".
std::string FormatValue(double value);

// `value` escaped for a label value between double quotes.
std::string EscapeLabelValue(std::string_view value);

// The whole page, families in the order given.
std::string WriteText(const std::vector<MetricFamily>& families);

}  // namespace caitiao::metrics
