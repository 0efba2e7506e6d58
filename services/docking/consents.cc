#include "services/docking/consents.h"

#include "absl/strings/str_cat.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/common/request_checks.h"
#include "services/domain/case_events.h"
#include "services/domain/case_transitions.h"
#include "services/domain/errors.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/mediation_work.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/room_repository.h"

namespace caitiao::services {
namespace {

// Clocks of clients and server differ a little; a consent "now" is not "future".

absl::Status ConsentNotFound(const std::string& id) {
  return domain::WithFields(
      domain::WithReason(absl::NotFoundError(absl::StrCat("no consent with id ", domain::QuoteForMessage(id))),
                         domain::reasons::kConsentNotFound),
      {{"consent_id", "no such consent"}});
}

}  // namespace

std::vector<std::string> PartyIds(const domain::CaseRecord& c, domain::PartySide side) {
  const auto& parties = side == domain::PartySide::kApplicant ? c.content.applicants : c.content.respondents;
  std::vector<std::string> ids;
  for (size_t i = 0; i < parties.size(); ++i) ids.push_back(domain::PartyId(side, static_cast<int>(i)));
  return ids;
}

absl::StatusOr<domain::ConsentRecord> RecordConsent(storage::Tx& tx, const CallContext& call,
                                                    const NewConsent& consent) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, consent.case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(c.state, domain::CaseCommand::kRecordConsent));
  const size_t parties = consent.side == domain::PartySide::kApplicant ? c.content.applicants.size()
                                                                       : c.content.respondents.size();
  if (static_cast<size_t>(consent.position) >= parties) {
    return domain::InvalidField("party.position", absl::StrCat("the case has ", parties, " ",
                                                               domain::PartySideName(consent.side),
                                                               " parties (positions from 0)"));
  }
  domain::ConsentRecord r;
  r.id = NewUuid();
  r.case_id = c.id;
  r.side = consent.side;
  r.position = consent.position;
  r.form = consent.form;
  r.given = consent.given.value_or(call.now);
  r.evidence_ref = consent.evidence_ref;
  r.recorded_by = call.principal.id;
  r.record_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertConsent(tx, r));
  CAITIAO_RETURN_IF_ERROR(storage::BumpCaseVersion(tx, c.id, call.now).status());
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(
                              tx, MakeCaseEvent(call, c, domain::events::kConsentRecorded, c.state,
                                                absl::StrCat("party=", domain::PartyLabel(r.side, r.position),
                                                             " form=", domain::ConsentFormName(r.form))))
                              .status());
  return r;
}

absl::StatusOr<domain::ConsentRecord> WithdrawConsent(storage::Tx& tx, const CallContext& call,
                                                      const std::string& consent_id, const std::string& reason,
                                                      const std::optional<absl::Time>& when) {
  CAITIAO_ASSIGN_OR_RETURN(auto found, storage::FindConsent(tx, consent_id, /*lock=*/true));
  if (!found) return ConsentNotFound(consent_id);
  // The consent is visible only through its case, in the caller's scope.
  auto c = GetCase(tx, call, found->case_id, /*lock=*/true);
  if (c.status().code() == absl::StatusCode::kNotFound) return ConsentNotFound(consent_id);
  CAITIAO_RETURN_IF_ERROR(c.status());
  if (found->withdrawn) {
    return domain::WithReason(absl::FailedPreconditionError("this consent was already withdrawn"),
                              domain::reasons::kConsentWithdrawn);
  }
  // A consent withdrawn while the case is the room's ends mediation.
  CAITIAO_ASSIGN_OR_RETURN(auto open, storage::OpenDelegation(tx, c->id));
  const domain::DelegationRoute route = open ? open->route : domain::DelegationRoute::kUnspecified;
  CAITIAO_ASSIGN_OR_RETURN(auto ends, domain::DecideConsentWithdrawal(c->state, route));
  found->withdrawn = when.value_or(call.now);
  found->withdrawal_reason = reason;
  found->withdrawn_by = call.principal.id;
  CAITIAO_RETURN_IF_ERROR(storage::MarkConsentWithdrawn(tx, *found));
  CAITIAO_ASSIGN_OR_RETURN(c->version, storage::BumpCaseVersion(tx, c->id, call.now));
  CAITIAO_RETURN_IF_ERROR(
      storage::AppendCaseEvent(tx, MakeCaseEvent(call, *c, domain::events::kConsentWithdrawn, c->state,
                                                 absl::StrCat("party=", domain::PartyLabel(found->side, found->position))))
          .status());
  if (ends) {
    if (!open) return absl::InternalError("a case in mediation without an open delegation");
    CAITIAO_RETURN_IF_ERROR(storage::FindRoom(tx, open->room_id, /*lock=*/true).status());
    CAITIAO_RETURN_IF_ERROR(ReturnToArbitration(tx, call, *c, *open, domain::MediationFailure::kConsentWithdrawn,
                                                reason, *ends));
  }
  return *found;
}

absl::StatusOr<std::vector<domain::ConsentRecord>> ListConsents(storage::Tx& tx, const CallContext& call,
                                                                const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  return storage::ListConsents(tx, c.id);
}

}  // namespace caitiao::services
