// report coverage and load-regions: CoverageService calls.
//
//   caitiao report coverage --region=420000 [--date=YYYY-MM-DD] [--format=table|csv|json|html]
//                           [--output=FILE] [--chart_js=FILE]
//   caitiao load-regions FILE
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "caitiao/v1/coverage.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"
#include "clients/input_file.h"
#include "clients/output_file.h"
#include "clients/report_html.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::CoverageReport;
using caitiao::v1::CoverageService;
using caitiao::v1::RegionCoverage;

std::string LevelName(caitiao::v1::RegionLevel level) {
  return absl::AsciiStrToLower(WithoutPrefix(caitiao::v1::RegionLevel_Name(level), "REGION_LEVEL_"));
}

std::string MilestoneText(const caitiao::v1::MilestoneStatus& m) {
  const std::string what = m.milestone().all() ? absl::StrCat("all ", m.required())
                                               : absl::StrCat("at least ", m.required());
  const char* state = m.met() ? "met" : (m.due() ? "missed" : "not yet due");
  return absl::StrCat(what, " covered by ", FormatDate(m.due_on()), " (", m.milestone().after_months(),
                      " months): ", state);
}

std::string Headline(const CoverageReport& r) {
  return absl::StrCat(r.province_name(), " (", r.province_code(), ") on ", FormatDate(r.date()), ": ", r.covered(),
                      " of ", r.total(), " cities and counties covered, ", r.pilots(), " pilots");
}

std::string TargetLine(const CoverageReport& r) {
  return absl::StrCat("target in force from ", FormatDate(r.target().effective_from()), ", pilot start ",
                      FormatDate(r.target().pilot_start()));
}

void PrintTable(const CoverageReport& r, std::ostream& out) {
  out << Headline(r) << '\n';
  if (r.has_target()) {
    out << TargetLine(r) << ":\n";
    for (int i = 0; i < r.milestones_size(); ++i) {
      out << (i == r.applicable_milestone() ? "  * " : "    ") << MilestoneText(r.milestones(i)) << '\n';
    }
  } else {
    out << "no target in force\n";
  }
  Table table({"STATUS", "CODE", "NAME", "LEVEL", "ROOMS", "PILOT SINCE"});
  table.AlignRight(4);
  auto add = [&](const char* status, const google::protobuf::RepeatedPtrField<RegionCoverage>& list) {
    for (const auto& x : list) {
      table.AddRow({status, x.code(), x.name(), LevelName(x.level()), absl::StrCat(x.rooms_active()),
                    x.pilot() ? FormatDate(x.pilot_since()) : ""});
    }
  };
  add("covered", r.covered_regions());
  add("pilot, no room", r.pilot_without_room());
  add("uncovered", r.uncovered_regions());
  out << '\n';
  table.Print(out);
}

// UTF-8 with a byte order mark, so that spreadsheet programs read the names.
void PrintCsv(const CoverageReport& r, std::ostream& out) {
  out << kUtf8Bom << "province_code,date,status,code,name,level,rooms_active,pilot_since\r\n";
  auto add = [&](const char* status, const google::protobuf::RepeatedPtrField<RegionCoverage>& list) {
    for (const auto& x : list) {
      out << r.province_code() << ',' << FormatDate(r.date()) << ',' << status << ',' << x.code() << ','
          << CsvField(x.name()) << ',' << LevelName(x.level()) << ',' << x.rooms_active() << ','
          << (x.pilot() ? FormatDate(x.pilot_since()) : "") << "\r\n";
    }
  };
  add("covered", r.covered_regions());
  add("pilot_without_room", r.pilot_without_room());
  add("uncovered", r.uncovered_regions());
}

std::vector<std::string> RegionRow(const RegionCoverage& x) {
  return {x.code(), x.name(), LevelName(x.level()), absl::StrCat(x.rooms_active()),
          x.pilot() ? FormatDate(x.pilot_since()) : ""};
}

HtmlTable RegionTable(std::string title, const google::protobuf::RepeatedPtrField<RegionCoverage>& list) {
  HtmlTable table{std::move(title), {{"CODE"}, {"NAME"}, {"LEVEL"}, {"ROOMS", true}, {"PILOT SINCE"}}, {}};
  for (const auto& x : list) table.rows.push_back(RegionRow(x));
  return table;
}

// "at least 50 by 2024-06-01" or "all 118 by 2025-06-01": a chart label.
std::string MilestoneLabel(const caitiao::v1::MilestoneStatus& m) {
  return absl::StrCat(m.milestone().all() ? "all " : "at least ", m.required(), " by ", FormatDate(m.due_on()));
}

