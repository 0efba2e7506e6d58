#include "services/subsidy/subsidy_requests.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"
#include "services/domain/text_rules.h"
#include "services/subsidy/subsidy_proto.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kStandardsList[] = "subsidy_standards";
constexpr char kLedgerList[] = "ledger_entries";
constexpr int64_t kMaxBudgetFen = 10000000000;  // 100 million yuan per entry

// A period from a request, checked into `v` under `field`.
domain::Period CheckedPeriod(const v1::Period& p, const std::string& field, domain::FieldViolations& v) {
  const domain::Period period = PeriodFromProto(p);
  if (auto problem = domain::PeriodProblem(period)) v.Add(field, *problem);
  return period;
}

void RequireId(domain::FieldViolations& v, const std::string& field, const std::string& value) {
  if (value.empty()) v.Add(field, "is required");
}

}  // namespace

absl::Status CheckTierRequest(const TierRequest& r) {
  domain::FieldViolations v;
  if (r.case_id.empty()) v.Add("case_id", "is required");
  if (r.etag.empty()) v.Add("etag", "is required: send the etag of the case as you read it");
  if (r.tier == domain::SubsidyTier::kCollective) {
    v.Add("tier", "COLLECTIVE is never designated: a case with enough worker applicants is collective by itself");
  } else if (r.tier != domain::SubsidyTier::kSimple && r.tier != domain::SubsidyTier::kOrdinary &&
             r.tier != domain::SubsidyTier::kComplex) {
    v.Add("tier", "must be SIMPLE, ORDINARY or COMPLEX");
  }
  if (auto p = domain::TextProblem(r.reason, 1, 500)) v.Add("reason", *p);
  return v.ToStatus();
}

absl::Status CheckBudgetEntry(const domain::BudgetEntry& e) {
  domain::FieldViolations v;
  if (auto p = domain::RegionCodeProblem(e.region_code)) v.Add("region_code", *p);
  if (e.year < domain::kMinSubsidyYear || e.year > domain::kMaxSubsidyYear) {
    v.Add("year", absl::StrCat("must be ", domain::kMinSubsidyYear, "..", domain::kMaxSubsidyYear));
  }
  if (e.source != domain::FundingSource::kHrss && e.source != domain::FundingSource::kUnion) {
    v.Add("source", "must be HRSS (人社) or UNION (工会)");
  }
  if (e.amount_fen < 1 || e.amount_fen > kMaxBudgetFen) {
    v.Add("amount_fen", absl::StrCat("must be 1..", kMaxBudgetFen, " fen (got ", e.amount_fen, ")"));
  }
  if (auto p = domain::TextProblem(e.note, 1, 200)) v.Add("note", *p);
  return v.ToStatus();
}

absl::Status CheckBatchStepRequest(const std::string& batch_id, domain::BatchCommand step, const std::string& text) {
  domain::FieldViolations v;
  RequireId(v, "batch_id", batch_id);
  if (step == domain::BatchCommand::kPay) {
    if (auto p = domain::TextProblem(text, 1, 100)) v.Add("payment_reference", *p);
  } else if (step == domain::BatchCommand::kCancel) {
    if (auto p = domain::TextProblem(text, 1, 500)) v.Add("reason", *p);
  }
  return v.ToStatus();
}

absl::StatusOr<domain::SubsidyStandard> ReadCreateSubsidyStandardRequest(const v1::CreateSubsidyStandardRequest& req,
                                                                         absl::Time now) {
  domain::FieldViolations problems;
  if (!req.has_standard()) return domain::InvalidField("standard", "is required");
  domain::SubsidyStandard s = StandardFromProto(req.standard(), &problems);
  if (auto p = domain::RegionCodeProblem(s.region_code)) problems.Add("standard.region_code", *p);
  // A date that did not parse is reported once, not again as "before today".
  domain::FieldViolations rules;
  rules.Merge("standard", domain::ValidateSubsidyStandard(s, domain::ChinaDay(now)));
  problems.AddUnreported(rules);
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return s;
}

absl::StatusOr<RegionDayListRequest> ReadListSubsidyStandardsRequest(const v1::ListSubsidyStandardsRequest& req) {
  RegionDayListRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.subtree, RegionFilter(req.region_code()));
  CAITIAO_ASSIGN_OR_RETURN(r.page_size, EffectivePageSize(req.page_size()));
  CAITIAO_ASSIGN_OR_RETURN(r.after, DecodeRegionDayCursor(req.page_token(), kStandardsList, req.region_code()));
  return r;
}

