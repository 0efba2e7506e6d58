#include "services/mediation/mediation_work.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/cases/case_intake.h"
#include "services/common/ids.h"
#include "services/common/request_checks.h"
#include "services/docking/docking_deadlines.h"
#include "services/domain/case_events.h"
#include "services/domain/case_transitions.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_types.h"
#include "services/domain/document_rendering.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/documents.h"
#include "services/subsidy/accrual.h"
#include "storage/case_repository.h"
#include "storage/docking_repository.h"
#include "storage/mediation_repository.h"
#include "storage/room_repository.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

using domain::CaseCommand;
using domain::CaseState;


}  // namespace

absl::StatusOr<MediationCase> LockMediationCase(storage::Tx& tx, const CallContext& call, const std::string& case_id,
                                                const std::string& etag) {
  MediationCase mc;
  CAITIAO_ASSIGN_OR_RETURN(mc.c, GetCase(tx, call, case_id, /*lock=*/true));
  CAITIAO_RETURN_IF_ERROR(domain::CheckEtag(etag, mc.c.version));
  CAITIAO_ASSIGN_OR_RETURN(mc.d, storage::OpenDelegation(tx, mc.c.id));
  if (mc.d) {
    CAITIAO_ASSIGN_OR_RETURN(auto room, storage::FindRoom(tx, mc.d->room_id, /*lock=*/true));
    if (room) mc.room_name = room->name;
  }
  call.resource = absl::StrCat("cases/", mc.c.id);
  return mc;
}

absl::Status NeedDelegation(const MediationCase& mc) {
  if (!mc.d) return absl::InternalError(absl::StrCat("a ", domain::CaseStateName(mc.c.state), " case without an open delegation"));
  return absl::OkStatus();
}

int Applicants(const domain::CaseRecord& c) { return static_cast<int>(c.content.applicants.size()); }
int Respondents(const domain::CaseRecord& c) { return static_cast<int>(c.content.respondents.size()); }

absl::Status SaveWithRoomEvent(storage::Tx& tx, const CallContext& call, domain::CaseRecord& c, CaseState from,
                               const std::string& room_id, const char* kind, std::string summary) {
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  c.version += 1;
  auto event = MakeCaseEvent(call, c, kind, from, std::move(summary));
  event.room_id = room_id;
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  return storage::NotifyRoomQueue(tx, room_id);
}

namespace {

absl::StatusOr<domain::Agreement> LoadAgreement(storage::Tx& tx, const domain::CaseRecord& c,
                                                const std::string& agreement_id) {
  std::optional<domain::Agreement> a;
  if (agreement_id.empty() || storage::LooksLikeUuid(agreement_id)) {
    CAITIAO_ASSIGN_OR_RETURN(a, storage::FindAgreement(tx, c.id, agreement_id));
  }
  if (!a) {
    return agreement_id.empty()
               ? domain::Refuse(domain::reasons::kAgreementNotFound, "the case has no current agreement")
               : domain::NotFound("agreement", agreement_id, domain::reasons::kAgreementNotFound, "agreement_id");
  }
  return *std::move(a);
}

// The given agreement must be the case's current one.
absl::StatusOr<domain::Agreement> LoadNamedAgreement(storage::Tx& tx, const domain::CaseRecord& c,
                                                     const std::string& agreement_id) {
  if (agreement_id.empty()) return domain::InvalidField("agreement_id", "is required");
  return LoadAgreement(tx, c, agreement_id);
}

}  // namespace

absl::Status SucceedMediation(storage::Tx& tx, const CallContext& call, MediationCase& mc, domain::SuccessPath path) {
  domain::Delegation d = *mc.d;
  d.status = domain::DelegationStatus::kEnded;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateDelegation(tx, d));
  const CaseState from = mc.c.state;
  mc.c.state = CaseState::kMediated;
  mc.c.mediation_outcome = domain::SuccessOutcomeName(path);
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, mc.c));
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, mc.c.id, d.room_id, std::nullopt));
  mc.c.current_due.reset();
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, from, d.room_id, domain::events::kMediationSucceeded,
                                            absl::StrCat("path=", mc.c.mediation_outcome)));
  // The mediator's subsidy accrues with the success, in this transaction.
  return AccrueOutcome(tx, call, mc.c, d, domain::MediationFailure::kUnspecified);
}

