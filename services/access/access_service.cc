#include "services/access/access_service.h"

#include "absl/strings/str_cat.h"
#include "services/access/access_admin.h"
#include "services/access/access_proto.h"
#include "services/access/access_requests.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/proto_time.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/audit_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kTokensList[] = "tokens";
constexpr char kMappingsList[] = "certificate_mappings";
constexpr char kAuditList[] = "audit_records";

// The created-time cursor of a page token (checked by the Read function).
std::optional<storage::CreatedCursor> CreatedCursorFrom(const std::optional<caitiao::internal::v1::PageToken>& token) {
  if (!token) return std::nullopt;
  return storage::CreatedCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
}

}  // namespace

grpc::Status AccessGrpcService::IssueToken(grpc::ServerContext* ctx, const v1::IssueTokenRequest* req,
                                           v1::IssueTokenResponse* resp) {
  return rpc_.Run(ctx, "IssueToken", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const TokenRequest issue, ReadIssueTokenRequest(*req));
    const domain::AccessGrant& grant = issue.grant;
    const absl::Duration ttl = issue.ttl;
    // The secret is added after the stored response is written, so a retry
    // never gets it back from the idempotency record.
    std::string secret;
    CAITIAO_RETURN_IF_ERROR(RunIdempotent(pool_, call, *req, req->request_id(), resp,
                                          [&](storage::Tx& tx, Message* out) -> absl::Status {
                                            CAITIAO_ASSIGN_OR_RETURN(auto issued,
                                                                     services::IssueToken(tx, call, grant, ttl));
                                            TokenToProto(issued.token,
                                                         static_cast<v1::IssueTokenResponse*>(out)->mutable_token());
                                            secret = issued.secret;
                                            return absl::OkStatus();
                                          }));
    resp->set_secret(secret);
    return absl::OkStatus();
  });
}

grpc::Status AccessGrpcService::ListTokens(grpc::ServerContext* ctx, const v1::ListTokensRequest* req,
                                           v1::ListTokensResponse* resp) {
  return rpc_.Run(ctx, "ListTokens", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const PageRequest page, ReadListTokensRequest(*req));
    const int page_size = page.page_size;
    const uint64_t fingerprint = page.fingerprint;
    const auto after = CreatedCursorFrom(page.token);
    return storage::RunTransaction(pool_, call.deadline, "ListTokens", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto tokens,
                               storage::ListApiTokens(tx, req->include_inactive(), call.now, after, page_size + 1));
      const bool more = TrimToPage(tokens, page_size);
      for (const auto& t : tokens) TokenToProto(t, resp->add_tokens());
      if (more) {
        auto next = NewPageToken(kTokensList, fingerprint);
        next.set_last_time_micros(storage::MicrosOf(tokens.back().create_time));
        next.set_last_id(tokens.back().id);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status AccessGrpcService::RevokeToken(grpc::ServerContext* ctx, const v1::RevokeTokenRequest* req,
                                            v1::ApiToken* resp) {
  return rpc_.Run(ctx, "RevokeToken", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadRevokeTokenRequest(*req));
    CAITIAO_RETURN_IF_ERROR(RunIdempotent(pool_, call, *req, req->request_id(), resp,
                                          [&](storage::Tx& tx, Message* out) -> absl::Status {
                                            CAITIAO_ASSIGN_OR_RETURN(auto revoked,
                                                                     services::RevokeToken(tx, call, req->id()));
                                            TokenToProto(revoked, static_cast<v1::ApiToken*>(out));
                                            return absl::OkStatus();
                                          }));
    authenticator_.ForgetCachedCredentials();
    return absl::OkStatus();
  });
}

grpc::Status AccessGrpcService::CreateCertificateMapping(grpc::ServerContext* ctx,
                                                         const v1::CreateCertificateMappingRequest* req,
                                                         v1::CertificateMapping* resp) {
  return rpc_.Run(ctx, "CreateCertificateMapping", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::AccessGrant grant, ReadCreateCertificateMappingRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(
                               auto created, services::CreateCertificateMapping(tx, call, req->subject(), grant));
                           MappingToProto(created, static_cast<v1::CertificateMapping*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status AccessGrpcService::ListCertificateMappings(grpc::ServerContext* ctx,
                                                        const v1::ListCertificateMappingsRequest* req,
                                                        v1::ListCertificateMappingsResponse* resp) {
  return rpc_.Run(ctx, "ListCertificateMappings", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const PageRequest page, ReadListCertificateMappingsRequest(*req));
    const int page_size = page.page_size;
    const uint64_t fingerprint = page.fingerprint;
    const auto after = CreatedCursorFrom(page.token);
    return storage::RunTransaction(pool_, call.deadline, "ListCertificateMappings",
                                   [&](storage::Tx& tx) -> absl::Status {
                                     CAITIAO_ASSIGN_OR_RETURN(
                                         auto rows, storage::ListCertificateMappings(tx, req->include_revoked(),
                                                                                     after, page_size + 1));
                                     const bool more = TrimToPage(rows, page_size);
                                     for (const auto& m : rows) MappingToProto(m, resp->add_mappings());
                                     if (more) {
                                       auto next = NewPageToken(kMappingsList, fingerprint);
                                       next.set_last_time_micros(storage::MicrosOf(rows.back().create_time));
                                       next.set_last_id(rows.back().id);
                                       resp->set_next_page_token(EncodePageToken(next));
                                     }
                                     return absl::OkStatus();
                                   });
  });
}

grpc::Status AccessGrpcService::RevokeCertificateMapping(grpc::ServerContext* ctx,
                                                         const v1::RevokeCertificateMappingRequest* req,
                                                         v1::CertificateMapping* resp) {
  return rpc_.Run(ctx, "RevokeCertificateMapping", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadRevokeCertificateMappingRequest(*req));
    CAITIAO_RETURN_IF_ERROR(RunIdempotent(pool_, call, *req, req->request_id(), resp,
                                          [&](storage::Tx& tx, Message* out) -> absl::Status {
                                            CAITIAO_ASSIGN_OR_RETURN(
                                                auto revoked, services::RevokeCertificateMapping(tx, call, req->id()));
                                            MappingToProto(revoked, static_cast<v1::CertificateMapping*>(out));
                                            return absl::OkStatus();
                                          }));
    authenticator_.ForgetCachedCredentials();
    return absl::OkStatus();
  });
}

grpc::Status AccessGrpcService::ListAuditRecords(grpc::ServerContext* ctx, const v1::ListAuditRecordsRequest* req,
                                                 v1::ListAuditRecordsResponse* resp) {
  return rpc_.Run(ctx, "ListAuditRecords", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const AuditListRequest audit, ReadListAuditRecordsRequest(*req));
    const domain::AuditQuery& q = audit.query;
    const int page_size = audit.page.page_size;
    const uint64_t fingerprint = audit.page.fingerprint;
    const int64_t before = audit.before;
    return storage::RunTransaction(pool_, call.deadline, "ListAuditRecords", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto rows, storage::ListAuditRecords(tx, q, before, page_size + 1));
      const bool more = TrimToPage(rows, page_size);
      for (const auto& r : rows) AuditRecordToProto(r, resp->add_records());
      if (more) {
        auto next = NewPageToken(kAuditList, fingerprint);
        next.set_last_number(rows.back().sequence);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
