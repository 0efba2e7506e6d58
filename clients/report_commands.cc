// report summary, report export, report changes: ReportingService calls.
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "caitiao/v1/reporting.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/formatting.h"
#include "clients/interrupt.h"
#include "clients/progress.h"

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
  if (r.has_as_of()) std::cout << "as of " << ChinaTimeLabelled(r.as_of()) << '\n';
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
  // The progress line's total, for a fresh export drawn on a terminal only:
  // the matching cases, counted by one SummarizeCases (unknown if it fails).
  int64_t total = -1;
  if (ProgressWanted() && request.resume_token().empty()) {
    caitiao::v1::SummarizeCasesRequest count;
    count.set_filter(request.filter());
    caitiao::v1::SummarizeCasesResponse counted;
    grpc::ClientContext count_ctx;
    s.Prepare(count_ctx);
    if (stub->SummarizeCases(&count_ctx, count, &counted).ok()) total = counted.total_cases();
  }
  ProgressLine progress("cases", total);
  grpc::ClientContext ctx;
  s.PrepareStream(ctx);
  auto reader = stub->ExportCases(&ctx, request);
  caitiao::v1::ExportCasesResponse message;
  std::string last_token = request.resume_token();
  int64_t exported = 0;
  google::protobuf::Timestamp first_as_of, last_as_of;  // of the first and the last batch read
  while (reader->Read(&message)) {
    PrintJson(message.case_(), JsonStyle::kOneLine, std::cout);
    if (!message.resume_token().empty()) last_token = message.resume_token();
    if (message.has_as_of()) {
      if (!HasTime(first_as_of)) first_as_of = message.as_of();
      last_as_of = message.as_of();
    }
    ++exported;
    progress.Add(1);
  }
  const grpc::Status status = reader->Finish();
  std::cout.flush();
  progress.Finish();
  const std::string resume = last_token.empty() ? "(none)" : last_token;
  if (!status.ok()) {
    if (exported > 0) {
      std::cerr << "exported " << exported << " cases before the error; resume token: " << resume
                << "\n  (repeat with the same --filter and --resume=" << resume << " to continue after them)\n";
    }
    return RpcError(status, ctx);
  }
  // Each batch read has its own as_of: the first and the last.
  if (HasTime(first_as_of)) {
    std::cerr << "as of " << ChinaTimeLabelled(first_as_of);
    if (TimeOf(last_as_of) != TimeOf(first_as_of)) std::cerr << " to " << ChinaTimeLabelled(last_as_of);
    std::cerr << '\n';
  }
  std::cerr << "exported " << exported << " cases; resume token: " << resume << '\n';
  return kExitOk;
}

int ReportChangesCommand(const Session& s, const Args&) {
  std::string cursor = absl::GetFlag(FLAGS_resume);
  const bool follow = absl::GetFlag(FLAGS_follow);
  auto stub = ReportingService::NewStub(s.channel);
  int64_t received = 0;
  auto print = [&](const caitiao::v1::Change& change) {
    PrintJson(change, JsonStyle::kOneLine, std::cout);
    std::cout.flush();  // as they arrive, also into a pipe
    cursor = change.cursor();
    ++received;
  };
  auto finish = [&](int code) {
    std::cerr << received << " changes; resume cursor: " << (cursor.empty() ? "(none)" : cursor) << '\n';
    return code;
  };
  if (!follow) {  // every change ready now, a page at a time
    for (;;) {
      caitiao::v1::ListChangesRequest request;
      request.set_after(cursor);
      request.set_page_size(1000);
      grpc::ClientContext ctx;
      s.Prepare(ctx);
      caitiao::v1::ListChangesResponse response;
      const grpc::Status status = stub->ListChanges(&ctx, request, &response);
      if (!status.ok()) {
        RpcError(status, ctx);
        return finish(kExitRpcError);
      }
      for (const auto& change : response.changes()) print(change);
      cursor = response.next_cursor();
      if (response.changes().empty()) return finish(kExitOk);
    }
  }
  InterruptCatcher interrupts;
  for (;;) {  // a stream per call deadline, resumed from the last cursor until Ctrl-C
    caitiao::v1::WatchChangesRequest request;
    request.set_after(cursor);
    grpc::ClientContext ctx;
    s.PrepareStream(ctx);
    interrupts.SetCall(&ctx);
    grpc::Status status;
    {
      auto reader = stub->WatchChanges(&ctx, request);
      caitiao::v1::Change change;
      while (reader->Read(&change)) print(change);
      status = reader->Finish();
    }
    interrupts.SetCall(nullptr);
    if (interrupts.Interrupted()) return finish(kExitOk);
    if (!status.ok() && status.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED) {
      RpcError(status, ctx);
      return finish(kExitRpcError);
    }
  }
}

}  // namespace caitiao::cli
