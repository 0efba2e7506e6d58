// report summary, report export: ReportingService calls.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "caitiao/v1/reporting.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::ReportingService;

void PrintSummary(const caitiao::v1::SummarizeCasesResponse& r) {
  Table table({"REGION", "STATE", "CASES"});
  table.AlignRight(2);
  for (const auto& c : r.counts()) {
    table.AddRow({c.region_code(), WithoutPrefix(caitiao::v1::CaseState_Name(c.state()), "CASE_STATE_"),
                  absl::StrCat(c.cases())});
  }
  table.Print(std::cout);
  if (table.RowCount() == 0) std::cout << "(none)\n";
  std::cout << "total: " << r.total_cases() << " cases\n";
}

}  // namespace

int ReportSummaryCommand(const Session& s, const Args&) {
  caitiao::v1::SummarizeCasesRequest request;
  request.set_filter(absl::GetFlag(FLAGS_filter));
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  caitiao::v1::SummarizeCasesResponse response;
  const grpc::Status status = ReportingService::NewStub(s.channel)->SummarizeCases(&ctx, request, &response);
  if (!status.ok()) return RpcError(status, ctx);
  return PrintResult(s, response, PrintSummary);
}

int ReportExportCommand(const Session& s, const Args&) {
  caitiao::v1::ExportCasesRequest request;
  request.set_filter(absl::GetFlag(FLAGS_filter));
  request.set_resume_token(absl::GetFlag(FLAGS_resume));
  auto stub = ReportingService::NewStub(s.channel);
  grpc::ClientContext ctx;
  s.PrepareStream(ctx);
  auto reader = stub->ExportCases(&ctx, request);
  caitiao::v1::ExportCasesResponse message;
  std::string last_token = request.resume_token();
  int64_t exported = 0;
  while (reader->Read(&message)) {
    PrintJson(message.case_(), JsonStyle::kOneLine, std::cout);
    if (!message.resume_token().empty()) last_token = message.resume_token();
    ++exported;
  }
  const grpc::Status status = reader->Finish();
  std::cout.flush();
  const std::string resume = last_token.empty() ? "(none)" : last_token;
  if (!status.ok()) {
    if (exported > 0) {
      std::cerr << "exported " << exported << " cases before the error; resume token: " << resume
                << "\n  (repeat with the same --filter and --resume=" << resume << " to continue after them)\n";
    }
    return RpcError(status, ctx);
  }
  std::cerr << "exported " << exported << " cases; resume token: " << resume << '\n';
  return kExitOk;
}

}  // namespace caitiao::cli
