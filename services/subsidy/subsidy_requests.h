// The requests of caitiao.v1.SubsidyService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID, PAGE_TOKEN_INVALID).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "caitiao/v1/subsidy.pb.h"
#include "services/common/paging.h"
#include "services/common/region_paging.h"
#include "services/domain/region_rules.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::services {

struct TierRequest {
  std::string case_id, etag, reason;
  domain::SubsidyTier tier = domain::SubsidyTier::kUnspecified;
};

// Field checks before a transaction opens. INVALID_ARGUMENT.
absl::Status CheckTierRequest(const TierRequest& r);
// Budget entries. CheckBudgetEntry runs before a transaction opens.
absl::Status CheckBudgetEntry(const domain::BudgetEntry& e);
// The field checks of a step of a settlement batch: the batch id, and the
// payment reference (kPay) or the reason (kCancel) in `text`.
absl::Status CheckBatchStepRequest(const std::string& batch_id, domain::BatchCommand step, const std::string& text);

// CreateSubsidyStandard: the standard, checked against the China day of `now`.
absl::StatusOr<domain::SubsidyStandard> ReadCreateSubsidyStandardRequest(
    const caitiao::v1::CreateSubsidyStandardRequest& req, absl::Time now);
absl::StatusOr<RegionDayListRequest> ReadListSubsidyStandardsRequest(
    const caitiao::v1::ListSubsidyStandardsRequest& req);
// GetSubsidyStandard: the day asked about when the standard is named by
// region (the China day of `now` unless the request says).
absl::StatusOr<absl::CivilDay> ReadGetSubsidyStandardRequest(const caitiao::v1::GetSubsidyStandardRequest& req,
                                                             absl::Time now);
absl::StatusOr<TierRequest> ReadSetCaseTierRequest(const caitiao::v1::SetCaseTierRequest& req);
// ListLedgerEntries: the region subtree and days filtered on, and the page
// (entries after `after`, 0 for the first page).
struct LedgerListRequest {
  std::optional<domain::RegionCodeRange> region;
  std::optional<absl::CivilDay> first_day, last_day;
  PageRequest page;
  int64_t after = 0;
};
absl::StatusOr<LedgerListRequest> ReadListLedgerEntriesRequest(const caitiao::v1::ListLedgerEntriesRequest& req);
absl::Status ReadReverseLedgerEntryRequest(const caitiao::v1::ReverseLedgerEntryRequest& req);
absl::StatusOr<domain::BudgetEntry> ReadAddBudgetRequest(const caitiao::v1::AddBudgetRequest& req);
absl::Status ReadGetBudgetRequest(const caitiao::v1::GetBudgetRequest& req);
// DraftSettlementBatch: the period (a quarter or half-year) and the source.
struct BatchDraftRequest {
  domain::Period period;
  domain::FundingSource source = domain::FundingSource::kUnspecified;
};
absl::StatusOr<BatchDraftRequest> ReadDraftSettlementBatchRequest(const caitiao::v1::DraftSettlementBatchRequest& req);
absl::Status ReadCheckSettlementBatchRequest(const caitiao::v1::CheckSettlementBatchRequest& req);
absl::Status ReadApproveSettlementBatchRequest(const caitiao::v1::ApproveSettlementBatchRequest& req);
absl::Status ReadPaySettlementBatchRequest(const caitiao::v1::PaySettlementBatchRequest& req);
absl::Status ReadCancelSettlementBatchRequest(const caitiao::v1::CancelSettlementBatchRequest& req);
absl::Status ReadGetSettlementBatchRequest(const caitiao::v1::GetSettlementBatchRequest& req);
// GetMediatorStatement: the period.
absl::StatusOr<domain::Period> ReadGetMediatorStatementRequest(const caitiao::v1::GetMediatorStatementRequest& req);

}  // namespace caitiao::services
