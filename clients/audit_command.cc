// admin audit: AccessService.ListAuditRecords, newest first, up to --limit.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "caitiao/v1/access.grpc.pb.h"
#include "clients/access_view.h"
#include "clients/command_support.h"

namespace caitiao::cli {
namespace {

// The audit log names methods in full ("caitiao.v1.CaseService/GetCase");
// "CaseService/GetCase" is taken to mean that.
std::string FullMethodName(const std::string& method) {
  if (method.empty() || absl::StrContains(method, '.') || !absl::StrContains(method, '/')) return method;
  return absl::StrCat("caitiao.v1.", method);
}

}  // namespace

int AuditCommand(const Session& s, const Args&) {
  const int32_t limit = absl::GetFlag(FLAGS_limit);
  if (limit < 1) return UsageError("--limit must be at least 1");
  caitiao::v1::ListAuditRecordsRequest request;
  request.set_principal(absl::GetFlag(FLAGS_principal));
  request.set_method(FullMethodName(absl::GetFlag(FLAGS_method)));
  request.set_outcome(absl::AsciiStrToUpper(absl::GetFlag(FLAGS_outcome)));
  request.set_resource(absl::GetFlag(FLAGS_resource));
  request.set_refused_only(absl::GetFlag(FLAGS_refused));
  request.set_unmasked_only(absl::GetFlag(FLAGS_unmasked));
  auto stub = caitiao::v1::AccessService::NewStub(s.channel);
  Table table = NewAuditTable();
  int32_t shown = 0;
  bool more = false;
  for (;;) {
    request.set_page_size(std::min(limit - shown, int32_t{1000}));
    grpc::ClientContext ctx;
    s.Prepare(ctx);
    caitiao::v1::ListAuditRecordsResponse response;
    const grpc::Status status = stub->ListAuditRecords(&ctx, request, &response);
    if (!status.ok()) return RpcError(status, ctx);
    for (const auto& record : response.records()) {
      if (shown == limit) break;
      // JSON Lines, as a list with --all: the records may span pages.
      if (s.json) PrintJson(record, JsonStyle::kOneLine, std::cout);
      if (!s.json) AddAuditRow(table, record);
      ++shown;
    }
    if (response.next_page_token().empty()) break;
    if (shown >= limit) {
      more = true;
      break;
    }
    request.set_page_token(response.next_page_token());
  }
  if (!s.json) PrintListTable(table, "");
  if (more) std::cerr << "more records: the newest " << limit << " are shown (raise --limit for more)\n";
  return kExitOk;
}

}  // namespace caitiao::cli
