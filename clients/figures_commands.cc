// report share, report room-review: the province's figures (ReportingService
// GetMediationShare and ReviewRooms) as a table, csv (UTF-8 with a byte
// order mark, for spreadsheets), json or one html page with charts, on
// stdout or into --output.
#include <iostream>
#include <sstream>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "caitiao/v1/reporting.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"
#include "clients/output_file.h"
#include "clients/report_html.h"
#include "clients/subsidy_input.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::ReportingService;

std::string Percent(bool has, double value) { return has ? absl::StrFormat("%.1f%%", value * 100.0) : "-"; }

std::string MonthLabel(const caitiao::v1::MediationShareRow& r) {
  return r.month() == 0 ? std::string("whole period") : absl::StrFormat("%04d-%02d", r.year(), r.month());
}

std::string RegionLabel(const caitiao::v1::MediationShareRow& r, const std::string& asked) {
  if (r.own()) return absl::StrCat(r.region_code(), " ", r.region_name(), " (its own cases)");
  if (r.region_code() == asked) return absl::StrCat(r.region_code(), " ", r.region_name(), " (total)");
  return absl::StrCat(r.region_code(), " ", r.region_name());
}

void ShareTable(const caitiao::v1::GetMediationShareResponse& r, std::ostream& out) {
  out << "Share resolved by mediation (调解化解比例), " << r.region_code() << ", " << FormatDate(r.from()) << " .. "
      << FormatDate(r.to()) << "\n\n";
  Table table({"REGION", "PERIOD", "BY MEDIATION", "AWARD", "TRIBUNAL MEDIATION", "TERMINATED", "WITHDRAWN",
               "NOT ACCEPTED", "CLOSED", "SHARE"});
  for (int c = 2; c <= 9; ++c) table.AlignRight(c);
  for (const auto& x : r.rows()) {
    table.AddRow({RegionLabel(x, r.region_code()), MonthLabel(x), absl::StrCat(x.by_mediation()),
                  absl::StrCat(x.by_award()), absl::StrCat(x.by_tribunal_mediation()), absl::StrCat(x.terminated()),
                  absl::StrCat(x.withdrawn()), absl::StrCat(x.not_accepted()), absl::StrCat(x.closed()),
                  Percent(x.has_share(), x.share())});
  }
  table.Print(out);
  out << "\nshare = closed by mediation ÷ closed in all (mediation, award, tribunal mediation, termination, "
         "withdrawal, not accepted)\n";
}

void ShareCsv(const caitiao::v1::GetMediationShareResponse& r, std::ostream& out) {
  out << kUtf8Bom
      << "region_code,region_name,own,year,month,by_mediation,award,tribunal_mediation,terminated,withdrawn,"
         "not_accepted,closed,share\r\n";
  for (const auto& x : r.rows()) {
    out << x.region_code() << ',' << CsvField(x.region_name()) << ',' << (x.own() ? "true" : "false") << ',' << x.year()
        << ',' << x.month() << ',' << x.by_mediation() << ',' << x.by_award() << ',' << x.by_tribunal_mediation()
        << ',' << x.terminated() << ',' << x.withdrawn() << ',' << x.not_accepted() << ',' << x.closed() << ','
        << (x.has_share() ? absl::StrFormat("%.4f", x.share()) : "") << "\r\n";
  }
}

std::string FlagNames(const caitiao::v1::RoomReview& r) {
  std::vector<std::string> names;
  for (int f : r.flags()) {
    names.push_back(absl::AsciiStrToLower(
        WithoutPrefix(caitiao::v1::RoomFlag_Name(static_cast<caitiao::v1::RoomFlag>(f)), "ROOM_FLAG_")));
  }
  return absl::StrJoin(names, " ");
}

void ReviewTable(const caitiao::v1::ReviewRoomsResponse& r, std::ostream& out) {
  out << "Room review, " << r.region_code() << ", " << FormatDate(r.from()) << " .. " << FormatDate(r.to()) << "\n\n";
  Table table({"#", "ROOM", "REGION", "DELEGATED", "ACCEPTED", "DECLINED", "SUCCEEDED", "FAILED", "SUCCESS RATE",
               "MEDIAN DAYS", "OVERDUE", "MEDIATORS", "PAID (YUAN)", "FLAGS"});
  for (int c : {0, 3, 4, 5, 6, 7, 8, 9, 10, 12}) table.AlignRight(c);
  for (const auto& x : r.rooms()) {
    table.AddRow({absl::StrCat(x.rank()), x.name(), x.region_code(), absl::StrCat(x.delegated()),
                  absl::StrCat(x.accepted()), absl::StrCat(x.declined()), absl::StrCat(x.succeeded()),
                  absl::StrCat(x.failed()), Percent(x.has_success_rate(), x.success_rate()),
                  x.has_median_days() ? absl::StrCat(x.median_days()) : "-", absl::StrCat(x.overdue_now()),
                  absl::StrCat(x.active_mediators(), "/", x.min_mediators()), FormatYuan(x.paid_fen()),
                  FlagNames(x)});
  }
  table.Print(out);
  if (table.RowCount() == 0) out << "(no room)\n";
}

