#include "services/docking/docking_proto.h"

#include "services/common/proto_time.h"
#include "services/domain/case_update.h"

namespace caitiao::services {

namespace v1 = caitiao::v1;

void ConsentToProto(const domain::ConsentRecord& c, v1::ConsentRecord* out) {
  out->set_id(c.id);
  out->set_case_id(c.case_id);
  out->mutable_party()->set_side(static_cast<v1::PartySide>(c.side));
  out->mutable_party()->set_position(c.position);
  out->set_form(static_cast<v1::ConsentForm>(c.form));
  ToProto(c.given, out->mutable_give_time());
  out->set_evidence_ref(c.evidence_ref);
  out->set_recorded_by(c.recorded_by);
  if (c.withdrawn) ToProto(*c.withdrawn, out->mutable_withdraw_time());
  out->set_withdrawal_reason(c.withdrawal_reason);
  out->set_withdrawn_by(c.withdrawn_by);
}

void AssessmentToProto(const domain::EligibilityAssessmentRecord& a, v1::EligibilityAssessment* out) {
  out->set_id(a.id);
  out->set_case_id(a.case_id);
  out->set_case_etag(domain::EtagOf(a.case_version));
  out->set_eligible(a.result.eligible);
  for (const auto& c : a.result.criteria) {
    auto* p = out->add_criteria();
    p->set_code(c.code);
    p->set_passed(c.passed);
    p->set_explanation(c.explanation);
  }
  for (const auto& w : a.result.warnings) {
    auto* p = out->add_warnings();
    p->set_code(w.code);
    p->set_text(w.text);
  }
  out->set_respondent_contests_labor_relationship(a.respondent_contests_labor_relationship);
  out->set_contest_cleared_reason(a.contest_cleared_reason);
  out->set_contest_cleared_evidence_ref(a.contest_cleared_evidence_ref);
  if (a.infringement_date) ToProto(*a.infringement_date, out->mutable_infringement_date());
  out->set_assessed_by(a.assessed_by);
  ToProto(a.assess_time, out->mutable_assess_time());
}

void DeadlineToProto(const domain::Deadline& d, const std::string& policy_source, v1::Deadline* out) {
  ToProto(d.start, out->mutable_start());
  ToProto(d.due, out->mutable_due());
  out->set_length(d.rule.length);
  out->set_kind(domain::PeriodKindName(d.rule.kind));
  out->set_calendar_versions(d.calendar_versions);
  out->set_provisional(d.provisional);
  out->set_policy_source(policy_source);
}

void DelegationToProto(const domain::Delegation& d, v1::Delegation* out) {
  out->set_id(d.id);
  out->set_case_id(d.case_id);
  out->set_room_id(d.room_id);
  out->set_route(static_cast<v1::DelegationRoute>(d.route));
  out->set_status(static_cast<v1::DelegationStatus>(d.status));
  out->set_letter_number(d.letter_number);
  out->set_reason(d.reason);
  out->set_delegated_by(d.delegated_by);
  ToProto(d.delegate_time, out->mutable_delegate_time());
  DeadlineToProto(d.acceptance_due, d.acceptance_policy, out->mutable_acceptance_due());
  out->set_mediator_id(d.mediator_id);
  out->set_accepted_by(d.accepted_by);
  if (d.accept_time) ToProto(*d.accept_time, out->mutable_accept_time());
  if (d.mediation_due) DeadlineToProto(*d.mediation_due, d.mediation_policy, out->mutable_mediation_due());
  out->set_declined_by(d.declined_by);
  if (d.decline_time) ToProto(*d.decline_time, out->mutable_decline_time());
  out->set_decline_reason(d.decline_reason);
}

void ProposalToProto(const domain::RoomCandidate& c, v1::RoomProposal* out) {
  out->set_room_id(c.room.id);
  out->set_room_name(c.room.name);
  out->set_region_code(c.room.region_code);
  out->set_rank(c.rank);
  out->set_available(c.available);
  out->set_open_cases(c.room.open_cases);
  out->set_capacity(c.room.capacity);
  for (const auto& r : c.reasons) out->add_reasons(r);
}

}  // namespace caitiao::services