absl::StatusOr<Changed<domain::MediationSession>> RecordSession(storage::Tx& tx, const CallContext& call,
                                                                NewSession request) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, request.case_id, request.etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kRecordSession));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  domain::MediationSession& s = request.session;
  // Parties come first among the attendees, in the request's order.
  domain::FieldViolations unknown;
  for (size_t i = 0; i < s.attendees.size(); ++i) {
    const std::string& a = s.attendees[i];
    const bool applicant = a.rfind("APPLICANT/", 0) == 0;
    if (!applicant && a.rfind("RESPONDENT/", 0) != 0) break;
    const int position = std::stoi(a.substr(a.find('/') + 1));
    if (position >= (applicant ? Applicants(mc.c) : Respondents(mc.c))) {
      unknown.Add(absl::StrCat("parties[", i, "]"), absl::StrCat("the case has no ", a));
    }
  }
  CAITIAO_RETURN_IF_ERROR(unknown.ToStatus());
  s.id = NewUuid();
  s.case_id = mc.c.id;
  s.delegation_id = mc.d->id;
  s.recorded_by = call.principal.id;
  s.record_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertSession(tx, s));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, mc.c.state, mc.d->room_id,
                                            domain::events::kSessionRecorded,
                                            absl::StrCat("attendees=", s.attendees.size())));
  return Changed<domain::MediationSession>{s, mc.c};
}

namespace {

// The last extension's due date, or the delegation's own.
std::optional<absl::CivilDay> DueAfter(const std::vector<domain::MediationExtension>& extensions,
                                       const domain::Delegation& d) {
  if (!extensions.empty()) return extensions.back().due;
  if (d.mediation_due) return d.mediation_due->due;
  return std::nullopt;
}

}  // namespace

absl::StatusOr<std::optional<absl::CivilDay>> CurrentMediationDue(storage::Tx& tx, const domain::Delegation& d) {
  CAITIAO_ASSIGN_OR_RETURN(auto extensions, storage::ListExtensions(tx, d.id));
  return DueAfter(extensions, d);
}

absl::StatusOr<Changed<domain::MediationExtension>> ExtendMediation(storage::Tx& tx, const CallContext& call,
                                                                    const ExtensionRequest& request) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, request.case_id, request.etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kExtendMediation));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  CAITIAO_ASSIGN_OR_RETURN(auto extensions, storage::ListExtensions(tx, mc.d->id));
  const std::optional<absl::CivilDay> current = DueAfter(extensions, *mc.d);
  if (!current) return absl::InternalError("a case in mediation without a mediation period");
  CAITIAO_ASSIGN_OR_RETURN(auto policy, PolicyInForce(tx, mc.c.region_code, domain::ChinaDay(call.now)));
  std::vector<std::string> parties;
  for (const auto& [label, evidence] : request.consents) parties.push_back(label);
  CAITIAO_RETURN_IF_ERROR(domain::DecideMediationExtension(mc.c.state, request.days,
                                                           static_cast<int>(extensions.size()), parties,
                                                           Applicants(mc.c), Respondents(mc.c), request.reason,
                                                           policy.policy));
  const int days = request.days;
  CAITIAO_ASSIGN_OR_RETURN(auto period, DockingDeadline(tx, mc.c.region_code, *current, [days](const auto&) {
                             return domain::DeadlineRule{domain::PeriodKind::kCalendarDays, days, true};
                           }));
  domain::MediationExtension e;
  e.id = NewUuid();
  e.case_id = mc.c.id;
  e.delegation_id = mc.d->id;
  e.previous_due = *current;
  e.days = days;
  e.due = period.deadline.due;
  e.calendar_versions = period.deadline.calendar_versions;
  e.provisional = period.deadline.provisional;
  e.policy_source = policy.source;
  for (const auto& [label, evidence] : request.consents) e.consents.push_back(absl::StrCat(label, "=", evidence));
  e.reason = request.reason;
  e.recorded_by = call.principal.id;
  e.record_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertExtension(tx, e));
  mc.c.current_due = e.due;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, mc.c.id, mc.d->room_id, e.due));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, mc.c.state, mc.d->room_id,
                                            domain::events::kMediationExtended,
                                            absl::StrCat("days=", days, " due=", absl::FormatCivilTime(e.due))));
  return Changed<domain::MediationExtension>{e, mc.c};
}

