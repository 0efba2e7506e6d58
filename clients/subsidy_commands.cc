// subsidy standards, subsidy standard show|create, subsidy tier, subsidy
// ledger, subsidy reverse, subsidy budget [add], subsidy batch
// draft|check|approve|pay|cancel|show, subsidy statement: SubsidyService
// calls (case subsidies for mediators and their funding; funding officers
// and admin write, except tier: arbitration staff).
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "caitiao/v1/subsidy.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"
#include "clients/subsidy_input.h"
#include "clients/subsidy_view.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;
using v1::SubsidyService;

std::unique_ptr<SubsidyService::Stub> SubsidyStub(const Session& s) { return SubsidyService::NewStub(s.channel); }

int PrintStandard(const Session& s, const char* heading, const v1::SubsidyStandard& standard) {
  return PrintResult(s, standard, [heading](const v1::SubsidyStandard& st) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintStandardDetail(st, std::cout);
  });
}

int PrintBatchResult(const Session& s, const char* heading, const v1::SettlementBatch& batch) {
  return PrintResult(s, batch, [heading](const v1::SettlementBatch& b) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintBatch(b, std::cout);
  });
}

// A batch call (check, approve, pay, cancel, show) and its batch printed.
template <typename Request>
int CallBatch(const Session& s, const Request& request,
              grpc::Status (SubsidyService::Stub::*method)(grpc::ClientContext*, const Request&, v1::SettlementBatch*),
              const char* heading) {
  auto stub = SubsidyStub(s);
  v1::SettlementBatch batch;
  if (int rc = CallUnary(s, *stub, method, request, batch); rc != kExitOk) return rc;
  return PrintBatchResult(s, heading, batch);
}

}  // namespace

int ListSubsidyStandardsCommand(const Session& s, const Args&) {
  v1::ListSubsidyStandardsRequest request;
  auto region = OneValue("region", absl::GetFlag(FLAGS_region));
  if (!region.ok()) return UsageError(std::string(region.status().message()));
  request.set_region_code(*region);
  auto stub = SubsidyStub(s);
  return RunList<v1::ListSubsidyStandardsRequest, v1::ListSubsidyStandardsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListSubsidyStandards(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.standards(); }, NewStandardTable(), AddStandardRow);
}

int ShowSubsidyStandardCommand(const Session& s, const Args& args) {
  v1::GetSubsidyStandardRequest request;
  auto region = OneValue("region", absl::GetFlag(FLAGS_region));
  if (!region.ok()) return UsageError(std::string(region.status().message()));
  const std::string day = absl::GetFlag(FLAGS_date);
  if (args.empty() == region->empty()) {
    return UsageError(
        "subsidy standard show needs either an ID (see `caitiao subsidy standards`) or --region=CODE, not both");
  }
  if (!args.empty()) {
    if (!day.empty()) return UsageError("--date goes with --region=CODE, not with an ID");
    request.set_id(args[0]);
  } else {
    request.set_region_code(*region);
    if (!day.empty()) {
      auto date = ParseDate("date", day);
      if (!date.ok()) return UsageError(std::string(date.status().message()));
      *request.mutable_date() = *date;
    }
  }
  auto stub = SubsidyStub(s);
  v1::SubsidyStandard standard;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::GetSubsidyStandard, request, standard); rc != kExitOk) {
    return rc;
  }
  if (request.region_code().empty()) return PrintStandard(s, nullptr, standard);
  // By region: say whose version applies, the region's own or one above it.
  const std::string on = request.has_date() ? absl::StrCat("on ", FormatDate(request.date())) : "today";
  const std::string heading = standard.region_code() == request.region_code()
                                  ? absl::StrCat("The standard in force in ", request.region_code(), " ", on, ":")
                                  : absl::StrCat("The standard in force in ", request.region_code(), " ", on, " is ",
                                                 standard.region_code(), "'s (the nearest region above it with one):");
  return PrintStandard(s, heading.c_str(), standard);
}