// The page: the headline and target, a doughnut of the three lists and a bar
// of covered against each milestone's required count, the milestones, then
// the three lists.
HtmlReport CoverageHtml(const CoverageReport& r, std::string generated) {
  HtmlReport page;
  page.title = absl::StrCat("Pilot coverage: ", r.province_name(), " (", r.province_code(), ") on ",
                            FormatDate(r.date()));
  page.subtitle = "裁调对接试点覆盖: cities and counties with an active mediation room";
  page.generated = std::move(generated);

  HtmlSection& summary = page.sections.emplace_back();
  summary.heading = "Coverage against the target";
  summary.paragraphs.push_back(Headline(r));
  summary.paragraphs.push_back(r.has_target() ? TargetLine(r) : "no target in force");
  summary.charts.push_back({"Cities and counties on the day",
                            "doughnut",
                            {"covered", "pilot, no room", "uncovered"},
                            {{"cities and counties",
                              {static_cast<double>(r.covered_regions_size()),
                               static_cast<double>(r.pilot_without_room_size()),
                               static_cast<double>(r.uncovered_regions_size())},
                              {"#2da44e", "#d4a72c", "#cf222e"}}}});
  if (r.milestones_size() > 0) {
    HtmlChart bar{"Covered against each milestone", "bar", {}, {}};
    HtmlDataset required{"required", {}, {"#8c959f"}};
    HtmlDataset covered{absl::StrCat("covered on ", FormatDate(r.date())), {}, {"#2da44e"}};
    HtmlTable milestones{"Milestones",
                         {{"MILESTONE"}, {"DUE"}, {"REQUIRED", true}, {"COVERED", true}, {"STATE"}, {"APPLIES"}},
                         {}};
    for (int i = 0; i < r.milestones_size(); ++i) {
      const auto& m = r.milestones(i);
      bar.labels.push_back(MilestoneLabel(m));
      required.values.push_back(m.required());
      covered.values.push_back(r.covered());
      milestones.rows.push_back({absl::StrCat(m.milestone().after_months(), " months after the pilot start"),
                                 FormatDate(m.due_on()), absl::StrCat(m.required()), absl::StrCat(r.covered()),
                                 m.met() ? "met" : (m.due() ? "missed" : "not yet due"),
                                 i == r.applicable_milestone() ? "*" : ""});
    }
    bar.datasets = {std::move(required), std::move(covered)};
    summary.charts.push_back(std::move(bar));
    summary.tables.push_back(std::move(milestones));
  }

  HtmlSection& lists = page.sections.emplace_back();
  lists.heading = "Cities and counties";
  lists.tables.push_back(RegionTable("Covered", r.covered_regions()));
  lists.tables.push_back(RegionTable("Pilots without an active room", r.pilot_without_room()));
  lists.tables.push_back(RegionTable("Uncovered", r.uncovered_regions()));
  return page;
}

absl::StatusOr<std::string> RenderHtml(const CoverageReport& r) {
  auto chart_js = LoadChartJs(ChartJsPath(absl::GetFlag(FLAGS_chart_js)));
  if (!chart_js.ok()) return chart_js.status();
  google::protobuf::Timestamp now;
  now.set_seconds(absl::ToUnixSeconds(absl::Now()));
  return RenderReportHtml(CoverageHtml(r, ChinaTimeLabelled(now)), *chart_js);
}

}  // namespace

int ReportCoverageCommand(const Session& s, const Args&) {
  const auto regions = absl::GetFlag(FLAGS_region);
  if (regions.size() != 1) return UsageError("report coverage needs exactly one --region=PROVINCE_CODE");
  std::string format = absl::GetFlag(FLAGS_format);
  if (s.json) format = "json";
  if (format != "table" && format != "csv" && format != "json" && format != "html") {
    return UsageError("--format must be table, csv, json or html");
  }
  const std::string output = absl::GetFlag(FLAGS_output);
  caitiao::v1::GetCoverageRequest request;
  request.set_province_code(regions[0]);
  if (const std::string day = absl::GetFlag(FLAGS_date); !day.empty()) {
    auto date = ParseDate("date", day);
    if (!date.ok()) return UsageError(std::string(date.status().message()));
    *request.mutable_date() = *date;
  }
  auto stub = CoverageService::NewStub(s.channel);
  CoverageReport response;
  if (int rc = CallUnary(s, *stub, &CoverageService::Stub::GetCoverage, request, response); rc != kExitOk) return rc;
  std::ostringstream text;
  if (format == "json") {
    PrintJson(response, JsonStyle::kPretty, text);
  } else if (format == "csv") {
    PrintCsv(response, text);
  } else if (format == "html") {
    auto html = RenderHtml(response);
    if (!html.ok()) return UsageError(std::string(html.status().message()));
    text << *html;
  } else {
    PrintTable(response, text);
  }
  if (output.empty()) {
    std::cout << text.str();
    return kExitOk;
  }
  if (auto written = WriteOutputFile(output, text.str()); !written.ok()) {
    return UsageError(std::string(written.message()));
  }
  std::cerr << "wrote " << output << '\n';
  return kExitOk;
}

int LoadRegionsCommand(const Session& s, const Args& args) {
  auto text = ReadInputFile(args[0]);
  if (!text.ok()) return UsageError(std::string(text.status().message()));
  caitiao::v1::LoadRegionsRequest request;
  request.set_csv_text(*text);
  request.set_request_id(RequestIdForChange());
  auto stub = CoverageService::NewStub(s.channel);
  caitiao::v1::LoadRegionsResponse response;
  if (int rc = CallUnary(s, *stub, &CoverageService::Stub::LoadRegions, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, [](const caitiao::v1::LoadRegionsResponse& r) {
    std::cout << "regions loaded: " << r.added() << " added, " << r.renamed() << " renamed, " << r.moved()
              << " moved, " << r.unchanged() << " unchanged; " << r.absent()
              << " in the directory but not in the file (kept); " << r.total() << " in the directory\n";
  });
}

}  // namespace caitiao::cli