absl::StatusOr<std::vector<domain::MediationSession>> SessionsOf(storage::Tx& tx, const CallContext& call,
                                                                 const std::string& case_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  return storage::ListSessions(tx, c.id);
}

absl::StatusOr<Changed<domain::Agreement>> DraftAgreement(storage::Tx& tx, const CallContext& call,
                                                          const std::string& case_id, const std::string& etag,
                                                          const domain::AgreementDraft& draft) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, case_id, etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kDraftAgreement));
  CAITIAO_RETURN_IF_ERROR(
      domain::ValidateAgreementDraft(draft, Applicants(mc.c), Respondents(mc.c), domain::ChinaDay(call.now))
          .ToStatus());
  CAITIAO_ASSIGN_OR_RETURN(auto current, storage::FindAgreement(tx, mc.c.id));
  CAITIAO_RETURN_IF_ERROR(domain::DecideDraft(mc.c.state, current));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  domain::Agreement a;
  a.id = NewUuid();
  a.case_id = mc.c.id;
  a.delegation_id = mc.d->id;
  CAITIAO_ASSIGN_OR_RETURN(a.number, NextDocumentNumber(tx, call, mc.c, domain::DocumentKind::kMediationAgreement,
                                                        domain::kAgreementWord));
  a.terms = draft.terms;
  a.obligations = draft.obligations;
  for (size_t i = 0; i < a.obligations.size(); ++i) {
    a.obligations[i].position = static_cast<int>(i);
    if (a.obligations[i].kind == domain::ObligationKind::kMoney) a.total_fen += a.obligations[i].amount_fen;
  }
  a.drafted_by = call.principal.id;
  a.draft_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertAgreement(tx, a));
  mc.c.agreement_number = a.number;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, mc.c));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, mc.c.state, mc.d->room_id,
                                            domain::events::kAgreementDrafted,
                                            absl::StrCat("agreement=", a.number, " obligations=", a.obligations.size(),
                                                         " total_fen=", a.total_fen)));
  return Changed<domain::Agreement>{a, mc.c};
}

absl::StatusOr<Changed<domain::Agreement>> AgreementOf(storage::Tx& tx, const CallContext& call,
                                                       const std::string& case_id, const std::string& agreement_id) {
  CAITIAO_ASSIGN_OR_RETURN(domain::CaseRecord c, GetCase(tx, call, case_id));
  CAITIAO_ASSIGN_OR_RETURN(domain::Agreement a, LoadAgreement(tx, c, agreement_id));
  return Changed<domain::Agreement>{std::move(a), std::move(c)};
}

absl::StatusOr<Changed<domain::Agreement>> RecordSignature(storage::Tx& tx, const CallContext& call,
                                                           const std::string& case_id, const std::string& etag,
                                                           const std::string& agreement_id,
                                                           domain::SignatureItem item) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, case_id, etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kRecordSignature));
  CAITIAO_ASSIGN_OR_RETURN(domain::Agreement a, LoadNamedAgreement(tx, mc.c, agreement_id));
  CAITIAO_ASSIGN_OR_RETURN(auto decision,
                           domain::DecideSignature(mc.c.state, a, item.item, Applicants(mc.c), Respondents(mc.c)));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  item.recorded_by = call.principal.id;
  item.record_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertSignature(tx, a.id, item));
  a.signatures.push_back(item);
  const CaseState from = mc.c.state;
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, from, mc.d->room_id, domain::events::kSignatureRecorded,
                                            absl::StrCat("agreement=", a.number, " item=", item.item)));
  if (decision.takes_effect) {
    // The Law Art. 14: effective once the last item is on it.
    a.effective_time = call.now;
    CAITIAO_RETURN_IF_ERROR(storage::SetAgreementEffective(tx, a.id, call.now));
    CAITIAO_RETURN_IF_ERROR(IssueDocument(tx, call, domain::DocumentKind::kMediationAgreement, a.number, mc.c,
                                          mc.d->room_id, domain::RenderAgreement(mc.c, a, mc.room_name))
                                .status());
    mc.c.state = decision.next;
    mc.c.current_due.reset();
    CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, mc.c.id, mc.d->room_id, std::nullopt));
    CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, from, mc.d->room_id, domain::events::kAgreementEffective,
                                              absl::StrCat("agreement=", a.number, " agreed_fen=", a.total_fen)));
  }
  return Changed<domain::Agreement>{a, mc.c};
}

