#include "services/subsidy/subsidy_service.h"

#include "absl/strings/str_cat.h"
#include "services/common/idempotent.h"
#include "services/common/paging.h"
#include "services/common/proto_time.h"
#include "services/common/region_paging.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"
#include "services/domain/text_rules.h"
#include "services/subsidy/settlement_work.h"
#include "services/subsidy/subsidy_admin.h"
#include "services/subsidy/subsidy_proto.h"
#include "services/subsidy/subsidy_requests.h"
#include "storage/subsidy_repository.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::Message;

constexpr char kStandardsList[] = "subsidy_standards";
constexpr char kLedgerList[] = "ledger_entries";

}  // namespace

grpc::Status SubsidyGrpcService::CreateSubsidyStandard(grpc::ServerContext* ctx,
                                                       const v1::CreateSubsidyStandardRequest* req,
                                                       v1::SubsidyStandard* resp) {
  return rpc_.Run(ctx, "CreateSubsidyStandard", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(domain::SubsidyStandard s, ReadCreateSubsidyStandardRequest(*req, call.now));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto stored, CreateStandard(tx, call, s));
      StandardToProto(stored, static_cast<v1::SubsidyStandard*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::ListSubsidyStandards(grpc::ServerContext* ctx,
                                                      const v1::ListSubsidyStandardsRequest* req,
                                                      v1::ListSubsidyStandardsResponse* resp) {
  return rpc_.Run(ctx, "ListSubsidyStandards", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const RegionDayListRequest list, ReadListSubsidyStandardsRequest(*req));
    const auto& subtree = list.subtree;
    const int page_size = list.page_size;
    const auto& cursor = list.after;
    std::optional<storage::StandardCursor> after;
    if (cursor) after = storage::StandardCursor{cursor->region_code, cursor->day};
    return storage::RunTransaction(pool_, call.deadline, "ListSubsidyStandards", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto standards, storage::ListStandards(tx, subtree, after, page_size + 1));
      const bool more = TrimToPage(standards, page_size);
      for (const auto& s : standards) StandardToProto(s, resp->add_standards());
      if (more) {
        resp->set_next_page_token(RegionDayPageToken(kStandardsList, req->region_code(),
                                                     standards.back().region_code, standards.back().effective_from));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::GetSubsidyStandard(grpc::ServerContext* ctx, const v1::GetSubsidyStandardRequest* req,
                                                    v1::SubsidyStandard* resp) {
  return rpc_.Run(ctx, "GetSubsidyStandard", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const absl::CivilDay day, ReadGetSubsidyStandardRequest(*req, call.now));
    return storage::RunTransaction(pool_, call.deadline, "GetSubsidyStandard", [&](storage::Tx& tx) -> absl::Status {
      if (!req->id().empty()) {
        CAITIAO_ASSIGN_OR_RETURN(auto s, storage::FindStandard(tx, req->id()));
        if (!s) return domain::NotFound("subsidy standard", req->id(), domain::reasons::kSubsidyStandardNotFound, "id");
        StandardToProto(*s, resp);
        return absl::OkStatus();
      }
      CAITIAO_ASSIGN_OR_RETURN(const auto s, StandardInForceFor(tx, req->region_code(), day));
      StandardToProto(s, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::SetCaseTier(grpc::ServerContext* ctx, const v1::SetCaseTierRequest* req,
                                             v1::SetCaseTierResponse* resp) {
  return rpc_.Run(ctx, "SetCaseTier", [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("cases/", req->case_id());
    CAITIAO_ASSIGN_OR_RETURN(const TierRequest r, ReadSetCaseTierRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto set, services::SetCaseTier(tx, call, r));
      auto* response = static_cast<v1::SetCaseTierResponse*>(out);
      response->set_tier(static_cast<v1::SubsidyTier>(set.tier));
      response->set_etag(domain::EtagOf(set.version));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::ListLedgerEntries(grpc::ServerContext* ctx, const v1::ListLedgerEntriesRequest* req,
                                                   v1::ListLedgerEntriesResponse* resp) {
  return rpc_.Run(ctx, "ListLedgerEntries", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const LedgerListRequest list, ReadListLedgerEntriesRequest(*req));
    storage::LedgerFilter filter;
    filter.region = list.region;
    filter.room_id = req->room_id();
    filter.mediator_id = req->mediator_id();
    filter.case_id = req->case_id();
    filter.first_day = list.first_day;
    filter.last_day = list.last_day;
    filter.unsettled_only = req->unsettled_only();
    const int page_size = list.page.page_size;
    const uint64_t fingerprint = list.page.fingerprint;
    const int64_t after = list.after;
    return storage::RunTransaction(pool_, call.deadline, "ListLedgerEntries", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(auto entries, storage::ListLedgerEntries(tx, filter, domain::CaseScopeOf(call.principal),
                                                                        after, page_size + 1));
      const bool more = TrimToPage(entries, page_size);
      for (const auto& e : entries) EntryToProto(e, resp->add_entries());
      if (more) {
        auto next = NewPageToken(kLedgerList, fingerprint);
        next.set_last_number(entries.back().sequence);
        resp->set_next_page_token(EncodePageToken(next));
      }
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::ReverseLedgerEntry(grpc::ServerContext* ctx, const v1::ReverseLedgerEntryRequest* req,
                                                    v1::LedgerEntry* resp) {
  return rpc_.Run(ctx, "ReverseLedgerEntry", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadReverseLedgerEntryRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto reversal, ReverseEntry(tx, call, req->entry_id(), req->reason()));
      EntryToProto(reversal, static_cast<v1::LedgerEntry*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::AddBudget(grpc::ServerContext* ctx, const v1::AddBudgetRequest* req,
                                           v1::BudgetEntry* resp) {
  return rpc_.Run(ctx, "AddBudget", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::BudgetEntry e, ReadAddBudgetRequest(*req));
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto stored, services::AddBudget(tx, call, e));
      BudgetEntryToProto(stored, static_cast<v1::BudgetEntry*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::GetBudget(grpc::ServerContext* ctx, const v1::GetBudgetRequest* req,
                                           v1::Budget* resp) {
  return rpc_.Run(ctx, "GetBudget", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetBudgetRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetBudget", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto view, services::GetBudget(tx, call, req->region_code(), req->year()));
      resp->set_region_code(req->region_code());
      resp->set_year(req->year());
      for (const auto& line : view.lines) BudgetLineToProto(line, resp->add_lines());
      for (const auto& e : view.entries) BudgetEntryToProto(e, resp->add_entries());
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::DraftSettlementBatch(grpc::ServerContext* ctx,
                                                      const v1::DraftSettlementBatchRequest* req,
                                                      v1::SettlementBatch* resp) {
  return rpc_.Run(ctx, "DraftSettlementBatch", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const BatchDraftRequest draft, ReadDraftSettlementBatchRequest(*req));
    const domain::Period& period = draft.period;
    const domain::FundingSource source = draft.source;
    return RunIdempotent(pool_, call, *req, req->request_id(), resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto batch, DraftBatch(tx, call, req->region_code(), period, source));
      BatchToProto(batch, static_cast<v1::SettlementBatch*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::RunBatchStep(grpc::ServerContext* ctx, const char* name, const Message& req,
                                              const std::string& batch_id, const std::string& request_id,
                                              domain::BatchCommand step, const std::string& text,
                                              v1::SettlementBatch* resp) {
  return rpc_.Run(ctx, name, [&](const CallContext& call) -> absl::Status {
    call.resource = absl::StrCat("settlement-batches/", batch_id);
    CAITIAO_RETURN_IF_ERROR(CheckBatchStepRequest(batch_id, step, text));
    return RunIdempotent(pool_, call, req, request_id, resp, [&](storage::Tx& tx, Message* out) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto batch, StepBatch(tx, call, batch_id, step, text));
      BatchToProto(batch, static_cast<v1::SettlementBatch*>(out));
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::CheckSettlementBatch(grpc::ServerContext* ctx,
                                                      const v1::CheckSettlementBatchRequest* req,
                                                      v1::SettlementBatch* resp) {
  return RunBatchStep(ctx, "CheckSettlementBatch", *req, req->batch_id(), req->request_id(),
                      domain::BatchCommand::kCheck, "", resp);
}

grpc::Status SubsidyGrpcService::ApproveSettlementBatch(grpc::ServerContext* ctx,
                                                        const v1::ApproveSettlementBatchRequest* req,
                                                        v1::SettlementBatch* resp) {
  return RunBatchStep(ctx, "ApproveSettlementBatch", *req, req->batch_id(), req->request_id(),
                      domain::BatchCommand::kApprove, "", resp);
}

grpc::Status SubsidyGrpcService::PaySettlementBatch(grpc::ServerContext* ctx, const v1::PaySettlementBatchRequest* req,
                                                    v1::SettlementBatch* resp) {
  return RunBatchStep(ctx, "PaySettlementBatch", *req, req->batch_id(), req->request_id(),
                      domain::BatchCommand::kPay, req->payment_reference(), resp);
}

grpc::Status SubsidyGrpcService::CancelSettlementBatch(grpc::ServerContext* ctx,
                                                       const v1::CancelSettlementBatchRequest* req,
                                                       v1::SettlementBatch* resp) {
  return RunBatchStep(ctx, "CancelSettlementBatch", *req, req->batch_id(), req->request_id(),
                      domain::BatchCommand::kCancel, req->reason(), resp);
}

grpc::Status SubsidyGrpcService::GetSettlementBatch(grpc::ServerContext* ctx, const v1::GetSettlementBatchRequest* req,
                                                    v1::SettlementBatch* resp) {
  return rpc_.Run(ctx, "GetSettlementBatch", [&](const CallContext& call) -> absl::Status {
    CAITIAO_RETURN_IF_ERROR(ReadGetSettlementBatchRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetSettlementBatch", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto batch, GetBatch(tx, call, req->batch_id()));
      BatchToProto(batch, resp);
      return absl::OkStatus();
    });
  });
}

grpc::Status SubsidyGrpcService::GetMediatorStatement(grpc::ServerContext* ctx,
                                                      const v1::GetMediatorStatementRequest* req,
                                                      v1::MediatorStatement* resp) {
  return rpc_.Run(ctx, "GetMediatorStatement", [&](const CallContext& call) -> absl::Status {
    CAITIAO_ASSIGN_OR_RETURN(const domain::Period period, ReadGetMediatorStatementRequest(*req));
    return storage::RunTransaction(pool_, call.deadline, "GetMediatorStatement", [&](storage::Tx& tx) -> absl::Status {
      CAITIAO_ASSIGN_OR_RETURN(const auto s, StatementOf(tx, call, req->mediator_id(), period));
      resp->set_mediator_id(s.mediator_id);
      resp->set_mediator_name(s.mediator_name);
      PeriodToProto(period, resp->mutable_period());
      for (const auto& e : s.entries) EntryToProto(e, resp->add_entries());
      for (const auto& h : s.held_back) HeldToProto(h, resp->add_held_back());
      resp->set_accrued_fen(s.accrued_fen);
      resp->set_paid_fen(s.paid_fen);
      resp->set_unpaid_fen(s.accrued_fen - s.paid_fen);
      return absl::OkStatus();
    });
  });
}

}  // namespace caitiao::services
