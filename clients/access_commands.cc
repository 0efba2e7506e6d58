// admin token issue|list|revoke, admin cert map|list|revoke: AccessService
// calls about credentials.
#include <iostream>
#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "caitiao/v1/access.grpc.pb.h"
#include "clients/access_input.h"
#include "clients/access_view.h"
#include "clients/command_support.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::AccessService;

template <typename Request, typename Response>
using Method = grpc::Status (AccessService::Stub::*)(grpc::ClientContext*, const Request&, Response*);

// One unary call; kExitOk, or the error printed and kExitRpcError.
template <typename Request, typename Response>
int Call(const Session& s, Method<Request, Response> method, const Request& request, Response& response) {
  auto stub = AccessService::NewStub(s.channel);
  grpc::ClientContext ctx;
  s.Prepare(ctx);
  const grpc::Status status = ((*stub).*method)(&ctx, request, &response);
  return status.ok() ? kExitOk : RpcError(status, ctx);
}

template <typename Message>
void SetGrant(const Grant& g, Message& m) {
  m.set_label(g.label);
  m.set_role(g.role);
  *m.mutable_scope() = g.scope;
  m.set_unmask_personal_data(g.unmask_personal_data);
}

void PrintIssued(const caitiao::v1::IssueTokenResponse& r) {
  std::cout << "Issued.\n\n";
  PrintTokenDetail(r.token(), std::cout);
  if (r.secret().empty()) {
    // A retry with the request id of an earlier issue.
    std::cout << "\nThe secret is not in this response: it was shown only when the token was first issued.\n"
              << "If it was lost, revoke the token (caitiao admin token revoke " << r.token().id()
              << ") and issue another.\n";
    return;
  }
  std::cout << "\nThe token, shown this once: it will not be shown again (the server keeps only its hash).\n"
            << "Store it now, e.g. in a file only its user can read, and pass it with --token_file=FILE:\n"
            << r.secret() << '\n';
}

}  // namespace

int IssueTokenCommand(const Session& s, const Args&) {
  auto grant = GrantFromFlags();
  if (!grant.ok()) return UsageError(std::string(grant.status().message()));
  caitiao::v1::IssueTokenRequest request;
  SetGrant(*grant, request);
  if (const std::string ttl = absl::GetFlag(FLAGS_ttl); !ttl.empty()) {
    auto d = ParseTtl(ttl);
    if (!d.ok()) return UsageError(std::string(d.status().message()));
    request.mutable_ttl()->set_seconds(absl::ToInt64Seconds(*d));
  }
  request.set_request_id(RequestIdForChange());
  caitiao::v1::IssueTokenResponse response;
  if (int rc = Call(s, &AccessService::Stub::IssueToken, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, PrintIssued);
}

int ListTokensCommand(const Session& s, const Args&) {
  caitiao::v1::ListTokensRequest request;
  request.set_include_inactive(absl::GetFlag(FLAGS_all));
  auto stub = AccessService::NewStub(s.channel);
  const absl::Time now = absl::Now();
  return RunList<caitiao::v1::ListTokensRequest, caitiao::v1::ListTokensResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListTokens(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.tokens(); }, NewTokenTable(),
      [now](Table& t, const caitiao::v1::ApiToken& token) { AddTokenRow(t, token, now); });
}

int RevokeTokenCommand(const Session& s, const Args& args) {
  caitiao::v1::RevokeTokenRequest request;
  request.set_id(args[0]);
  request.set_request_id(RequestIdForChange());
  caitiao::v1::ApiToken revoked;
  if (int rc = Call(s, &AccessService::Stub::RevokeToken, request, revoked); rc != kExitOk) return rc;
  return PrintResult(s, revoked, [](const caitiao::v1::ApiToken& t) {
    std::cout << "Revoked: calls with this token are refused from now on.\n\n";
    PrintTokenDetail(t, std::cout);
  });
}

int MapCertificateCommand(const Session& s, const Args& args) {
  auto grant = GrantFromFlags();
  if (!grant.ok()) return UsageError(std::string(grant.status().message()));
  caitiao::v1::CreateCertificateMappingRequest request;
  request.set_subject(args[0]);
  SetGrant(*grant, request);
  request.set_request_id(RequestIdForChange());
  caitiao::v1::CertificateMapping created;
  if (int rc = Call(s, &AccessService::Stub::CreateCertificateMapping, request, created); rc != kExitOk) return rc;
  return PrintResult(s, created, [](const caitiao::v1::CertificateMapping& m) {
    std::cout << "Mapped: a client certificate with this subject now identifies the caller (mutual TLS).\n\n";
    PrintMappingDetail(m, std::cout);
  });
}

int ListCertificatesCommand(const Session& s, const Args&) {
  caitiao::v1::ListCertificateMappingsRequest request;
  request.set_include_revoked(absl::GetFlag(FLAGS_all));
  auto stub = AccessService::NewStub(s.channel);
  return RunList<caitiao::v1::ListCertificateMappingsRequest, caitiao::v1::ListCertificateMappingsResponse>(
      s, request, [&](auto* ctx, const auto& req, auto* resp) { return stub->ListCertificateMappings(ctx, req, resp); },
      [](const auto& resp) -> const auto& { return resp.mappings(); }, NewMappingTable(), AddMappingRow);
}

int RevokeCertificateCommand(const Session& s, const Args& args) {
  caitiao::v1::RevokeCertificateMappingRequest request;
  request.set_id(args[0]);
  request.set_request_id(RequestIdForChange());
  caitiao::v1::CertificateMapping revoked;
  if (int rc = Call(s, &AccessService::Stub::RevokeCertificateMapping, request, revoked); rc != kExitOk) return rc;
  return PrintResult(s, revoked, [](const caitiao::v1::CertificateMapping& m) {
    std::cout << "Revoked: that certificate is refused from now on.\n\n";
    PrintMappingDetail(m, std::cout);
  });
}

}  // namespace caitiao::cli
