// HTML reports: one self-contained page of tables and charts that opens
// offline (`caitiao report ... --format=html --output=FILE`).
//
// A report command fills an HtmlReport with its own data (sections of
// paragraphs, charts and tables, all plain text) and renders it; the layout is
// the same for every report. The page is made from the mustache templates in
// clients/templates/ (rendered with Debian's libmstch, every value
// HTML-escaped) and draws its charts with Chart.js, read from Debian's
// libjs-chart.js at run time and inlined, so the file needs no network.
//
//   HtmlReport report;
//   report.title = "Pilot coverage: 湖北省 (420000)";
//   report.generated = "2026-12-02 10:00:00 (UTC+8)";
//   HtmlSection& s = report.sections.emplace_back();
//   s.heading = "Coverage";
//   s.charts.push_back({"Cities and counties", "doughnut", {"covered", "uncovered"}, {{"regions", {2, 116}}}});
//   s.tables.push_back({"Covered", {{"CODE"}, {"ROOMS", true}}, {{"420100", "1"}}});
//   absl::StatusOr<std::string> js = LoadChartJs(ChartJsPath(absl::GetFlag(FLAGS_chart_js)));
//   absl::StatusOr<std::string> html = js.ok() ? RenderReportHtml(report, *js) : js.status();
//
// Once Chart.js has drawn, the page's script writes
//   <p id="charts-drawn" data-count="N" data-expected="M" data-errors="E">
// (N canvases with non-blank pixels, M charts, E errors raised on the page),
// which tests read with a headless browser.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace caitiao::cli {

struct HtmlColumn {
  std::string name;
  bool numeric = false;  // right-aligned
};

// A table: a caption (shown with the row count), its columns and its rows,
// each row one cell per column.
struct HtmlTable {
  std::string title;
  std::vector<HtmlColumn> columns;
  std::vector<std::vector<std::string>> rows;
};

// One series of a chart: a value per label. Colors are CSS colors: none for
// the page's palette, one for the whole series, or one per value.
struct HtmlDataset {
  std::string label;
  std::vector<double> values;
  std::vector<std::string> colors;
};

// A Chart.js chart of a fixed size in CSS pixels. type is a Chart.js chart
// type: "bar", "line", "doughnut" or "pie" (bar and line get a y axis from
// zero in whole numbers).
struct HtmlChart {
  std::string title;
  std::string type;
  std::vector<std::string> labels;
  std::vector<HtmlDataset> datasets;
  int width = 520;
  int height = 320;
};

// A part of the page under its heading: paragraphs, then its charts side by
// side, then its tables.
struct HtmlSection {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<HtmlChart> charts;
  std::vector<HtmlTable> tables;
};

struct HtmlReport {
  std::string title;      // the page's <title> and heading
  std::string subtitle;   // optional, one line under the title
  std::string generated;  // when, as the reader should see it
  std::vector<HtmlSection> sections;
};

// The page. chart_js is the text of a UMD build of Chart.js 3 or 4 (it must
// define the global `Chart`), inlined as is. Errors: INVALID_ARGUMENT for a
// chart of an unknown type, a dataset whose value or color count does not fit
// its labels, a table row whose cell count differs from its columns, or a
// chart_js that contains "</script" (it would end its element early).
absl::StatusOr<std::string> RenderReportHtml(const HtmlReport& report, absl::string_view chart_js);

// The charts' data as the page embeds it: a JSON array, one object per chart
// in page order ({"type", "labels", "datasets": [{"label", "values",
// "colors"}]}), with every "<" written as \u003c so that no "</script>" in
// a label can end its <script> element.
std::string ChartDataJson(const HtmlReport& report);

// Where Chart.js is read from: `flag` if not empty, else the environment's
// CAITIAO_CHART_JS if set, else Debian's libjs-chart.js
// (/usr/share/javascript/chart.js/chart.min.js).
std::string ChartJsPath(const std::string& flag);

// The text of the Chart.js file at `path`. FAILED_PRECONDITION, naming the
// path and how to install or point to it, when it cannot be read or does not
// look like Chart.js.
absl::StatusOr<std::string> LoadChartJs(const std::string& path);

}  // namespace caitiao::cli
