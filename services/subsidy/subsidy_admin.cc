#include "services/subsidy/subsidy_admin.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/common/region_scope.h"
#include "services/domain/case_events.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/deadline_policy.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"
#include "services/domain/status_macros.h"
#include "services/domain/subsidy_period.h"
#include "services/domain/subsidy_standard.h"
#include "services/domain/text_rules.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/subsidy_repository.h"

namespace caitiao::services {
namespace {



}  // namespace

absl::StatusOr<domain::SubsidyStandard> CreateStandard(storage::Tx& tx, const CallContext& call,
                                                       domain::SubsidyStandard s) {
  CAITIAO_RETURN_IF_ERROR(RegionOfCaller(tx, call, s.region_code, "standard.region_code").status());
  CAITIAO_RETURN_IF_ERROR(storage::LockStandardRegion(tx, s.region_code));
  CAITIAO_ASSIGN_OR_RETURN(const auto existing, storage::StandardsOf(tx, {s.region_code}));
  CAITIAO_RETURN_IF_ERROR(domain::CheckSupersedes(existing, s));
  s.id = NewUuid();
  s.created_by = call.principal.id;
  s.create_time = call.now;
  call.resource = absl::StrCat("subsidy-standards/", s.id);
  CAITIAO_RETURN_IF_ERROR(storage::InsertStandard(tx, s));
  return s;
}

absl::StatusOr<std::optional<domain::SubsidyStandard>> FindStandardInForce(storage::Tx& tx,
                                                                           const std::string& region_code,
                                                                           absl::CivilDay day) {
  CAITIAO_ASSIGN_OR_RETURN(const auto versions, storage::StandardsOf(tx, domain::PolicyRegionChain(region_code)));
  const domain::SubsidyStandard* s = domain::StandardInForce(versions, region_code, day);
  if (s == nullptr) return std::optional<domain::SubsidyStandard>();
  return std::optional<domain::SubsidyStandard>(*s);
}

absl::StatusOr<domain::SubsidyStandard> StandardInForceFor(storage::Tx& tx, const std::string& region_code,
                                                           absl::CivilDay day) {
  CAITIAO_ASSIGN_OR_RETURN(auto s, FindStandardInForce(tx, region_code, day));
  if (!s) {
    return domain::Refuse(domain::reasons::kSubsidyStandardNotFound,
                          absl::StrCat("no subsidy standard is in force for ", region_code, " (or its city or "
                                       "province) on ", absl::FormatCivilTime(day)));
  }
  return *std::move(s);
}

absl::StatusOr<TierSet> SetCaseTier(storage::Tx& tx, const CallContext& call, const TierRequest& r) {
  call.resource = absl::StrCat("cases/", r.case_id);
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, r.case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(r.etag, c.version));
  CAITIAO_ASSIGN_OR_RETURN(const auto open, storage::OpenDelegation(tx, c.id));
  // Settable until the mediation has an outcome (again, once a returned case
  // is delegated anew).
  if (!c.mediation_outcome.empty() && !open) {
    return domain::Refuse(domain::reasons::kTierLocked,
                          absl::StrCat("the case's mediation ended (", c.mediation_outcome,
                                       "): the tier it was paid by is fixed"));
  }
  CAITIAO_ASSIGN_OR_RETURN(const domain::SubsidyTier before, storage::CaseTierDesignation(tx, c.id));
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseTierDesignation(tx, c.id, r.tier));
  CAITIAO_ASSIGN_OR_RETURN(c.version, storage::BumpCaseVersion(tx, c.id, call.now));
  auto event = MakeCaseEvent(call, c, domain::events::kTierDesignated, c.state,
                             absl::StrCat("tier=", domain::SubsidyTierName(r.tier), " was=",
                                          domain::SubsidyTierName(before), " reason=", r.reason));
  if (open) event.room_id = open->room_id;
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  return TierSet{r.tier, c.version};
}

absl::StatusOr<domain::LedgerEntry> ReverseEntry(storage::Tx& tx, const CallContext& call, const std::string& entry_id,
                                                 const std::string& reason) {
  call.resource = absl::StrCat("ledger-entries/", entry_id);
  // Reversals of one entry serialize on the settlement lock with batches.
  CAITIAO_RETURN_IF_ERROR(storage::LockSettlement(tx));
  CAITIAO_ASSIGN_OR_RETURN(auto entry, storage::FindLedgerEntry(tx, entry_id, domain::CaseScopeOf(call.principal)));
  if (!entry) return domain::NotFound("ledger entry", entry_id, domain::reasons::kLedgerEntryNotFound, "entry_id");
  CAITIAO_ASSIGN_OR_RETURN(const auto batch_status, storage::LiveBatchStatusOf(tx, entry->id));
  CAITIAO_RETURN_IF_ERROR(domain::CheckReversible(*entry, batch_status));
  domain::LedgerEntry r = domain::ReversalOf(*entry, domain::ChinaDay(call.now));
  r.id = NewUuid();
  r.reason = reason;
  r.created_by = call.principal.id;
  r.create_time = call.now;
  CAITIAO_ASSIGN_OR_RETURN(const auto sequence, storage::AppendLedgerEntry(tx, r));
  if (!sequence) return absl::InternalError("a reversal was taken for an accrual");
  r.sequence = *sequence;
  return r;
}

absl::StatusOr<domain::BudgetEntry> AddBudget(storage::Tx& tx, const CallContext& call, domain::BudgetEntry e) {
  CAITIAO_RETURN_IF_ERROR(RegionOfCaller(tx, call, e.region_code, "region_code").status());
  e.id = NewUuid();
  e.created_by = call.principal.id;
  e.create_time = call.now;
  call.resource = absl::StrCat("budgets/", e.region_code, "/", e.year);
  CAITIAO_RETURN_IF_ERROR(storage::InsertBudgetEntry(tx, e));
  return e;
}

absl::StatusOr<BudgetView> GetBudget(storage::Tx& tx, const CallContext& call, const std::string& region_code,
                                     int year) {
  CAITIAO_RETURN_IF_ERROR(RegionOfCaller(tx, call, region_code, "region_code").status());
  BudgetView view;
  CAITIAO_ASSIGN_OR_RETURN(view.entries, storage::BudgetEntriesOf(tx, region_code, year));
  for (auto source : {domain::FundingSource::kHrss, domain::FundingSource::kUnion}) {
    CAITIAO_ASSIGN_OR_RETURN(const auto line, storage::BudgetLineOf(tx, region_code, year, source));
    if (line.budgeted_fen != 0 || line.approved_fen != 0 || line.paid_fen != 0) view.lines.push_back(line);
  }
  return view;
}

}  // namespace caitiao::services
