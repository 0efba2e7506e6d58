// report docking, share, room-review: the province's figures (ReportingService
// GetDockingReport, GetMediationShare and ReviewRooms) as a table, csv (UTF-8 with a byte
// order mark, for spreadsheets), json or one html page with charts, on
// stdout or into --output.
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
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

// The docking report's figures, one line each: a label and its value as text.
using Figures = caitiao::v1::DockingFigures;
struct FigureLine {
  const char* label;
  std::string (*value)(const Figures&);
};

std::string Details(const google::protobuf::RepeatedPtrField<caitiao::v1::DetailCount>& counts) {
  std::vector<std::string> parts;
  for (const auto& c : counts) parts.push_back(absl::StrCat(c.detail(), ":", c.cases()));
  return parts.empty() ? "-" : absl::StrJoin(parts, " ");
}

#define CAITIAO_COUNT(field) [](const Figures& f) { return absl::StrCat(f.field()); }
#define CAITIAO_RATE(field) [](const Figures& f) { return Percent(f.has_##field(), f.field()); }
#define CAITIAO_OPTIONAL(field) \
  [](const Figures& f) { return f.has_##field() ? absl::StrCat(f.field()) : std::string("-"); }
#define CAITIAO_YUAN(field) [](const Figures& f) { return FormatYuan(f.field()); }
const FigureLine kFigureLines[] = {
    {"received", CAITIAO_COUNT(received)},
    {"assessed eligible", CAITIAO_COUNT(assessed_eligible)},
    {"assessed ineligible", CAITIAO_COUNT(assessed_ineligible)},
    {"  of which labor-relationship exclusion", CAITIAO_COUNT(labor_relationship_excluded)},
    {"delegated", CAITIAO_COUNT(delegated)},
    {"  before filing", CAITIAO_COUNT(delegated_before_filing)},
    {"  after filing", CAITIAO_COUNT(delegated_after_filing)},
    {"delegation rate", CAITIAO_RATE(delegation_rate)},
    {"accepted by rooms", CAITIAO_COUNT(accepted)},
    {"declined by rooms", CAITIAO_COUNT(declined)},
    {"acceptance lapsed", CAITIAO_COUNT(acceptance_overdue)},
    {"conflicts declared", CAITIAO_COUNT(conflicts_declared)},
    {"agreements effective", CAITIAO_COUNT(agreements_effective)},
    {"succeeded", CAITIAO_COUNT(succeeded)},
    {"  A: performed", CAITIAO_COUNT(succeeded_performed)},
    {"  B: arbitral mediation document", CAITIAO_COUNT(succeeded_document)},
    {"failed", CAITIAO_COUNT(failed)},
    {"success rate (调成率)", CAITIAO_RATE(success_rate)},
    {"performance rate", CAITIAO_RATE(performance_rate)},
    {"median days to outcome", CAITIAO_OPTIONAL(median_days)},
    {"90th percentile days", CAITIAO_OPTIONAL(p90_days)},
    {"open in rooms now", CAITIAO_OPTIONAL(open_now)},
    {"overdue now", CAITIAO_OPTIONAL(overdue_now)},
    {"claimed (yuan)", CAITIAO_YUAN(claimed_fen)},
    {"agreed (yuan)", CAITIAO_YUAN(agreed_fen)},
    {"performed (yuan)", CAITIAO_YUAN(performed_fen)},
    {"subsidies accrued (yuan)", CAITIAO_YUAN(subsidy_accrued_fen)},
    {"subsidies held back (yuan)", CAITIAO_YUAN(subsidy_held_back_fen)},
    {"subsidies approved (yuan)", CAITIAO_YUAN(subsidy_approved_fen)},
    {"subsidies paid (yuan)", CAITIAO_YUAN(subsidy_paid_fen)},
};
#undef CAITIAO_COUNT
#undef CAITIAO_RATE
#undef CAITIAO_OPTIONAL
#undef CAITIAO_YUAN

using DockingRow = caitiao::v1::DockingReportRow;
using DockingResponse = caitiao::v1::GetDockingReportResponse;

std::string GroupLabel(const DockingRow& r) { return r.group_id().empty() ? std::string("TOTAL") : r.group_name(); }
std::string PeriodLabel(const DockingRow& r) {
  return r.month() == 0 ? std::string("whole period") : absl::StrFormat("%04d-%02d", r.year(), r.month());
}

// The whole period's rows (each group, then the total), and the total's months.
std::vector<const DockingRow*> WholePeriodRows(const DockingResponse& r) {
  std::vector<const DockingRow*> out;
  for (const auto& x : r.rows()) {
    if (x.month() == 0) out.push_back(&x);
  }
  return out;
}
std::vector<const DockingRow*> TotalMonths(const DockingResponse& r) {
  std::vector<const DockingRow*> out;
  for (const auto& x : r.rows()) {
    if (x.month() != 0 && x.group_id().empty()) out.push_back(&x);
  }
  return out;
}

// Figures down, the rows' columns across.
void FigureTable(const std::vector<const DockingRow*>& rows, std::string (*column)(const DockingRow&),
                 std::ostream& out) {
  std::vector<std::string> header = {"FIGURE"};
  for (const auto* x : rows) header.push_back(column(*x));
  Table table(header);
  for (size_t c = 1; c < header.size(); ++c) table.AlignRight(c);
  for (const auto& line : kFigureLines) {
    std::vector<std::string> cells = {line.label};
    for (const auto* x : rows) cells.push_back(line.value(x->figures()));
    table.AddRow(cells);
  }
  table.Print(out);
}

std::string DockingHeading(const DockingResponse& r) {
  std::string breakdown = WithoutPrefix(caitiao::v1::ReportDimension_Name(r.breakdown()), "REPORT_DIMENSION_");
  return absl::StrCat("Docking report (裁调对接统计), ", r.region_code(), ", ", PeriodLine(r.from(), r.to()),
                      r.breakdown() == caitiao::v1::REPORT_DIMENSION_UNSPECIFIED
                          ? ""
                          : absl::StrCat(", by ", absl::AsciiStrToLower(breakdown)));
}

void DockingTable(const DockingResponse& r, std::ostream& out) {
  out << DockingHeading(r) << "\n\n";
  FigureTable(WholePeriodRows(r), &GroupLabel, out);
  if (const auto months = TotalMonths(r); !months.empty()) {
    out << "\nMonth by month (total)\n\n";
    FigureTable(months, &PeriodLabel, out);
  }
  for (const auto& x : r.rows()) {
    if (!x.group_id().empty() || x.month() != 0) continue;
    const Figures& f = x.figures();
    out << "\nunmet criteria:      " << Details(f.unmet_criteria()) << "\n"
        << "declines by ground:  " << Details(f.declines_by_ground()) << "\n"
        << "failures by reason:  " << Details(f.failures_by_reason()) << "\n";
  }
  if (r.has_budget_fen()) {
    out << "subsidy budget:      " << FormatYuan(r.budget_fen()) << " yuan, left " << FormatYuan(r.budget_left_fen())
        << " yuan\n";
  }
}

void DockingCsv(const DockingResponse& r, std::ostream& out) {
  out << kUtf8Bom << "group_id,group_name,year,month";
  for (const auto& line : kFigureLines) out << ',' << CsvField(std::string(absl::StripLeadingAsciiWhitespace(line.label)));
  out << ",unmet_criteria,declines_by_ground,failures_by_reason\r\n";
  for (const auto& x : r.rows()) {
    out << x.group_id() << ',' << CsvField(x.group_name()) << ',' << x.year() << ',' << x.month();
    for (const auto& line : kFigureLines) out << ',' << CsvField(line.value(x.figures()));
    out << ',' << CsvField(Details(x.figures().unmet_criteria())) << ','
        << CsvField(Details(x.figures().declines_by_ground())) << ','
        << CsvField(Details(x.figures().failures_by_reason())) << "\r\n";
  }
}

HtmlReport DockingHtml(const DockingResponse& r) {
  HtmlReport page;
  page.title = DockingHeading(r);
  page.subtitle = "人社+工会 裁调对接: applications, delegations, outcomes and subsidies";
  HtmlSection& s = page.sections.emplace_back();
  s.heading = "Figures";
  HtmlChart monthly{"Month by month", "bar", {}, {{"received", {}, {"#8c959f"}}, {"delegated", {}, {"#0969da"}},
                                                   {"succeeded", {}, {"#2da44e"}}}};
  for (const auto* x : TotalMonths(r)) {
    monthly.labels.push_back(PeriodLabel(*x));
    monthly.datasets[0].values.push_back(static_cast<double>(x->figures().received()));
    monthly.datasets[1].values.push_back(static_cast<double>(x->figures().delegated()));
    monthly.datasets[2].values.push_back(static_cast<double>(x->figures().succeeded()));
  }
  HtmlChart rates{"Success rate (%)", "bar", {}, {{"success rate (%)", {}, {"#2da44e"}}}};
  HtmlTable table{"The whole period", {{"FIGURE"}}, {}};
  const auto whole = WholePeriodRows(r);
  for (const auto* x : whole) {
    rates.labels.push_back(GroupLabel(*x));
    rates.datasets[0].values.push_back(x->figures().has_success_rate() ? x->figures().success_rate() * 100.0 : 0.0);
    table.columns.push_back({GroupLabel(*x), true});
  }
  for (const auto& line : kFigureLines) {
    std::vector<std::string> cells = {line.label};
    for (const auto* x : whole) cells.push_back(line.value(x->figures()));
    table.rows.push_back(std::move(cells));
  }
  for (const auto* x : whole) {
    if (!x->group_id().empty()) continue;
    s.paragraphs.push_back(absl::StrCat("Unmet criteria: ", Details(x->figures().unmet_criteria()),
                                        ". Declines by ground: ", Details(x->figures().declines_by_ground()),
                                        ". Failures by reason: ", Details(x->figures().failures_by_reason()), "."));
  }
  s.charts = {std::move(monthly), std::move(rates)};
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
    // Not in the file: a CSV is rows of figures only.
    if (response.has_as_of()) std::cerr << "as of " << ChinaTimeLabelled(response.as_of()) << '\n';
  } else if (format == "table") {
    table(response, text);
    if (response.has_as_of()) text << "\nas of " << ChinaTimeLabelled(response.as_of()) << '\n';
  } else if (format == "html") {
    HtmlReport page = html(response);
    google::protobuf::Timestamp now;
    now.set_seconds(absl::ToUnixSeconds(absl::Now()));
    page.generated = ChinaTimeLabelled(now);
    if (response.has_as_of()) absl::StrAppend(&page.generated, ", figures as of ", ChinaTimeLabelled(response.as_of()));
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

int ReportDockingCommand(const Session& s, const Args&) {
  caitiao::v1::GetDockingReportRequest request;
  if (int rc = FillReportRequest(request); rc != kExitOk) return rc;
  if (const auto commission = absl::GetFlag(FLAGS_commission); !commission.empty()) {
    auto one = OneValue("commission", commission);
    if (!one.ok()) return UsageError(std::string(one.status().message()));
    request.set_commission_id(*one);
  }
  if (const auto room = absl::GetFlag(FLAGS_room); !room.empty()) {
    auto one = OneValue("room", room);
    if (!one.ok()) return UsageError(std::string(one.status().message()));
    request.set_room_id(*one);
  }
  request.set_mediator_id(absl::GetFlag(FLAGS_mediator));
  if (std::string breakdown = absl::GetFlag(FLAGS_breakdown); !breakdown.empty()) {
    caitiao::v1::ReportDimension d;
    std::string name = absl::StrCat("REPORT_DIMENSION_", breakdown);
    absl::AsciiStrToUpper(&name);
    if (breakdown == "unspecified" || !caitiao::v1::ReportDimension_Parse(name, &d)) {
      return UsageError("--breakdown must be region, commission, room or mediator");
    }
    request.set_breakdown(d);
  }
  // The page's monthly chart needs the months.
  request.set_by_month(absl::GetFlag(FLAGS_by_month) || absl::GetFlag(FLAGS_format) == "html");
  auto stub = ReportingService::NewStub(s.channel);
  DockingResponse response;
  if (int rc = CallUnary(s, *stub, &ReportingService::Stub::GetDockingReport, request, response); rc != kExitOk) {
    return rc;
  }
  return Emit(s, response, &DockingTable, &DockingCsv, &DockingHtml);
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