void ReviewCsv(const caitiao::v1::ReviewRoomsResponse& r, std::ostream& out) {
  out << kUtf8Bom
      << "rank,room_id,name,region_code,delegated,accepted,declined,succeeded,failed,success_rate,median_days,"
         "overdue_now,active_mediators,min_mediators,paid_fen,flags\r\n";
  for (const auto& x : r.rooms()) {
    out << x.rank() << ',' << x.room_id() << ',' << CsvField(x.name()) << ',' << x.region_code() << ',' << x.delegated()
        << ',' << x.accepted() << ',' << x.declined() << ',' << x.succeeded() << ',' << x.failed() << ','
        << (x.has_success_rate() ? absl::StrFormat("%.4f", x.success_rate()) : "") << ','
        << (x.has_median_days() ? absl::StrCat(x.median_days()) : "") << ',' << x.overdue_now() << ','
        << x.active_mediators() << ',' << x.min_mediators() << ',' << x.paid_fen() << ',' << FlagNames(x)
        << "\r\n";
  }
}

std::string PeriodLine(const caitiao::v1::Date& from, const caitiao::v1::Date& to) {
  return absl::StrCat(FormatDate(from), " .. ", FormatDate(to));
}

HtmlReport ShareHtml(const caitiao::v1::GetMediationShareResponse& r) {
  HtmlReport page;
  page.title = absl::StrCat("Share resolved by mediation: ", r.region_code(), ", ", PeriodLine(r.from(), r.to()));
  page.subtitle = "调解化解比例: cases closed by mediation ÷ all cases closed";
  HtmlSection& s = page.sections.emplace_back();
  s.heading = "By region and month";
  HtmlChart monthly{"The share month by month (total)", "line", {}, {{"share (%)", {}, {}}}};
  HtmlChart regions{"Closed in the period, by region", "bar", {}, {{"by mediation", {}, {"#2da44e"}},
                                                                   {"otherwise", {}, {"#8c959f"}}}};
  HtmlTable table{"Cases closed", {{"REGION"}, {"PERIOD"}, {"BY MEDIATION", true}, {"AWARD", true},
                                   {"TRIBUNAL MEDIATION", true}, {"TERMINATED", true}, {"WITHDRAWN", true},
                                   {"NOT ACCEPTED", true}, {"CLOSED", true}, {"SHARE", true}}, {}};
  for (const auto& x : r.rows()) {
    const bool total = x.region_code() == r.region_code() && !x.own();
    if (total && x.month() != 0) {
      monthly.labels.push_back(MonthLabel(x));
      monthly.datasets[0].values.push_back(x.has_share() ? x.share() * 100.0 : 0.0);
    }
    if (!total && x.month() == 0) {
      regions.labels.push_back(RegionLabel(x, r.region_code()));
      regions.datasets[0].values.push_back(static_cast<double>(x.by_mediation()));
      regions.datasets[1].values.push_back(static_cast<double>(x.closed() - x.by_mediation()));
    }
    table.rows.push_back({RegionLabel(x, r.region_code()), MonthLabel(x), absl::StrCat(x.by_mediation()),
                          absl::StrCat(x.by_award()), absl::StrCat(x.by_tribunal_mediation()),
                          absl::StrCat(x.terminated()), absl::StrCat(x.withdrawn()), absl::StrCat(x.not_accepted()),
                          absl::StrCat(x.closed()), Percent(x.has_share(), x.share())});
  }
  s.charts = {std::move(monthly), std::move(regions)};
  s.tables.push_back(std::move(table));
  return page;
}

