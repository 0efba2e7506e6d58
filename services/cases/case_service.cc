#include "services/cases/case_service.h"

#include "absl/strings/str_cat.h"

#include "services/cases/case_intake.h"
#include "services/cases/case_proto.h"
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

absl::Status CheckIdAndEtag(const std::string& id, const std::string& etag) {
  domain::FieldViolations problems;
  if (id.empty()) problems.Add("id", "is required");
  if (etag.empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
  return problems.ToStatus();
}

}  // namespace

grpc::Status CaseGrpcService::CreateCase(grpc::ServerContext* ctx, const v1::CreateCaseRequest* req,
                                         v1::Case* resp) {
  return rpc_.Run(ctx, "CreateCase", [&](const CallContext& call) -> absl::Status {
    NewCase request;
    request.commission_id = req->case_().commission_id();
    request.route_stage = static_cast<domain::RouteStage>(req->route_stage());
    request.content = ContentFromProto(req->case_(), &request.translation_problems);
    CAITIAO_RETURN_IF_ERROR(CheckNewCase(call, request));
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
    if (unmask) CAITIAO_RETURN_IF_ERROR(domain::CheckMayUnmask(call.principal));
    CAITIAO_RETURN_IF_ERROR(
        storage::RunTransaction(pool_, call.deadline, "GetCase", [&](storage::Tx& tx) -> absl::Status {
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
    CAITIAO_ASSIGN_OR_RETURN(domain::CaseFilter filter, domain::ParseCaseFilter(req->filter()));
    filter.today = domain::ChinaDay(call.now);
    CAITIAO_ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(req->page_size()));
    const uint64_t fingerprint = FilterFingerprint(domain::CanonicalCaseFilter(filter));
    CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(req->page_token(), kCasesList, fingerprint));
    std::optional<storage::CaseCursor> after;
    if (token) {
      if (!storage::LooksLikeUuid(token->last_id())) {
        return InvalidPageToken();
      }
      after = storage::CaseCursor{storage::TimeFromMicros(token->last_time_micros()), token->last_id()};
    }
    const domain::CaseScope scope = domain::CaseScopeOf(call.principal);
    return storage::RunTransaction(pool_, call.deadline, "ListCases", [&](storage::Tx& tx) -> absl::Status {
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
    std::set<domain::CaseField> fields;
    for (const auto& path : req->update_mask().paths()) {
      CAITIAO_ASSIGN_OR_RETURN(auto field, domain::CaseFieldFromPath(path));
      fields.insert(field);
    }
    CAITIAO_RETURN_IF_ERROR(CheckCaseUpdate(fields));
    domain::FieldViolations problems;
    domain::CaseContent patch = ContentFromProto(req->case_(), &problems);
    if (!fields.count(domain::CaseField::kApplicationDate)) problems = {};  // date not being changed
    CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
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
    CAITIAO_RETURN_IF_ERROR(CheckWithdrawal(req->reason()));
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
    CAITIAO_RETURN_IF_ERROR(CheckIdAndEtag(req->id(), req->etag()));
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
    CAITIAO_RETURN_IF_ERROR(CheckIdAndEtag(req->id(), req->etag()));
    if (auto p = domain::TextProblem(req->reason(), 1, 2000, /*multiline=*/true)) {
      return domain::InvalidField("reason", *p);
    }
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
    CAITIAO_RETURN_IF_ERROR(CheckIdAndEtag(req->id(), req->etag()));
    const auto manner = static_cast<domain::ClosingManner>(req->manner());
    if (!domain::ClosingMannerFromName(domain::ClosingMannerName(manner))) {
      return domain::InvalidField("manner", "must be AWARD, TRIBUNAL_MEDIATION or TERMINATED");
    }
    if (auto p = domain::TextProblem(req->note(), 0, 2000, /*multiline=*/true)) return domain::InvalidField("note", *p);
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
    if (req->case_id().empty()) return domain::InvalidField("case_id", "is required");
    CAITIAO_ASSIGN_OR_RETURN(const int page_size, EffectivePageSize(req->page_size()));
    // The token is bound to the case it pages through.
    const uint64_t fingerprint = FilterFingerprint(req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(auto token, DecodePageToken(req->page_token(), kEventsList, fingerprint));
    const int64_t after = token ? token->last_number() : 0;
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