int CreateSubsidyStandardCommand(const Session& s, const Args& args) {
  auto standard = ReadSubsidyStandardJson(args[0]);
  if (!standard.ok()) return UsageError(std::string(standard.status().message()));
  v1::CreateSubsidyStandardRequest request;
  *request.mutable_standard() = *std::move(standard);
  request.set_request_id(RequestIdForChange());
  auto stub = SubsidyStub(s);
  v1::SubsidyStandard created;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::CreateSubsidyStandard, request, created); rc != kExitOk) {
    return rc;
  }
  return PrintStandard(s, "Created: outcomes from its first day on are subsidised under this version.", created);
}

int SetCaseTierCommand(const Session& s, const Args& args) {
  v1::SetCaseTierRequest request;
  request.set_case_id(args[0]);
  auto tier = ParseDesignatedTier(args[1]);
  if (!tier.ok()) return UsageError(std::string(tier.status().message()));
  request.set_tier(*tier);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError("subsidy tier needs --etag (from `caitiao get CASE_ID`)");
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("subsidy tier needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = SubsidyStub(s);
  v1::SetCaseTierResponse response;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::SetCaseTier, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, [](const v1::SetCaseTierResponse& r) { PrintTierSet(r, std::cout); });
}

int ListLedgerCommand(const Session& s, const Args&) {
  v1::ListLedgerEntriesRequest request;
  auto region = OneValue("region", absl::GetFlag(FLAGS_region));
  if (!region.ok()) return UsageError(std::string(region.status().message()));
  auto room = OneValue("room", absl::GetFlag(FLAGS_room));
  if (!room.ok()) return UsageError(std::string(room.status().message()));
  request.set_region_code(*region);
  request.set_room_id(*room);
  request.set_mediator_id(absl::GetFlag(FLAGS_mediator));
  request.set_case_id(absl::GetFlag(FLAGS_case));
  if (const std::string period = absl::GetFlag(FLAGS_period); !period.empty()) {
    auto parsed = ParsePeriod("--period", period);
    if (!parsed.ok()) return UsageError(std::string(parsed.status().message()));
    *request.mutable_period() = *parsed;
  }
  request.set_unsettled_only(absl::GetFlag(FLAGS_unsettled));
  auto stub = SubsidyStub(s);
  return RunList<v1::ListLedgerEntriesRequest, v1::ListLedgerEntriesResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListLedgerEntries(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.entries(); }, NewLedgerTable(), AddLedgerRow);
}

int ReverseLedgerEntryCommand(const Session& s, const Args& args) {
  v1::ReverseLedgerEntryRequest request;
  request.set_entry_id(args[0]);
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("subsidy reverse needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = SubsidyStub(s);
  v1::LedgerEntry reversal;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::ReverseLedgerEntry, request, reversal); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, reversal, [](const v1::LedgerEntry& e) {
    std::cout << "Reversed: the entry is cancelled by this reversal (settled with the period it was written in).\n\n";
    PrintLedgerEntryDetail(e, std::cout);
  });
}

int GetBudgetCommand(const Session& s, const Args& args) {
  v1::GetBudgetRequest request;
  request.set_region_code(args[0]);
  auto year = ParseYear("YEAR", args[1]);
  if (!year.ok()) return UsageError(std::string(year.status().message()));
  request.set_year(*year);
  auto stub = SubsidyStub(s);
  v1::Budget budget;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::GetBudget, request, budget); rc != kExitOk) return rc;
  return PrintResult(s, budget, [](const v1::Budget& b) { PrintBudget(b, std::cout); });
}

