// What the command implementations share: exit codes, error reporting and
// the paging loop of the List commands.
#pragma once

#include <grpcpp/grpcpp.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "clients/cli_flags.h"
#include "clients/json_output.h"
#include "clients/rpc_session.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// The contract scripts rely on.
enum ExitCode : int { kExitOk = 0, kExitRpcError = 1, kExitUsage = 2 };

using Args = std::vector<std::string>;

// Prints "error: <message>" and a pointer to `caitiao help`; returns kExitUsage.
int UsageError(const std::string& message);

// Prints the server's error (see error_printer.h); returns kExitRpcError.
int RpcError(const grpc::Status& status, const grpc::ClientContext& ctx);

// The human output of a List command, after its last page; `next_page_token`
// is that of a page the user did not ask to follow.
void PrintListTable(const Table& table, const std::string& next_page_token);

// Prints a single response: JSON, or the human view `print_human`.
template <typename Message, typename PrintHuman>
int PrintResult(const Session& s, const Message& m, PrintHuman print_human) {
  if (s.json) {
    PrintJson(m, JsonStyle::kPretty, std::cout);
  } else {
    print_human(m);
  }
  return kExitOk;
}

// One unary call on `stub`: kExitOk with `response` filled, or the error
// printed and kExitRpcError.
template <typename Stub, typename Request, typename Response>
int CallUnary(const Session& s, Stub& stub,
              grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*), const Request& request,
              Response& response) {
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  const grpc::Status status = (stub.*method)(&ctx, request, &response);
  return status.ok() ? kExitOk : RpcError(status, ctx);
}