absl::StatusOr<Changed<domain::Agreement>> VoidAgreement(storage::Tx& tx, const CallContext& call,
                                                         const std::string& case_id, const std::string& etag,
                                                         const std::string& agreement_id, const std::string& reason) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, case_id, etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kVoidAgreement));
  CAITIAO_ASSIGN_OR_RETURN(domain::Agreement a, LoadNamedAgreement(tx, mc.c, agreement_id));
  CAITIAO_RETURN_IF_ERROR(domain::DecideVoid(mc.c.state, a));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  a.void_time = call.now;
  a.void_reason = reason;
  a.voided_by = call.principal.id;
  CAITIAO_RETURN_IF_ERROR(storage::VoidAgreement(tx, a));
  mc.c.agreement_number.clear();
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, mc.c));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(tx, call, mc.c, mc.c.state, mc.d->room_id, domain::events::kAgreementVoided,
                                            absl::StrCat("agreement=", a.number)));
  return Changed<domain::Agreement>{a, mc.c};
}

absl::StatusOr<std::vector<domain::Performance>> PerformancesOf(storage::Tx& tx, const domain::Agreement& agreement) {
  return storage::ListPerformances(tx, agreement.id);
}

absl::StatusOr<Changed<domain::Agreement>> RecordPerformance(storage::Tx& tx, const CallContext& call,
                                                             const std::string& case_id, const std::string& etag,
                                                             const std::string& agreement_id,
                                                             domain::Performance performance) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, case_id, etag));
  CAITIAO_RETURN_IF_ERROR(domain::CheckCommandAllowed(mc.c.state, CaseCommand::kRecordPerformance));
  CAITIAO_ASSIGN_OR_RETURN(domain::Agreement a, LoadNamedAgreement(tx, mc.c, agreement_id));
  CAITIAO_ASSIGN_OR_RETURN(auto so_far, storage::ListPerformances(tx, a.id));
  CAITIAO_ASSIGN_OR_RETURN(auto decision, domain::DecidePerformance(mc.c.state, a, Applicants(mc.c),
                                                                    Respondents(mc.c), so_far, performance));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  performance.id = NewUuid();
  performance.agreement_id = a.id;
  performance.recorded_by = call.principal.id;
  performance.record_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::InsertPerformance(tx, performance));
  CAITIAO_RETURN_IF_ERROR(SaveWithRoomEvent(
      tx, call, mc.c, mc.c.state, mc.d->room_id, domain::events::kPerformanceRecorded,
      absl::StrCat("agreement=", a.number, " obligation=", performance.obligation,
                   performance.act_done ? " act=done" : absl::StrCat(" amount_fen=", performance.amount_fen))));
  if (decision.success) CAITIAO_RETURN_IF_ERROR(SucceedMediation(tx, call, mc, *decision.success));
  return Changed<domain::Agreement>{a, mc.c};
}

