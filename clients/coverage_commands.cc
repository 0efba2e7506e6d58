// report coverage and load-regions: CoverageService calls.
//
//   caitiao report coverage --region=420000 [--date=YYYY-MM-DD] [--format=table|csv|json]
//   caitiao load-regions FILE
#include <iostream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "caitiao/v1/coverage.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"
#include "clients/input_file.h"

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

void PrintTable(const CoverageReport& r) {
  std::cout << r.province_name() << " (" << r.province_code() << ") on " << FormatDate(r.date()) << ": "
            << r.covered() << " of " << r.total() << " cities and counties covered, " << r.pilots() << " pilots\n";
  if (r.has_target()) {
    std::cout << "target in force from " << FormatDate(r.target().effective_from()) << ", pilot start "
              << FormatDate(r.target().pilot_start()) << ":\n";
    for (int i = 0; i < r.milestones_size(); ++i) {
      std::cout << (i == r.applicable_milestone() ? "  * " : "    ") << MilestoneText(r.milestones(i)) << '\n';
    }
  } else {
    std::cout << "no target in force\n";
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
  std::cout << '\n';
  table.Print(std::cout);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  return absl::StrCat("\"", absl::StrReplaceAll(s, {{"\"", "\"\""}}), "\"");
}

// UTF-8 with a byte order mark, so that spreadsheet programs read the names.
void PrintCsv(const CoverageReport& r) {
  std::cout << "\xEF\xBB\xBF" << "province_code,date,status,code,name,level,rooms_active,pilot_since\r\n";
  auto add = [&](const char* status, const google::protobuf::RepeatedPtrField<RegionCoverage>& list) {
    for (const auto& x : list) {
      std::cout << r.province_code() << ',' << FormatDate(r.date()) << ',' << status << ',' << x.code() << ','
                << CsvField(x.name()) << ',' << LevelName(x.level()) << ',' << x.rooms_active() << ','
                << (x.pilot() ? FormatDate(x.pilot_since()) : "") << "\r\n";
    }
  };
  add("covered", r.covered_regions());
  add("pilot_without_room", r.pilot_without_room());
  add("uncovered", r.uncovered_regions());
}

}  // namespace

int ReportCoverageCommand(const Session& s, const Args&) {
  const auto regions = absl::GetFlag(FLAGS_region);
  if (regions.size() != 1) return UsageError("report coverage needs exactly one --region=PROVINCE_CODE");
  std::string format = absl::GetFlag(FLAGS_format);
  if (s.json) format = "json";
  if (format != "table" && format != "csv" && format != "json") {
    return UsageError("--format must be table, csv or json");
  }
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
  if (format == "json") {
    PrintJson(response, JsonStyle::kPretty, std::cout);
  } else if (format == "csv") {
    PrintCsv(response);
  } else {
    PrintTable(response);
  }
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