// Runs a List RPC from --page_token: one page, or with --all every page until
// next_page_token is empty. Output:
//   tables: one table of every row fetched, then (stderr) the next token if
//           more remain;
//   --json: the response as one JSON document; with --all, one item per line
//           (JSON Lines), so output streams and pipes into `jq -c`.
// `call(ctx, request, response)` makes the RPC; `items(response)` is the
// repeated field listed; `add_row(table, item)` fills the table.
template <typename Request, typename Response, typename Call, typename Items, typename AddRow>
int RunList(const Session& s, Request request, Call call, Items items, Table table, AddRow add_row) {
  const bool all = absl::GetFlag(FLAGS_all);
  request.set_page_size(absl::GetFlag(FLAGS_page_size));
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  Response response;
  for (;;) {
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    response.Clear();
    const grpc::Status status = call(&ctx, request, &response);
    if (!status.ok()) return RpcError(status, ctx);
    for (const auto& item : items(response)) {
      if (s.json && all) PrintJson(item, JsonStyle::kOneLine, std::cout);
      if (!s.json) add_row(table, item);
    }
    if (!all || response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  if (s.json && !all) PrintJson(response, JsonStyle::kPretty, std::cout);
  if (!s.json) PrintListTable(table, all ? "" : response.next_page_token());
  return kExitOk;
}

// Handlers; `args` are the command's positional arguments (already counted).
int CreateCaseCommand(const Session& s, const Args& args);
int GetCaseCommand(const Session& s, const Args& args);
int ListCasesCommand(const Session& s, const Args& args);
int ListEventsCommand(const Session& s, const Args& args);
int UpdateCaseCommand(const Session& s, const Args& args);
int WithdrawCaseCommand(const Session& s, const Args& args);
int ListRegionsCommand(const Session& s, const Args& args);
int ListCommissionsCommand(const Session& s, const Args& args);
int CreateRegionCommand(const Session& s, const Args& args);
int CreateCommissionCommand(const Session& s, const Args& args);
int IssueTokenCommand(const Session& s, const Args& args);
int ListTokensCommand(const Session& s, const Args& args);
int RevokeTokenCommand(const Session& s, const Args& args);
int MapCertificateCommand(const Session& s, const Args& args);
int ListCertificatesCommand(const Session& s, const Args& args);
int RevokeCertificateCommand(const Session& s, const Args& args);
int AuditCommand(const Session& s, const Args& args);
int ReportSummaryCommand(const Session& s, const Args& args);
int ReportExportCommand(const Session& s, const Args& args);
int ReportChangesCommand(const Session& s, const Args& args);
// figures_commands.cc: the province's figures.
int ReportShareCommand(const Session& s, const Args& args);
int ReportDockingCommand(const Session& s, const Args& args);
int ReportRoomReviewCommand(const Session& s, const Args& args);
// Pilot coverage and the region list (coverage_commands.cc).
int ReportCoverageCommand(const Session& s, const Args& args);
int LoadRegionsCommand(const Session& s, const Args& args);
// Docking: consent, eligibility, delegation (docking_commands.cc).
int RecordConsentCommand(const Session& s, const Args& args);
int WithdrawConsentCommand(const Session& s, const Args& args);
int ListConsentsCommand(const Session& s, const Args& args);
int AssessCommand(const Session& s, const Args& args);
int GetEligibilityCommand(const Session& s, const Args& args);
int ProposeRoomsCommand(const Session& s, const Args& args);
int DelegateCommand(const Session& s, const Args& args);
int ListDelegationsCommand(const Session& s, const Args& args);
// The room's queue (room_commands.cc, watch_command.cc).
int QueueCommand(const Session& s, const Args& args);
int RecordSessionCommand(const Session& s, const Args& args);
int ListSessionsCommand(const Session& s, const Args& args);
int ExtendMediationCommand(const Session& s, const Args& args);
int DraftAgreementCommand(const Session& s, const Args& args);
int ShowAgreementCommand(const Session& s, const Args& args);
int SignAgreementCommand(const Session& s, const Args& args);
int VoidAgreementCommand(const Session& s, const Args& args);
int PerformCommand(const Session& s, const Args& args);
int TerminateCommand(const Session& s, const Args& args);
int FileCaseCommand(const Session& s, const Args& args);
int RefuseAcceptanceCommand(const Session& s, const Args& args);
int CloseCaseCommand(const Session& s, const Args& args);
int ListDocumentsCommand(const Session& s, const Args& args);
int GetDocumentCommand(const Session& s, const Args& args);
int VerifyDocumentCommand(const Session& s, const Args& args);
int ApplyReviewCommand(const Session& s, const Args& args);
int GetReviewCommand(const Session& s, const Args& args);
int ExtendReviewCommand(const Session& s, const Args& args);
int MakeDocumentCommand(const Session& s, const Args& args);
int RefuseReviewCommand(const Session& s, const Args& args);
int ServeCommand(const Session& s, const Args& args);
int RefuseServiceCommand(const Session& s, const Args& args);
int AcceptCommand(const Session& s, const Args& args);
int DeclineCommand(const Session& s, const Args& args);
int ConflictCommand(const Session& s, const Args& args);
int WatchCommand(const Session& s, const Args& args);
// Rooms and mediators (directory_room_commands.cc).
int ListRoomsCommand(const Session& s, const Args& args);
int GetRoomCommand(const Session& s, const Args& args);
int CreateRoomCommand(const Session& s, const Args& args);
int DeactivateRoomCommand(const Session& s, const Args& args);
int ListMediatorsCommand(const Session& s, const Args& args);
int GetMediatorCommand(const Session& s, const Args& args);
int CreateMediatorCommand(const Session& s, const Args& args);
// Deadline policies and holiday calendars (policy_commands.cc).
int EffectivePolicyCommand(const Session& s, const Args& args);
int ListPoliciesCommand(const Session& s, const Args& args);
int SetPolicyCommand(const Session& s, const Args& args);
int ListCalendarsCommand(const Session& s, const Args& args);
int LoadCalendarCommand(const Session& s, const Args& args);
// subsidy_commands.cc: case subsidies and their funding.
int ListSubsidyStandardsCommand(const Session& s, const Args& args);
int ShowSubsidyStandardCommand(const Session& s, const Args& args);
int CreateSubsidyStandardCommand(const Session& s, const Args& args);
int SetCaseTierCommand(const Session& s, const Args& args);
int ListLedgerCommand(const Session& s, const Args& args);
int ReverseLedgerEntryCommand(const Session& s, const Args& args);
int GetBudgetCommand(const Session& s, const Args& args);
int AddBudgetCommand(const Session& s, const Args& args);
int DraftBatchCommand(const Session& s, const Args& args);
int CheckBatchCommand(const Session& s, const Args& args);
int ApproveBatchCommand(const Session& s, const Args& args);
int PayBatchCommand(const Session& s, const Args& args);
int CancelBatchCommand(const Session& s, const Args& args);
int ShowBatchCommand(const Session& s, const Args& args);
int MediatorStatementCommand(const Session& s, const Args& args);

}  // namespace caitiao::cli
