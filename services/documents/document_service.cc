#include "services/documents/document_service.h"

#include "absl/strings/ascii.h"
#include "services/cases/case_intake.h"
#include "services/documents/document_requests.h"
#include "services/common/proto_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/mediation_proto.h"
#include "storage/mediation_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

absl::Status DocumentNotFound(const std::string& what, const std::string& field) {
  return domain::NotFound("document", what, domain::reasons::kDocumentNotFound, field);
}

// A document is visible exactly when its case is (the scope is the case's).
absl::StatusOr<domain::Document> Visible(storage::Tx& tx, const CallContext& call,
                                         const std::optional<domain::Document>& d, const std::string& what,
                                         const std::string& field) {
  if (!d) return DocumentNotFound(what, field);
  absl::StatusOr<domain::CaseRecord> c = GetCase(tx, call, d->case_id);
  if (c.status().code() == absl::StatusCode::kNotFound) return DocumentNotFound(what, field);
  CAITIAO_RETURN_IF_ERROR(c.status());
  return *d;
}

}  // namespace

grpc::Status DocumentGrpcService::GetDocument(grpc::ServerContext* ctx, const v1::GetDocumentRequest* req,
                                              v1::Document* resp) {
  return rpc_.Run(ctx, "GetDocument", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetDocumentRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetDocument", [&](storage::Tx& tx) -> absl::Status {
      std::optional<domain::Document> found;
      if (storage::LooksLikeUuid(req->id())) {
        CAITIAO_ASSIGN_OR_RETURN(found, storage::FindDocument(tx, req->id()));
      }
      CAITIAO_ASSIGN_OR_RETURN(auto d, Visible(tx, call, found, req->id(), "id"));
      DocumentToProto(d, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status DocumentGrpcService::ListDocuments(grpc::ServerContext* ctx, const v1::ListDocumentsRequest* req,
                                                v1::ListDocumentsResponse* resp) {
  return rpc_.Run(ctx, "ListDocuments", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadListDocumentsRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "ListDocuments", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto c, GetCase(tx, call, req->case_id()));
      CAITIAO_ASSIGN_OR_RETURN(auto documents, storage::ListDocuments(tx, c.id));
      for (const auto& d : documents) DocumentToProto(d, resp->add_documents());
      return absl::OkStatus();
    });
  });
}

grpc::Status DocumentGrpcService::VerifyDocument(grpc::ServerContext* ctx, const v1::VerifyDocumentRequest* req,
                                                 v1::VerifyDocumentResponse* resp) {
  return rpc_.Run(ctx, "VerifyDocument", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const std::string given, ReadVerifyDocumentRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "VerifyDocument", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindDocumentByNumber(tx, req->number()));
      CAITIAO_ASSIGN_OR_RETURN(auto d, Visible(tx, call, found, req->number(), "number"));
      resp->set_matches(d.sha256 == given);
      resp->set_kind(static_cast<v1::DocumentKind>(d.kind));
      resp->set_case_id(d.case_id);
      ToProto(d.issue_time, resp->mutable_issue_time());
      resp->set_sha256(d.sha256);
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
