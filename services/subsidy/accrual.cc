#include "services/subsidy/accrual.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/domain/case_events.h"
#include "services/domain/china_time.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/subsidy/subsidy_admin.h"
#include "services/domain/subsidy_accrual.h"
#include "services/domain/subsidy_period.h"
#include "storage/case_repository.h"
#include "storage/room_repository.h"
#include "storage/subsidy_repository.h"

namespace caitiao::services {
namespace {

int WorkerApplicants(const domain::CaseRecord& c) {
  int n = 0;
  for (const auto& p : c.content.applicants) n += p.kind == domain::PartyKind::kWorker ? 1 : 0;
  return n;
}

}  // namespace

absl::Status AccrueOutcome(storage::Tx& tx, const CallContext& call, const domain::CaseRecord& c,
                           const domain::Delegation& d, domain::MediationFailure failure) {
  if (d.mediator_id.empty()) return absl::OkStatus();
  CAITIAO_ASSIGN_OR_RETURN(const auto mediator, storage::FindMediator(tx, d.mediator_id, /*lock=*/false));
  if (!mediator) return absl::InternalError(absl::StrCat("the case's mediator ", d.mediator_id, " vanished"));
  const absl::CivilDay day = domain::ChinaDay(call.now);
  CAITIAO_ASSIGN_OR_RETURN(const auto standard, FindStandardInForce(tx, c.region_code, day));
  domain::AccrualFacts facts;
  facts.succeeded = c.mediation_outcome != domain::kFailedOutcome;
  facts.failure = failure;
  facts.outcome_day = day;
  CAITIAO_ASSIGN_OR_RETURN(facts.designated, storage::CaseTierDesignation(tx, c.id));
  facts.worker_applicants = WorkerApplicants(c);
  facts.standard = standard ? &*standard : nullptr;
  facts.mediator = {mediator->established_civil_servant, mediator->certificate_expiry, mediator->term_start,
                    mediator->term_end};
  CAITIAO_ASSIGN_OR_RETURN(facts.sessions, storage::SessionsOfDelegation(tx, d.id));
  const domain::Accrual accrual = domain::DecideAccrual(facts);

  domain::LedgerEntry e;
  e.id = NewUuid();
  e.kind = domain::LedgerEntryKind::kAccrual;
  e.case_id = c.id;
  e.case_number = c.case_number;
  e.delegation_id = d.id;
  e.region_code = c.region_code;
  e.commission_id = c.commission_id;
  e.room_id = d.room_id;
  e.mediator_id = d.mediator_id;
  e.outcome = c.mediation_outcome;
  e.failure = facts.succeeded ? domain::MediationFailure::kUnspecified : failure;
  e.outcome_time = call.now;
  e.period_day = day;
  e.tier = accrual.tier;
  e.amount_fen = accrual.amount_fen;
  e.standard_id = accrual.standard_id;
  e.rule = accrual.rule;
  e.no_subsidy = accrual.no_subsidy;
  e.created_by = call.principal.id;
  e.create_time = call.now;
  CAITIAO_ASSIGN_OR_RETURN(const auto sequence, storage::AppendLedgerEntry(tx, e));
  if (!sequence) {
    return domain::Refuse(domain::reasons::kConcurrentUpdate,
                          "this mediation's outcome was already recorded by another request; re-read the case");
  }
  std::string summary = absl::StrCat("entry=", e.id, " tier=", domain::SubsidyTierName(e.tier),
                                     " amount_fen=", e.amount_fen);
  if (e.no_subsidy != domain::NoSubsidy::kNone) absl::StrAppend(&summary, " no_subsidy=", domain::NoSubsidyName(e.no_subsidy));
  auto event = MakeCaseEvent(call, c, domain::events::kSubsidyAccrued, c.state, std::move(summary));
  event.room_id = d.room_id;
  return storage::AppendCaseEvent(tx, event).status();
}

}  // namespace caitiao::services
