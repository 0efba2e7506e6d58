// regions, commissions, create-region, create-commission: DirectoryService calls.
#include <iostream>
#include <memory>

#include "absl/strings/ascii.h"
#include "caitiao/v1/directory.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::DirectoryService;

std::unique_ptr<DirectoryService::Stub> DirectoryStub(const Session& s) {
  return DirectoryService::NewStub(s.channel);
}

std::string LevelName(caitiao::v1::RegionLevel level) {
  return absl::AsciiStrToLower(WithoutPrefix(caitiao::v1::RegionLevel_Name(level), "REGION_LEVEL_"));
}

bool ParseLevel(const std::string& text, caitiao::v1::RegionLevel& level) {
  const std::string upper = "REGION_LEVEL_" + absl::AsciiStrToUpper(text);
  return caitiao::v1::RegionLevel_Parse(upper, &level) && level != caitiao::v1::REGION_LEVEL_UNSPECIFIED;
}

void AddRegionRow(Table& t, const caitiao::v1::Region& r) {
  t.AddRow({r.code(), r.name(), LevelName(r.level()), r.parent_code()});
}

void AddCommissionRow(Table& t, const caitiao::v1::Commission& c) {
  t.AddRow({c.id(), c.region_code(), c.name(), c.case_number_template()});
}

}  // namespace

int ListRegionsCommand(const Session& s, const Args&) {
  caitiao::v1::ListRegionsRequest request;
  request.set_parent_code(absl::GetFlag(FLAGS_parent));
  auto stub = DirectoryStub(s);
  return RunList<caitiao::v1::ListRegionsRequest, caitiao::v1::ListRegionsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListRegions(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.regions(); }, Table({"CODE", "NAME", "LEVEL", "PARENT"}),
      AddRegionRow);
}

int ListCommissionsCommand(const Session& s, const Args& args) {
  caitiao::v1::ListCommissionsRequest request;
  if (!args.empty()) request.set_region_code(args[0]);
  auto stub = DirectoryStub(s);
  return RunList<caitiao::v1::ListCommissionsRequest, caitiao::v1::ListCommissionsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListCommissions(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.commissions(); },
      Table({"ID", "REGION", "NAME", "CASE NUMBER TEMPLATE"}), AddCommissionRow);
}

int CreateRegionCommand(const Session& s, const Args& args) {
  caitiao::v1::CreateRegionRequest request;
  caitiao::v1::Region& region = *request.mutable_region();
  region.set_code(args[0]);
  region.set_name(args[1]);
  region.set_parent_code(absl::GetFlag(FLAGS_parent));
  caitiao::v1::RegionLevel level{};
  if (!ParseLevel(args[2], level)) return UsageError("LEVEL must be province, city or county");
  region.set_level(level);
  request.set_request_id(RequestIdForChange());
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  caitiao::v1::Region created;
  const grpc::Status status = DirectoryStub(s)->CreateRegion(&ctx, request, &created);
  if (!status.ok()) return RpcError(status, ctx);
  return PrintResult(s, created, [](const caitiao::v1::Region& r) {
    std::cout << "Created region " << r.code() << " " << r.name() << " (" << LevelName(r.level())
              << (r.parent_code().empty() ? "" : ", in " + r.parent_code()) << ")\n";
  });
}

int CreateCommissionCommand(const Session& s, const Args& args) {
  caitiao::v1::CreateCommissionRequest request;
  caitiao::v1::Commission& commission = *request.mutable_commission();
  commission.set_region_code(args[0]);
  commission.set_name(args[1]);
  commission.set_case_number_template(args[2]);
  request.set_request_id(RequestIdForChange());
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  caitiao::v1::Commission created;
  const grpc::Status status = DirectoryStub(s)->CreateCommission(&ctx, request, &created);
  if (!status.ok()) return RpcError(status, ctx);
  return PrintResult(s, created, [](const caitiao::v1::Commission& c) {
    std::cout << "Created commission " << c.id() << "\n  " << c.name() << " (region " << c.region_code()
              << ")\n  case numbers: " << c.case_number_template() << '\n';
  });
}

}  // namespace caitiao::cli
