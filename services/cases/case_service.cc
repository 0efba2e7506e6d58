#include "services/cases/case_service.h"

#include "absl/strings/str_cat.h"

#include "services/cases/case_intake.h"
#include "services/cases/case_proto.h"
#include "services/cases/case_requests.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/audit_log.h"
#include "services/domain/case_filter.h"
#include "services/domain/case_masking.h"
#include "services/domain/china_time.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/region_rules.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/case_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kCasesList[] = "cases";
constexpr char kEventsList[] = "case_events";

}  // namespace

grpc::Status CaseGrpcService::CreateCase(grpc::ServerContext* ctx, const v1::CreateCaseRequest* req,
                                         v1::Case* resp) {
  return rpc_.Run(ctx, "CreateCase", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const NewCase request, ReadCreateCaseRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(auto created, services::CreateCase(tx, call, request));
                           MaskedCaseToProto(std::move(created), static_cast<v1::Case*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status CaseGrpcService::GetCase(grpc::ServerContext* ctx, const v1::GetCaseRequest* req,
                                      v1::Case* resp) {
  return rpc_.Run(ctx, "GetCase", [&](const CallContext& call) -> absl::Status {
    const bool unmask = req->unmask_personal_data();
    call.resource = absl::StrCat("cases/", req->id());  // also for a refused unmask
    CAITIAO_RETURN_IF_ERROR(ReadGetCaseRequest(*req, call.principal));
    CAITIAO_RETURN_IF_ERROR(
        // A masked read is one statement; an unmasked one also writes its audit record.
        storage::RunTransaction(pool_, call.deadline, "GetCase",
                                unmask ? storage::TxMode::kReadWrite : storage::TxMode::kOneStatement,
                                [&](storage::Tx& tx) -> absl::Status {
          CAITIAO_ASSIGN_OR_RETURN(auto found, services::GetCase(tx, call, req->id()));
          if (!unmask) {
            MaskedCaseToProto(std::move(found), resp);
            return absl::OkStatus();
          }
          // An unmasked read is recorded, with the fields it revealed, in the
          // same transaction that reads them.
          CAITIAO_RETURN_IF_ERROR(RecordAuditInTransaction(tx, call, domain::PersonalDataFields(found.content)));
          CaseToProto(found, resp);
          return absl::OkStatus();
        }));
    if (unmask) call.audited = true;
    return absl::OkStatus();
  });
}

grpc::Status CaseGrpcService::ListCases(grpc::ServerContext* ctx, const v1::ListCasesRequest* req,
                                        v1::ListCasesResponse* resp) {
  return rpc_.Run(ctx, "ListCases", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const CaseListRequest list, ReadListCasesRequest(*req, call.now));
    const domain::CaseFilter& filter = list.filter;
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    std::optional<storage::CaseCursor> after;
    if (const auto& token = list.page.token) {
      after = storage::CaseCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    return storage::RunTransaction(pool_, call.deadline, "ListCases", storage::TxMode::kOneStatement,
                                   [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto cases, storage::ListCases(tx, filter, scope, after, page_size + 1));
      const bool more = TrimToPage(cases, page_size);
      for (const auto& c : cases) MaskedCaseToProto(c, resp->add_cases());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kCasesList, fingerprint);
        next.set_last_time_micros(storage::MicrosOf(cases.back().receive_time));
        next.set_last_id(cases.back().id);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status CaseGrpcService::UpdateCase(grpc::ServerContext* ctx, const v1::UpdateCaseRequest* req,
                                         v1::Case* resp) {
  return rpc_.Run(ctx, "UpdateCase", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const CaseUpdateRequest update, ReadUpdateCaseRequest(*req));
    const std::set<domain::CaseField>& fields = update.fields;
    const domain::CaseContent& patch = update.patch;
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(
                               auto updated, services::UpdateCase(tx, call, req->case_().id(),
                                                                  req->case_().etag(), patch, fields));
                           MaskedCaseToProto(std::move(updated), static_cast<v1::Case*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status CaseGrpcService::WithdrawCase(grpc::ServerContext* ctx, const v1::WithdrawCaseRequest* req,
                                           v1::Case* resp) {
  return rpc_.Run(ctx, "WithdrawCase", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadWithdrawCaseRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp,
                         [&](storage::Tx& tx, Message* out) -> absl::Status {
                           CAITIAO_ASSIGN_OR_RETURN(
                               auto withdrawn,
                               services::WithdrawCase(tx, call, req->id(), req->etag(), req->reason()));
                           MaskedCaseToProto(std::move(withdrawn), static_cast<v1::Case*>(out));
                           return absl::OkStatus();
                         });
  });
}

grpc::Status CaseGrpcService::FileCase(grpc::ServerContext* ctx, const v1::FileCaseRequest* req, v1::Case* resp) {
  return rpc_.Run(ctx, "FileCase", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->id());
    CAITIAO_RETURN_IF_ERROR(ReadFileCaseRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto filed, services::FileCase(tx, call, req->id(), req->etag()));
      MaskedCaseToProto(std::move(filed), static_cast<v1::Case*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status CaseGrpcService::RefuseAcceptance(grpc::ServerContext* ctx, const v1::RefuseAcceptanceRequest* req,
                                               v1::Case* resp) {
  return rpc_.Run(ctx, "RefuseAcceptance", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->id());
    CAITIAO_RETURN_IF_ERROR(ReadRefuseAcceptanceRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto refused, services::RefuseAcceptance(tx, call, req->id(), req->etag(), req->reason()));
      MaskedCaseToProto(std::move(refused), static_cast<v1::Case*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status CaseGrpcService::CloseCase(grpc::ServerContext* ctx, const v1::CloseCaseRequest* req, v1::Case* resp) {
  return rpc_.Run(ctx, "CloseCase", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->id());
    CAITIAO_ASSIGN_OR_RETURN(const domain::ClosingManner manner, ReadCloseCaseRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto closed, services::CloseCase(tx, call, req->id(), req->etag(), manner, req->note()));
      MaskedCaseToProto(std::move(closed), static_cast<v1::Case*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status CaseGrpcService::ListCaseEvents(grpc::ServerContext* ctx,
                                             const v1::ListCaseEventsRequest* req,
                                             v1::ListCaseEventsResponse* resp) {
  return rpc_.Run(ctx, "ListCaseEvents", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const CaseEventsRequest events_request, ReadListCaseEventsRequest(*req));
    const int page_size = events_request.page.page_size;
    const uint64_t fingerprint = events_request.page.fingerprint;
    const int64_t after = events_request.after;
    return storage::RunTransaction(pool_, call.deadline, "ListCaseEvents", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_RETURN_IF_ERROR(services::GetCase(tx, call, req->case_id()).status());
      CAITIAO_ASSIGN_OR_RETURN(auto events, storage::ListCaseEvents(tx, req->case_id(), after, page_size + 1));
      const bool more = TrimToPage(events, page_size);
      for (const auto& e : events) EventToProto(e, resp->add_events());
      if (more) {
        caitiao::internal::v1::PageToken next = NewPageToken(kEventsList, fingerprint);
        next.set_last_number(events.back().sequence);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
