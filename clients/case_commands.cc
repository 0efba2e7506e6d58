// create-case, get, list, events, update, withdraw: CaseService calls.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "caitiao/v1/case_service.grpc.pb.h"
#include "clients/case_input.h"
#include "clients/case_view.h"
#include "clients/command_support.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::Case;
using caitiao::v1::CaseService;

std::unique_ptr<CaseService::Stub> CaseStub(const Session& s) { return CaseService::NewStub(s.channel); }

// The human view of a case a call returned, under a one-line heading.
int PrintCase(const Session& s, const char* heading, const Case& c, bool unmasked_requested) {
  return PrintResult(s, c, [&](const Case& m) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintCaseDetail(m, unmasked_requested, std::cout);
  });
}

std::optional<caitiao::v1::RouteStage> ParseRouteStage(const std::string& text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "received") return caitiao::v1::ROUTE_STAGE_RECEIVED;
  if (lower == "filed") return caitiao::v1::ROUTE_STAGE_FILED;
  return std::nullopt;
}

// Runs a mutating or reading call that answers with a Case.
template <typename Request, typename Method>
int CallForCase(const Session& s, const Request& request, Method method, const char* heading,
                bool unmasked_requested = false) {
  auto stub = CaseStub(s);
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  Case response;
  const grpc::Status status = ((*stub).*method)(&ctx, request, &response);
  if (!status.ok()) return RpcError(status, ctx);
  return PrintCase(s, heading, response, unmasked_requested);
}

}  // namespace

int CreateCaseCommand(const Session& s, const Args& args) {
  caitiao::v1::CreateCaseRequest request;
  const auto stage = ParseRouteStage(absl::GetFlag(FLAGS_route_stage));
  if (!stage) return UsageError("--route_stage must be received or filed");
  request.set_route_stage(*stage);
  auto c = ReadCaseJson(args[0]);
  if (!c.ok()) return UsageError(std::string(c.status().message()));
  *request.mutable_case_() = *std::move(c);
  // Commission ids are server-generated, so a reusable example file cannot
  // carry the right one.
  const std::vector<std::string> commission = absl::GetFlag(FLAGS_commission);
  if (commission.size() > 1) return UsageError("create-case takes one --commission");
  if (!commission.empty()) request.mutable_case_()->set_commission_id(commission[0]);
  request.set_request_id(RequestIdForChange());
  return CallForCase(s, request, &CaseService::Stub::CreateCase, "Created.");
}

int GetCaseCommand(const Session& s, const Args& args) {
  caitiao::v1::GetCaseRequest request;
  request.set_id(args[0]);
  request.set_unmask_personal_data(absl::GetFlag(FLAGS_unmask));
  return CallForCase(s, request, &CaseService::Stub::GetCase, nullptr, request.unmask_personal_data());
}

int ListCasesCommand(const Session& s, const Args&) {
  caitiao::v1::ListCasesRequest request;
  request.set_filter(absl::GetFlag(FLAGS_filter));
  auto stub = CaseStub(s);
  return RunList<caitiao::v1::ListCasesRequest, caitiao::v1::ListCasesResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListCases(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.cases(); }, NewCaseTable(), AddCaseRow);
}

int ListEventsCommand(const Session& s, const Args& args) {
  caitiao::v1::ListCaseEventsRequest request;
  request.set_case_id(args[0]);
  auto stub = CaseStub(s);
  return RunList<caitiao::v1::ListCaseEventsRequest, caitiao::v1::ListCaseEventsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListCaseEvents(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.events(); }, NewEventTable(), AddEventRow);
}

int UpdateCaseCommand(const Session& s, const Args& args) {
  const std::string etag = absl::GetFlag(FLAGS_etag);
  const std::string fields = absl::GetFlag(FLAGS_fields);
  if (etag.empty()) return UsageError("update needs --etag (from `caitiao get CASE_ID`)");
  if (fields.empty()) return UsageError("update needs --fields, e.g. --fields=claims,facts_and_reasons");
  auto c = ReadCaseJson(args[1]);
  if (!c.ok()) return UsageError(std::string(c.status().message()));
  caitiao::v1::UpdateCaseRequest request;
  *request.mutable_case_() = *std::move(c);
  request.mutable_case_()->set_id(args[0]);
  request.mutable_case_()->set_etag(etag);
  // Only the named fields are sent as the mask: the rest of the file is
  // ignored by the server, so a full case file can be reused.
  for (absl::string_view path : absl::StrSplit(fields, ',', absl::SkipWhitespace())) {
    request.mutable_update_mask()->add_paths(std::string(absl::StripAsciiWhitespace(path)));
  }
  request.set_request_id(RequestIdForChange());
  return CallForCase(s, request, &CaseService::Stub::UpdateCase, "Updated.");
}

int WithdrawCaseCommand(const Session& s, const Args& args) {
  caitiao::v1::WithdrawCaseRequest request;
  request.set_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.etag().empty()) return UsageError("withdraw needs --etag (from `caitiao get CASE_ID`)");
  if (request.reason().empty()) return UsageError("withdraw needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  return CallForCase(s, request, &CaseService::Stub::WithdrawCase, "Withdrawn.");
}

}  // namespace caitiao::cli