int AddBudgetCommand(const Session& s, const Args& args) {
  v1::AddBudgetRequest request;
  request.set_region_code(args[0]);
  auto year = ParseYear("YEAR", args[1]);
  if (!year.ok()) return UsageError(std::string(year.status().message()));
  request.set_year(*year);
  auto source = ParseFundingSource(args[2]);
  if (!source.ok()) return UsageError(std::string(source.status().message()));
  request.set_source(*source);
  auto fen = ParseYuan("AMOUNT_YUAN", args[3]);
  if (!fen.ok()) return UsageError(std::string(fen.status().message()));
  request.set_amount_fen(*fen);
  request.set_note(absl::GetFlag(FLAGS_note));
  if (request.note().empty())
    return UsageError("subsidy budget add needs --note=TEXT, e.g. --note=2027年度预算 or 追加");
  request.set_request_id(RequestIdForChange());
  auto stub = SubsidyStub(s);
  v1::BudgetEntry entry;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::AddBudget, request, entry); rc != kExitOk) return rc;
  return PrintResult(s, entry, [](const v1::BudgetEntry& e) {
    std::cout << "Added " << FormatYuan(e.amount_fen()) << " yuan to the " << e.year() << " "
              << FundingSourceText(e.source()) << " budget of " << e.region_code() << ".\n\n";
    PrintBudgetEntryDetail(e, std::cout);
  });
}

int DraftBatchCommand(const Session& s, const Args& args) {
  v1::DraftSettlementBatchRequest request;
  request.set_region_code(args[0]);
  auto period = ParsePeriod("PERIOD", args[1]);
  if (!period.ok()) return UsageError(std::string(period.status().message()));
  *request.mutable_period() = *period;
  auto source = ParseFundingSource(args[2]);
  if (!source.ok()) return UsageError(std::string(source.status().message()));
  request.set_source(*source);
  request.set_request_id(RequestIdForChange());
  auto stub = SubsidyStub(s);
  v1::SettlementBatch batch;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::DraftSettlementBatch, request, batch); rc != kExitOk) {
    return rc;
  }
  return PrintBatchResult(s, "Drafted. Check it next: caps and the remaining budget (subsidy batch check ID).", batch);
}

int CheckBatchCommand(const Session& s, const Args& args) {
  v1::CheckSettlementBatchRequest request;
  request.set_batch_id(args[0]);
  request.set_request_id(RequestIdForChange());
  return CallBatch(s, request, &SubsidyService::Stub::CheckSettlementBatch,
                   "Checked. A funding officer who neither drafted nor checked it approves it next.");
}

int ApproveBatchCommand(const Session& s, const Args& args) {
  v1::ApproveSettlementBatchRequest request;
  request.set_batch_id(args[0]);
  request.set_request_id(RequestIdForChange());
  return CallBatch(s, request, &SubsidyService::Stub::ApproveSettlementBatch,
                   "Approved: the total is reserved from the budget. Record the payment next (subsidy batch pay ID).");
}

int PayBatchCommand(const Session& s, const Args& args) {
  v1::PaySettlementBatchRequest request;
  request.set_batch_id(args[0]);
  request.set_payment_reference(absl::GetFlag(FLAGS_reference));
  if (request.payment_reference().empty()) {
    return UsageError("subsidy batch pay needs --reference=TEXT (the payment's reference, e.g. the transfer number)");
  }
  request.set_request_id(RequestIdForChange());
  return CallBatch(s, request, &SubsidyService::Stub::PaySettlementBatch, "Paid.");
}

int CancelBatchCommand(const Session& s, const Args& args) {
  v1::CancelSettlementBatchRequest request;
  request.set_batch_id(args[0]);
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("subsidy batch cancel needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  return CallBatch(s, request, &SubsidyService::Stub::CancelSettlementBatch,
                   "Cancelled: its entries are free for another batch.");
}

int ShowBatchCommand(const Session& s, const Args& args) {
  v1::GetSettlementBatchRequest request;
  request.set_batch_id(args[0]);
  return CallBatch(s, request, &SubsidyService::Stub::GetSettlementBatch, nullptr);
}

int MediatorStatementCommand(const Session& s, const Args& args) {
  v1::GetMediatorStatementRequest request;
  request.set_mediator_id(args[0]);
  auto period = ParsePeriod("PERIOD", args[1]);
  if (!period.ok()) return UsageError(std::string(period.status().message()));
  *request.mutable_period() = *period;
  auto stub = SubsidyStub(s);
  v1::MediatorStatement statement;
  if (int rc = CallUnary(s, *stub, &SubsidyService::Stub::GetMediatorStatement, request, statement); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, statement, [](const v1::MediatorStatement& st) { PrintStatement(st, std::cout); });
}

}  // namespace caitiao::cli