absl::StatusOr<absl::CivilDay> ReadGetSubsidyStandardRequest(const v1::GetSubsidyStandardRequest& req,
                                                             absl::Time now) {
  domain::FieldViolations v;
  absl::CivilDay day = domain::ChinaDay(now);
  if (req.id().empty()) {
    if (auto p = domain::RegionCodeProblem(req.region_code())) {
      v.Add("region_code", absl::StrCat(*p, " (name a standard by id, or a region and a date)"));
    }
    if (req.has_date()) day = DayFromProto(req.date(), true, "date", &v);
  } else if (!req.region_code().empty() || req.has_date()) {
    v.Add("id", "name a standard by id, or by region_code and date, not both");
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return day;
}

absl::StatusOr<TierRequest> ReadSetCaseTierRequest(const v1::SetCaseTierRequest& req) {
  const TierRequest r{req.case_id(), req.etag(), req.reason(), TierFromProto(req.tier())};
  CAITIAO_RETURN_IF_ERROR(CheckTierRequest(r));
  return r;
}

absl::StatusOr<LedgerListRequest> ReadListLedgerEntriesRequest(const v1::ListLedgerEntriesRequest& req) {
  domain::FieldViolations v;
  LedgerListRequest r;
  if (!req.region_code().empty()) {
    if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
    r.region = domain::SubtreeRange(req.region_code());
  }
  if (req.has_period()) {
    const domain::Period period = CheckedPeriod(req.period(), "period", v);
    if (!v.Has("period")) {
      r.first_day = domain::PeriodFirstDay(period);
      r.last_day = domain::PeriodLastDay(period);
    }
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint =
      FilterFingerprint(absl::StrCat(req.region_code(), "|", req.room_id(), "|", req.mediator_id(), "|",
                                     req.case_id(), "|", req.period().ShortDebugString(), "|", req.unsettled_only()));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kLedgerList, r.page.fingerprint));
  r.after = r.page.token ? r.page.token->last_number() : 0;
  if (r.after < 0) return InvalidPageToken();
  return r;
}

absl::Status ReadReverseLedgerEntryRequest(const v1::ReverseLedgerEntryRequest& req) {
  domain::FieldViolations v;
  RequireId(v, "entry_id", req.entry_id());
  if (auto p = domain::TextProblem(req.reason(), 1, 500)) v.Add("reason", *p);
  return v.ToStatus();
}

absl::StatusOr<domain::BudgetEntry> ReadAddBudgetRequest(const v1::AddBudgetRequest& req) {
  domain::BudgetEntry e;
  e.region_code = req.region_code();
  e.year = req.year();
  e.source = SourceFromProto(req.source());
  e.amount_fen = req.amount_fen();
  e.note = req.note();
  CAITIAO_RETURN_IF_ERROR(CheckBudgetEntry(e));
  return e;
}

absl::Status ReadGetBudgetRequest(const v1::GetBudgetRequest& req) {
  domain::FieldViolations v;
  if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
  if (req.year() < domain::kMinSubsidyYear || req.year() > domain::kMaxSubsidyYear) {
    v.Add("year", absl::StrCat("must be ", domain::kMinSubsidyYear, "..", domain::kMaxSubsidyYear));
  }
  return v.ToStatus();
}

absl::StatusOr<BatchDraftRequest> ReadDraftSettlementBatchRequest(const v1::DraftSettlementBatchRequest& req) {
  domain::FieldViolations v;
  if (auto p = domain::RegionCodeProblem(req.region_code())) v.Add("region_code", *p);
  BatchDraftRequest r;
  r.period = CheckedPeriod(req.period(), "period", v);
  if (!v.Has("period") && r.period.kind != domain::SpanKind::kQuarter && r.period.kind != domain::SpanKind::kHalfYear) {
    v.Add("period", "a settlement period is a QUARTER or a HALF_YEAR");
  }
  r.source = SourceFromProto(req.source());
  if (r.source == domain::FundingSource::kUnspecified) v.Add("source", "must be HRSS (人社) or UNION (工会)");
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return r;
}

absl::Status ReadCheckSettlementBatchRequest(const v1::CheckSettlementBatchRequest& req) {
  return CheckBatchStepRequest(req.batch_id(), domain::BatchCommand::kCheck, "");
}

absl::Status ReadApproveSettlementBatchRequest(const v1::ApproveSettlementBatchRequest& req) {
  return CheckBatchStepRequest(req.batch_id(), domain::BatchCommand::kApprove, "");
}

absl::Status ReadPaySettlementBatchRequest(const v1::PaySettlementBatchRequest& req) {
  return CheckBatchStepRequest(req.batch_id(), domain::BatchCommand::kPay, req.payment_reference());
}

absl::Status ReadCancelSettlementBatchRequest(const v1::CancelSettlementBatchRequest& req) {
  return CheckBatchStepRequest(req.batch_id(), domain::BatchCommand::kCancel, req.reason());
}

absl::Status ReadGetSettlementBatchRequest(const v1::GetSettlementBatchRequest& req) {
  if (req.batch_id().empty()) return domain::InvalidField("batch_id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<domain::Period> ReadGetMediatorStatementRequest(const v1::GetMediatorStatementRequest& req) {
  domain::FieldViolations v;
  RequireId(v, "mediator_id", req.mediator_id());
  const domain::Period period = CheckedPeriod(req.period(), "period", v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return period;
}

}  // namespace caitiao::services
