// caitiao.v1.SubsidyService over gRPC's synchronous API: translates, checks
// the request's shape, and runs the use cases of subsidy_admin.h and
// settlement_work.h, each change in one idempotent transaction.
#pragma once

#include "caitiao/v1/subsidy.grpc.pb.h"
#include "services/common/rpc.h"
#include "services/domain/settlement.h"
#include "storage/connection_pool.h"

namespace caitiao::services {

class SubsidyGrpcService final : public caitiao::v1::SubsidyService::Service {
 public:
  SubsidyGrpcService(storage::ConnectionPool& pool, const Authenticator& authenticator, AuditLog& audit)
      : pool_(pool), rpc_(caitiao::v1::SubsidyService::service_full_name(), authenticator, audit) {}

  grpc::Status CreateSubsidyStandard(grpc::ServerContext* ctx, const caitiao::v1::CreateSubsidyStandardRequest* req,
                                     caitiao::v1::SubsidyStandard* resp) override;
  grpc::Status ListSubsidyStandards(grpc::ServerContext* ctx, const caitiao::v1::ListSubsidyStandardsRequest* req,
                                    caitiao::v1::ListSubsidyStandardsResponse* resp) override;
  grpc::Status GetSubsidyStandard(grpc::ServerContext* ctx, const caitiao::v1::GetSubsidyStandardRequest* req,
                                  caitiao::v1::SubsidyStandard* resp) override;
  grpc::Status SetCaseTier(grpc::ServerContext* ctx, const caitiao::v1::SetCaseTierRequest* req,
                           caitiao::v1::SetCaseTierResponse* resp) override;
  grpc::Status ListLedgerEntries(grpc::ServerContext* ctx, const caitiao::v1::ListLedgerEntriesRequest* req,
                                 caitiao::v1::ListLedgerEntriesResponse* resp) override;
  grpc::Status ReverseLedgerEntry(grpc::ServerContext* ctx, const caitiao::v1::ReverseLedgerEntryRequest* req,
                                  caitiao::v1::LedgerEntry* resp) override;
  grpc::Status AddBudget(grpc::ServerContext* ctx, const caitiao::v1::AddBudgetRequest* req,
                         caitiao::v1::BudgetEntry* resp) override;
  grpc::Status GetBudget(grpc::ServerContext* ctx, const caitiao::v1::GetBudgetRequest* req,
                         caitiao::v1::Budget* resp) override;
  grpc::Status DraftSettlementBatch(grpc::ServerContext* ctx, const caitiao::v1::DraftSettlementBatchRequest* req,
                                    caitiao::v1::SettlementBatch* resp) override;
  grpc::Status CheckSettlementBatch(grpc::ServerContext* ctx, const caitiao::v1::CheckSettlementBatchRequest* req,
                                    caitiao::v1::SettlementBatch* resp) override;
  grpc::Status ApproveSettlementBatch(grpc::ServerContext* ctx,
                                      const caitiao::v1::ApproveSettlementBatchRequest* req,
                                      caitiao::v1::SettlementBatch* resp) override;
  grpc::Status PaySettlementBatch(grpc::ServerContext* ctx, const caitiao::v1::PaySettlementBatchRequest* req,
                                  caitiao::v1::SettlementBatch* resp) override;
  grpc::Status CancelSettlementBatch(grpc::ServerContext* ctx, const caitiao::v1::CancelSettlementBatchRequest* req,
                                     caitiao::v1::SettlementBatch* resp) override;
  grpc::Status GetSettlementBatch(grpc::ServerContext* ctx, const caitiao::v1::GetSettlementBatchRequest* req,
                                  caitiao::v1::SettlementBatch* resp) override;
  grpc::Status GetMediatorStatement(grpc::ServerContext* ctx, const caitiao::v1::GetMediatorStatementRequest* req,
                                    caitiao::v1::MediatorStatement* resp) override;

 private:
  // The batch steps after the draft share one shape.
  grpc::Status RunBatchStep(grpc::ServerContext* ctx, const char* name, const google::protobuf::Message& req,
                            const std::string& batch_id, const std::string& request_id, domain::BatchCommand step,
                            const std::string& text, caitiao::v1::SettlementBatch* resp);

  storage::ConnectionPool& pool_;
  RpcRunner rpc_;
};

}  // namespace caitiao::services
