// caitiao.v1.AccessService over gRPC's synchronous API.
#pragma once

#include "caitiao/v1/access.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class AccessGrpcService final : public caitiao::v1::AccessService::Service {
 public:
  AccessGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), authenticator_(authenticator), rpc_("caitiao.v1.AccessService", authenticator, audit) {}

  grpc::Status IssueToken(grpc::ServerContext* ctx, const caitiao::v1::IssueTokenRequest* req,
                          caitiao::v1::IssueTokenResponse* resp) override;
  grpc::Status ListTokens(grpc::ServerContext* ctx, const caitiao::v1::ListTokensRequest* req,
                          caitiao::v1::ListTokensResponse* resp) override;
  grpc::Status RevokeToken(grpc::ServerContext* ctx, const caitiao::v1::RevokeTokenRequest* req,
                           caitiao::v1::ApiToken* resp) override;
  grpc::Status CreateCertificateMapping(grpc::ServerContext* ctx,
                                        const caitiao::v1::CreateCertificateMappingRequest* req,
                                        caitiao::v1::CertificateMapping* resp) override;
  grpc::Status ListCertificateMappings(grpc::ServerContext* ctx,
                                       const caitiao::v1::ListCertificateMappingsRequest* req,
                                       caitiao::v1::ListCertificateMappingsResponse* resp) override;
  grpc::Status RevokeCertificateMapping(grpc::ServerContext* ctx,
                                        const caitiao::v1::RevokeCertificateMappingRequest* req,
                                        caitiao::v1::CertificateMapping* resp) override;
  grpc::Status ListAuditRecords(grpc::ServerContext* ctx, const caitiao::v1::ListAuditRecordsRequest* req,
                                caitiao::v1::ListAuditRecordsResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  const Authenticator& authenticator_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
