// Translation between caitiao.v1 subsidy messages and the domain's values.
// Enum numbers are shared, so enums convert by value (unknown numbers read
// as UNSPECIFIED and fail validation).
#pragma once

#include "caitiao/v1/subsidy.pb.h"
#include "services/domain/errors.h"
#include "services/domain/settlement.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::services {

// Date fields are checked into `problems` under "standard.".
domain::SubsidyStandard StandardFromProto(const caitiao::v1::SubsidyStandard& in, domain::FieldViolations* problems);
void StandardToProto(const domain::SubsidyStandard& s, caitiao::v1::SubsidyStandard* out);

domain::Period PeriodFromProto(const caitiao::v1::Period& p);
void PeriodToProto(const domain::Period& p, caitiao::v1::Period* out);
domain::SubsidyTier TierFromProto(caitiao::v1::SubsidyTier tier);
domain::FundingSource SourceFromProto(caitiao::v1::FundingSource source);

void EntryToProto(const domain::LedgerEntry& e, caitiao::v1::LedgerEntry* out);
void BudgetEntryToProto(const domain::BudgetEntry& e, caitiao::v1::BudgetEntry* out);
void BudgetLineToProto(const domain::BudgetLine& line, caitiao::v1::Budget::Line* out);
void HeldToProto(const domain::HeldItem& h, caitiao::v1::SettlementBatch::Held* out);
void BatchToProto(const domain::SettlementBatch& b, caitiao::v1::SettlementBatch* out);

}  // namespace caitiao::services