absl::StatusOr<domain::CaseRecord> TerminateMediation(storage::Tx& tx, const CallContext& call,
                                                      const std::string& case_id, const std::string& etag,
                                                      domain::MediationFailure reason, const std::string& note) {
  CAITIAO_ASSIGN_OR_RETURN(MediationCase mc, LockMediationCase(tx, call, case_id, etag));
  domain::TerminationFacts facts;
  facts.state = mc.c.state;
  facts.reason = reason;
  facts.note = note;
  facts.today = domain::ChinaDay(call.now);
  if (mc.d) {
    facts.route = mc.d->route;
    CAITIAO_ASSIGN_OR_RETURN(facts.mediation_due, CurrentMediationDue(tx, *mc.d));
  }
  CAITIAO_ASSIGN_OR_RETURN(facts.agreement, storage::FindAgreement(tx, mc.c.id));
  if (facts.agreement) {
    CAITIAO_ASSIGN_OR_RETURN(facts.performances, storage::ListPerformances(tx, facts.agreement->id));
  }
  CAITIAO_ASSIGN_OR_RETURN(auto decision, domain::DecideTermination(facts));
  CAITIAO_RETURN_IF_ERROR(NeedDelegation(mc));
  CAITIAO_RETURN_IF_ERROR(ReturnToArbitration(tx, call, mc.c, *mc.d, reason, note, decision));
  return mc.c;
}

absl::Status ReturnToArbitration(storage::Tx& tx, const CallContext& call, domain::CaseRecord& c,
                                 domain::Delegation d, domain::MediationFailure reason, const std::string& note,
                                 const domain::ReturnDecision& decision) {
  CAITIAO_ASSIGN_OR_RETURN(auto sessions, storage::ListSessions(tx, c.id));
  CAITIAO_ASSIGN_OR_RETURN(const std::string number,
                           NextDocumentNumber(tx, call, c, domain::DocumentKind::kReplyLetter,
                                              domain::kReplyLetterWord));
  CAITIAO_RETURN_IF_ERROR(IssueDocument(tx, call, domain::DocumentKind::kReplyLetter, number, c, d.room_id,
                                        domain::RenderReplyLetter(c, d, number, reason, note, sessions, call.now))
                              .status());
  d.status = domain::DelegationStatus::kEnded;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateDelegation(tx, d));
  const std::string why = absl::StrCat("mediation ended: ", domain::MediationFailureName(reason));
  CAITIAO_RETURN_IF_ERROR(storage::SpendConsents(tx, c.id, call.now, why, call.principal.id));
  // Before filing, the commission must now decide acceptance; after filing
  // the hearing proceeds on the arbitration clock, which never stopped.
  std::optional<absl::CivilDay> due;
  if (decision.acceptance_decision_due) {
    CAITIAO_ASSIGN_OR_RETURN(auto deadline,
                             DockingDeadline(tx, c.region_code, domain::ChinaDay(call.now),
                                             [](const domain::DeadlinePolicy& p) {
                                               return domain::DeadlineRule{domain::PeriodKind::kWorkingDays,
                                                                           p.acceptance_decision_working_days, false};
                                             }));
    due = deadline.deadline.due;
  }
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseDelegation(tx, c.id, "", due));
  c.current_due = due;
  c.delegated_room_id.clear();
  const CaseState from = c.state;
  c.state = decision.next;
  c.mediation_outcome = domain::kFailedOutcome;
  c.failure_reason = domain::MediationFailureName(reason);
  c.returned_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::SetCaseOutcome(tx, c));
  c.update_time = call.now;
  CAITIAO_RETURN_IF_ERROR(storage::UpdateCase(tx, c, /*content_changed=*/false));
  // The substance moves too: the old assessment no longer holds.
  CAITIAO_ASSIGN_OR_RETURN(c.version, storage::BumpCaseVersion(tx, c.id, call.now));
  c.substance_version += 1;
  auto event = MakeCaseEvent(call, c, domain::events::kMediationFailed, from,
                             absl::StrCat("reason=", c.failure_reason, " reply_letter=", number,
                                          " sessions=", sessions.size()));
  event.room_id = d.room_id;
  CAITIAO_RETURN_IF_ERROR(storage::AppendCaseEvent(tx, event).status());
  // A failure writes its ledger entry too (paid only if the standard says so).
  CAITIAO_RETURN_IF_ERROR(AccrueOutcome(tx, call, c, d, reason));
  return storage::NotifyRoomQueue(tx, d.room_id);
}

}  // namespace caitiao::services