HtmlReport ReviewHtml(const caitiao::v1::ReviewRoomsResponse& r) {
  HtmlReport page;
  page.title = absl::StrCat("Room review: ", r.region_code(), ", ", PeriodLine(r.from(), r.to()));
  page.subtitle = "裁调对接工作室半年考评: rooms ranked by success rate and volume";
  HtmlSection& s = page.sections.emplace_back();
  s.heading = "Rooms";
  HtmlChart rates{"Success rate by room (%)", "bar", {}, {{"success rate (%)", {}, {"#2da44e"}}}};
  HtmlChart volume{"Cases by room", "bar", {}, {{"delegated", {}, {"#0969da"}}, {"succeeded", {}, {"#2da44e"}}}};
  HtmlTable table{"Ranked", {{"#", true}, {"ROOM"}, {"REGION"}, {"DELEGATED", true}, {"ACCEPTED", true},
                             {"DECLINED", true}, {"SUCCEEDED", true}, {"FAILED", true}, {"SUCCESS RATE", true},
                             {"MEDIAN DAYS", true}, {"OVERDUE", true}, {"MEDIATORS"}, {"PAID (YUAN)", true},
                             {"FLAGS"}}, {}};
  for (const auto& x : r.rooms()) {
    rates.labels.push_back(x.name());
    rates.datasets[0].values.push_back(x.has_success_rate() ? x.success_rate() * 100.0 : 0.0);
    volume.labels.push_back(x.name());
    volume.datasets[0].values.push_back(static_cast<double>(x.delegated()));
    volume.datasets[1].values.push_back(static_cast<double>(x.succeeded()));
    table.rows.push_back({absl::StrCat(x.rank()), x.name(), x.region_code(), absl::StrCat(x.delegated()),
                          absl::StrCat(x.accepted()), absl::StrCat(x.declined()), absl::StrCat(x.succeeded()),
                          absl::StrCat(x.failed()), Percent(x.has_success_rate(), x.success_rate()),
                          x.has_median_days() ? absl::StrCat(x.median_days()) : "-", absl::StrCat(x.overdue_now()),
                          absl::StrCat(x.active_mediators(), "/", x.min_mediators()), FormatYuan(x.paid_fen()),
                          FlagNames(x)});
  }
  s.charts = {std::move(rates), std::move(volume)};
  s.tables.push_back(std::move(table));
  return page;
}

// The request fields both reports share: --region, --period or --from/--to.
template <typename Request>
int FillReportRequest(Request& request) {
  const auto regions = absl::GetFlag(FLAGS_region);
  if (regions.size() != 1) return UsageError("this report needs exactly one --region=CODE");
  request.set_region_code(regions[0]);
  if (const std::string period = absl::GetFlag(FLAGS_period); !period.empty()) {
    auto p = ParsePeriod("--period", period);
    if (!p.ok()) return UsageError(std::string(p.status().message()));
    *request.mutable_period() = *p;
  }
  if (const std::string from = absl::GetFlag(FLAGS_from); !from.empty()) {
    auto day = ParseDate("from", from);
    if (!day.ok()) return UsageError(std::string(day.status().message()));
    *request.mutable_from() = *day;
  }
  if (const std::string to = absl::GetFlag(FLAGS_to); !to.empty()) {
    auto day = ParseDate("to", to);
    if (!day.ok()) return UsageError(std::string(day.status().message()));
    *request.mutable_to() = *day;
  }
  return kExitOk;
}

template <typename Response>
int Emit(const Session& s, const Response& response, void (*table)(const Response&, std::ostream&),
         void (*csv)(const Response&, std::ostream&), HtmlReport (*html)(const Response&)) {
  std::string format = absl::GetFlag(FLAGS_format);
  if (s.json) format = "json";
  std::ostringstream text;
  if (format == "json") {
    PrintJson(response, JsonStyle::kPretty, text);
  } else if (format == "csv") {
    csv(response, text);
  } else if (format == "table") {
    table(response, text);
  } else if (format == "html") {
    HtmlReport page = html(response);
    google::protobuf::Timestamp now;
    now.set_seconds(absl::ToUnixSeconds(absl::Now()));
    page.generated = ChinaTimeLabelled(now);
    auto chart_js = LoadChartJs(ChartJsPath(absl::GetFlag(FLAGS_chart_js)));
    auto rendered = chart_js.ok() ? RenderReportHtml(page, *chart_js) : chart_js.status();
    if (!rendered.ok()) return UsageError(std::string(rendered.status().message()));
    text << *rendered;
  } else {
    return UsageError("--format must be table, csv, json or html");
  }
  const std::string output = absl::GetFlag(FLAGS_output);
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

}  // namespace

int ReportShareCommand(const Session& s, const Args&) {
  caitiao::v1::GetMediationShareRequest request;
  if (int rc = FillReportRequest(request); rc != kExitOk) return rc;
  auto stub = ReportingService::NewStub(s.channel);
  caitiao::v1::GetMediationShareResponse response;
  if (int rc = CallUnary(s, *stub, &ReportingService::Stub::GetMediationShare, request, response); rc != kExitOk) {
    return rc;
  }
  return Emit(s, response, &ShareTable, &ShareCsv, &ShareHtml);
}

int ReportRoomReviewCommand(const Session& s, const Args&) {
  caitiao::v1::ReviewRoomsRequest request;
  if (int rc = FillReportRequest(request); rc != kExitOk) return rc;
  auto stub = ReportingService::NewStub(s.channel);
  caitiao::v1::ReviewRoomsResponse response;
  if (int rc = CallUnary(s, *stub, &ReportingService::Stub::ReviewRooms, request, response); rc != kExitOk) {
    return rc;
  }
  return Emit(s, response, &ReviewTable, &ReviewCsv, &ReviewHtml);
}

}  // namespace caitiao::cli
