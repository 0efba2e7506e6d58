#include "services/cases/case_proto.h"

#include "services/common/proto_time.h"
#include "services/domain/case_masking.h"
#include "services/domain/case_update.h"
#include "services/domain/mediation_outcome.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using domain::Party;

Party PartyFromProto(const v1::Party& p) {
  Party out;
  out.kind = static_cast<domain::PartyKind>(p.kind());
  out.name = p.name();
  out.resident_id_number = p.resident_id_number();
  out.unified_social_credit_code = p.unified_social_credit_code();
  if (p.has_other_identity_document()) {
    out.other_identity_document =
        domain::OtherIdentityDocument{p.other_identity_document().kind(), p.other_identity_document().number()};
  }
  out.phone = p.phone();
  out.address = p.address();
  for (const auto& a : p.agents()) {
    out.agents.push_back(domain::Agent{a.name(), static_cast<domain::AgentKind>(a.kind()), a.phone()});
  }
  return out;
}

void PartyToProto(const Party& p, v1::Party* out) {
  out->set_kind(static_cast<v1::PartyKind>(p.kind));
  out->set_name(p.name);
  out->set_resident_id_number(p.resident_id_number);
  out->set_unified_social_credit_code(p.unified_social_credit_code);
  if (p.other_identity_document) {
    out->mutable_other_identity_document()->set_kind(p.other_identity_document->kind);
    out->mutable_other_identity_document()->set_number(p.other_identity_document->number);
  }
  out->set_phone(p.phone);
  out->set_address(p.address);
  for (const auto& a : p.agents) {
    auto* agent = out->add_agents();
    agent->set_name(a.name);
    agent->set_kind(static_cast<v1::AgentKind>(a.kind));
    agent->set_phone(a.phone);
  }
}

}  // namespace

domain::CaseContent ContentFromProto(const v1::Case& c, domain::FieldViolations* problems) {
  domain::CaseContent out;
  for (const auto& p : c.applicants()) out.applicants.push_back(PartyFromProto(p));
  for (const auto& p : c.respondents()) out.respondents.push_back(PartyFromProto(p));
  for (const auto& claim : c.claims()) {
    domain::Claim cl;
    cl.dispute_type = static_cast<domain::DisputeType>(claim.dispute_type());
    cl.description = claim.description();
    if (claim.has_amount_fen()) cl.amount_fen = claim.amount_fen();
    out.claims.push_back(std::move(cl));
  }
  out.facts_and_reasons = c.facts_and_reasons();
  out.application_date =
      DayFromProto(c.application_date(), c.has_application_date(), "case.application_date", problems);
  return out;
}

void CaseToProto(const domain::CaseRecord& c, v1::Case* out) {
  out->set_id(c.id);
  out->set_case_number(c.case_number);
  out->set_commission_id(c.commission_id);
  out->set_region_code(c.region_code);
  out->set_state(static_cast<v1::CaseState>(c.state));
  for (const auto& p : c.content.applicants) PartyToProto(p, out->add_applicants());
  for (const auto& p : c.content.respondents) PartyToProto(p, out->add_respondents());
  for (const auto& cl : c.content.claims) {
    auto* claim = out->add_claims();
    claim->set_dispute_type(static_cast<v1::DisputeType>(cl.dispute_type));
    claim->set_description(cl.description);
    if (cl.amount_fen) claim->set_amount_fen(*cl.amount_fen);
  }
  out->set_facts_and_reasons(c.content.facts_and_reasons);
  ToProto(c.content.application_date, out->mutable_application_date());
  ToProto(c.receive_time, out->mutable_receive_time());
  ToProto(c.update_time, out->mutable_update_time());
  out->set_etag(domain::EtagOf(c.version));
  out->set_withdrawal_reason(c.withdrawal_reason);
  out->set_delegated_room_id(c.delegated_room_id);
  if (c.current_due) ToProto(*c.current_due, out->mutable_current_due());
  out->set_mediation_outcome(c.mediation_outcome);
  if (auto f = domain::MediationFailureFromName(c.failure_reason)) {
    out->set_failure_reason(static_cast<v1::MediationFailure>(*f));
  }
  if (c.returned_time) ToProto(*c.returned_time, out->mutable_return_time());
  if (auto m = domain::ClosingMannerFromName(c.closing_manner)) {
    out->set_closing_manner(static_cast<v1::ClosingManner>(*m));
  }
  out->set_closing_note(c.closing_note);
  out->set_agreement_number(c.agreement_number);
  out->set_arbitral_document_number(c.arbitral_document_number);
}

void MaskedCaseToProto(domain::CaseRecord c, v1::Case* out) {
  domain::MaskPersonalData(c.content);
  CaseToProto(c, out);
  out->set_personal_data_masked(true);
}

void ReportingCaseToProto(domain::CaseRecord c, v1::Case* out) {
  domain::MaskForReporting(c);
  CaseToProto(c, out);
  out->set_personal_data_masked(true);
}

void EventToProto(const domain::CaseEvent& e, v1::CaseEvent* out) {
  out->set_sequence(e.sequence);
  out->set_case_id(e.case_id);
  out->set_kind(e.kind);
  out->set_from_state(static_cast<v1::CaseState>(e.from_state));
  out->set_to_state(static_cast<v1::CaseState>(e.to_state));
  out->set_actor(e.actor);
  out->set_actor_role(e.actor_role);
  ToProto(e.occur_time, out->mutable_occur_time());
  out->set_summary(e.summary);
  out->set_request_id(e.request_id);
}

}  // namespace caitiao::services
