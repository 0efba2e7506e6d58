#include "clients/report_html.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "clients/report_templates.h"
#include "mstch/mstch.hpp"

namespace caitiao::cli {
namespace {

constexpr char kDebianChartJs[] = "/usr/share/javascript/chart.js/chart.min.js";

bool KnownChartType(const std::string& type) {
  return type == "bar" || type == "line" || type == "doughnut" || type == "pie";
}

absl::Status CheckChart(const HtmlChart& chart) {
  if (!KnownChartType(chart.type)) {
    return absl::InvalidArgumentError(absl::StrCat("chart \"", chart.title, "\": unknown type \"", chart.type, "\""));
  }
  for (const auto& d : chart.datasets) {
    if (d.values.size() != chart.labels.size()) {
      return absl::InvalidArgumentError(absl::StrCat("chart \"", chart.title, "\", dataset \"", d.label, "\": ",
                                                     d.values.size(), " values for ", chart.labels.size(), " labels"));
    }
    if (d.colors.size() > 1 && d.colors.size() != d.values.size()) {
      return absl::InvalidArgumentError(absl::StrCat("chart \"", chart.title, "\", dataset \"", d.label, "\": ",
                                                     d.colors.size(), " colors for ", d.values.size(), " values"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckTable(const HtmlTable& table) {
  for (size_t i = 0; i < table.rows.size(); ++i) {
    if (table.rows[i].size() != table.columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat("table \"", table.title, "\", row ", i + 1, ": ",
                                                     table.rows[i].size(), " cells for ", table.columns.size(),
                                                     " columns"));
    }
  }
  return absl::OkStatus();
}

google::protobuf::Value StringList(const std::vector<std::string>& items) {
  google::protobuf::Value v;
  auto* list = v.mutable_list_value();
  for (const auto& s : items) list->add_values()->set_string_value(s);
  return v;
}

google::protobuf::Value ChartValue(const HtmlChart& chart) {
  google::protobuf::Value v;
  auto& fields = *v.mutable_struct_value()->mutable_fields();
  fields["type"].set_string_value(chart.type);
  fields["labels"] = StringList(chart.labels);
  auto* datasets = fields["datasets"].mutable_list_value();
  for (const auto& d : chart.datasets) {
    auto& dataset = *datasets->add_values()->mutable_struct_value()->mutable_fields();
    dataset["label"].set_string_value(d.label);
    auto* values = dataset["values"].mutable_list_value();
    for (double x : d.values) values->add_values()->set_number_value(x);
    dataset["colors"] = StringList(d.colors);
  }
  return v;
}

mstch::map TableNode(const HtmlTable& table) {
  mstch::array columns;
  for (const auto& c : table.columns) columns.push_back(mstch::map{{"name", c.name}, {"numeric", c.numeric}});
  mstch::array rows;
  for (const auto& row : table.rows) {
    mstch::array cells;
    for (size_t i = 0; i < row.size(); ++i) {
      cells.push_back(mstch::map{{"text", row[i]}, {"numeric", table.columns[i].numeric}});
    }
    rows.push_back(mstch::map{{"cells", std::move(cells)}});
  }
  return mstch::map{{"title", table.title},
                    {"row_count", static_cast<int>(table.rows.size())},
                    {"columns", std::move(columns)},
                    {"rows", std::move(rows)}};
}

const std::string& Template(const std::string& name) { return EmbeddedReportTemplates().at(name); }

}  // namespace

std::string ChartDataJson(const HtmlReport& report) {
  google::protobuf::Value charts;
  auto* list = charts.mutable_list_value();
  for (const auto& section : report.sections) {
    for (const auto& chart : section.charts) *list->add_values() = ChartValue(chart);
  }
  std::string json;
  // A Value of strings, numbers, lists and structs always prints.
  if (!google::protobuf::util::MessageToJsonString(charts, &json).ok()) json = "[]";
  // "<" occurs only inside JSON strings, where \u003c means the same.
  return absl::StrReplaceAll(json, {{"<", "\\u003c"}});
}

absl::StatusOr<std::string> RenderReportHtml(const HtmlReport& report, absl::string_view chart_js) {
  if (absl::StrContains(absl::AsciiStrToLower(chart_js), "</script")) {
    return absl::InvalidArgumentError("the Chart.js text contains \"</script\" and cannot be inlined");
  }
  mstch::array sections;
  int chart_index = 0;
  for (const auto& section : report.sections) {
    mstch::array charts;
    for (const auto& chart : section.charts) {
      if (auto status = CheckChart(chart); !status.ok()) return status;
      charts.push_back(mstch::map{
          {"index", chart_index++}, {"title", chart.title}, {"width", chart.width}, {"height", chart.height}});
    }
    mstch::array tables;
    for (const auto& table : section.tables) {
      if (auto status = CheckTable(table); !status.ok()) return status;
      tables.push_back(TableNode(table));
    }
    mstch::array paragraphs(section.paragraphs.begin(), section.paragraphs.end());
    const bool has_charts = !charts.empty();
    sections.push_back(mstch::map{{"heading", section.heading},
                                  {"paragraphs", std::move(paragraphs)},
                                  {"has_charts", has_charts},
                                  {"charts", std::move(charts)},
                                  {"tables", std::move(tables)}});
  }
  const mstch::map page{{"title", report.title},
                        {"subtitle", report.subtitle},
                        {"generated", report.generated},
                        {"sections", std::move(sections)},
                        {"chart_count", chart_index},
                        {"chart_data", ChartDataJson(report)},
                        {"chart_js", std::string(chart_js)}};
  return mstch::render(Template("report"), page, {{"table", Template("table")}, {"chart", Template("chart")}});
}

std::string ChartJsPath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("CAITIAO_CHART_JS"); env != nullptr && *env != '\0') return env;
  return kDebianChartJs;
}

absl::StatusOr<std::string> LoadChartJs(const std::string& path) {
  const std::string help = absl::StrCat(
      " (the HTML reports inline Chart.js: install Debian's libjs-chart.js, or point --chart_js or CAITIAO_CHART_JS "
      "to a UMD build such as chart.umd.js or chart.min.js; the default is ",
      kDebianChartJs, ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::FailedPreconditionError(absl::StrCat("cannot read Chart.js from ", path, help));
  std::ostringstream text;
  text << in.rdbuf();
  std::string js = std::move(text).str();
  if (!absl::StrContains(js, "Chart")) {
    return absl::FailedPreconditionError(absl::StrCat(path, " does not look like Chart.js", help));
  }
  return js;
}

}  // namespace caitiao::cli
