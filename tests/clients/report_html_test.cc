// The HTML report page (clients/report_html.h): escaping of every value, the
// chart data kept inside its <script> element, and the checks on its input.
#include "clients/report_html.h"

#include <gtest/gtest.h>

#include <string>

#include "absl/strings/match.h"

namespace caitiao::cli {
namespace {

constexpr char kHostile[] = "<b>\"A&B\"</b> 'x' </script><script>alert(1)</script>";
constexpr char kChartJsStub[] = "window.Chart = function Chart() {};";

HtmlReport OneOfEach(const std::string& text) {
  HtmlReport report;
  report.title = text;
  report.subtitle = text;
  report.generated = "2026-12-02 10:00:00 (UTC+8)";
  HtmlSection& section = report.sections.emplace_back();
  section.heading = text;
  section.paragraphs = {text};
  section.charts.push_back({text, "bar", {text, "b"}, {{text, {1, 2}, {}}}});
  section.tables.push_back({text, {{text}, {"N", true}}, {{text, "7"}}});
  return report;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

TEST(RenderReportHtml, EscapesEveryValueInTheMarkup) {
  auto html = RenderReportHtml(OneOfEach(kHostile), kChartJsStub);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_FALSE(absl::StrContains(*html, "<b>")) << "a value reached the page unescaped";
  EXPECT_FALSE(absl::StrContains(*html, "alert(1)</script>")) << "a value closed a script element";
  // title, h1, subtitle, heading, paragraph, figcaption, aria-label, caption, th, td.
  EXPECT_EQ(Count(*html, "&lt;b&gt;&quot;A&amp;B&quot;&lt;&#x2F;b&gt; &#39;x&#39;"), 10u) << *html;
  // The page's own script elements only: the error counter, the data, Chart.js and the page script.
  EXPECT_EQ(Count(*html, "</script>"), 4u) << *html;
}

TEST(ChartDataJson, KeepsLabelsInsideTheirScriptElement) {
  const std::string json = ChartDataJson(OneOfEach(kHostile));
  EXPECT_FALSE(absl::StrContains(json, "<")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\\u003c/script")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\\\"A&B\\\"")) << "quotes are JSON-escaped: " << json;
  EXPECT_TRUE(absl::StrContains(json, "\"type\":\"bar\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"values\":[1,2]")) << json;
}

TEST(RenderReportHtml, InlinesChartJsAndCountsTheCharts) {
  auto html = RenderReportHtml(OneOfEach("湖北省"), kChartJsStub);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_TRUE(absl::StrContains(*html, std::string("<script>") + kChartJsStub + "</script>"));
  EXPECT_TRUE(absl::StrContains(*html, "data-expected=\"1\"")) << *html;
  EXPECT_TRUE(absl::StrContains(*html, "<canvas id=\"chart-0\" width=\"520\" height=\"320\"")) << *html;
  EXPECT_TRUE(absl::StrContains(*html, "<td class=\"num\">7</td>")) << *html;
  EXPECT_TRUE(absl::StrContains(*html, "<title>湖北省</title>")) << *html;
  EXPECT_FALSE(absl::StrContains(*html, "src=\"http")) << "the page must not fetch anything";
}

TEST(RenderReportHtml, ShowsAnEmptyTableAsNone) {
  HtmlReport report = OneOfEach("x");
  report.sections[0].tables[0].rows.clear();
  auto html = RenderReportHtml(report, kChartJsStub);
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_TRUE(absl::StrContains(*html, "<caption>x (0)</caption>")) << *html;
  EXPECT_TRUE(absl::StrContains(*html, "<p class=\"empty\">(none)</p>")) << *html;
}

TEST(RenderReportHtml, RefusesInputThatDoesNotFit) {
  HtmlReport unknown_type = OneOfEach("x");
  unknown_type.sections[0].charts[0].type = "radar3d";
  EXPECT_EQ(RenderReportHtml(unknown_type, kChartJsStub).status().code(), absl::StatusCode::kInvalidArgument);

  HtmlReport short_dataset = OneOfEach("x");
  short_dataset.sections[0].charts[0].datasets[0].values = {1};
  EXPECT_EQ(RenderReportHtml(short_dataset, kChartJsStub).status().code(), absl::StatusCode::kInvalidArgument);

  HtmlReport wrong_colors = OneOfEach("x");
  wrong_colors.sections[0].charts[0].datasets[0].colors = {"red", "green", "blue"};
  EXPECT_EQ(RenderReportHtml(wrong_colors, kChartJsStub).status().code(), absl::StatusCode::kInvalidArgument);

  HtmlReport short_row = OneOfEach("x");
  short_row.sections[0].tables[0].rows[0] = {"only one"};
  EXPECT_EQ(RenderReportHtml(short_row, kChartJsStub).status().code(), absl::StatusCode::kInvalidArgument);

  EXPECT_EQ(RenderReportHtml(OneOfEach("x"), "var s = '</SCRIPT>';").status().code(),
            absl::StatusCode::kInvalidArgument)
      << "a Chart.js text that ends its element early must be refused";
}

TEST(LoadChartJs, NamesTheMissingFileAndHowToFixIt) {
  auto js = LoadChartJs("/nonexistent/chart.min.js");
  ASSERT_EQ(js.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StrContains(js.status().message(), "/nonexistent/chart.min.js")) << js.status();
  EXPECT_TRUE(absl::StrContains(js.status().message(), "libjs-chart.js")) << js.status();
}

TEST(ChartJsPath, PrefersTheFlagThenTheEnvironmentThenDebian) {
  unsetenv("CAITIAO_CHART_JS");
  EXPECT_EQ(ChartJsPath(""), "/usr/share/javascript/chart.js/chart.min.js");
  setenv("CAITIAO_CHART_JS", "/opt/chart.umd.js", 1);
  EXPECT_EQ(ChartJsPath(""), "/opt/chart.umd.js");
  EXPECT_EQ(ChartJsPath("/srv/chart.js"), "/srv/chart.js");
  unsetenv("CAITIAO_CHART_JS");
}

}  // namespace
}  // namespace caitiao::cli
