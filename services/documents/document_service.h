// caitiao.v1.DocumentService over gRPC's synchronous API: the numbered
// documents of a case, and whether a copy matches its stored hash.
#pragma once

#include "caitiao/v1/document.grpc.pb.h"
#include "services/common/rpc.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class DocumentGrpcService final : public caitiao::v1::DocumentService::Service {
 public:
  DocumentGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_(caitiao::v1::DocumentService::service_full_name(), authenticator, audit) {}

  grpc::Status GetDocument(grpc::ServerContext* ctx, const caitiao::v1::GetDocumentRequest* req,
                           caitiao::v1::Document* resp) override;
  grpc::Status ListDocuments(grpc::ServerContext* ctx, const caitiao::v1::ListDocumentsRequest* req,
                             caitiao::v1::ListDocumentsResponse* resp) override;
  grpc::Status VerifyDocument(grpc::ServerContext* ctx, const caitiao::v1::VerifyDocumentRequest* req,
                              caitiao::v1::VerifyDocumentResponse* resp) override;

 private:
  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
