#include "services/mediation/mediation_proto.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/domain/case_update.h"
#include "services/domain/docking_types.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

void PartyToProto(domain::PartySide side, int position, v1::PartyRef* out) {
  out->set_side(static_cast<v1::PartySide>(side));
  out->set_position(position);
}

}  // namespace

void SessionToProto(const domain::MediationSession& s, v1::MediationSession* out) {
  out->set_id(s.id);
  out->set_case_id(s.case_id);
  ToProto(s.held, out->mutable_held_time());
  out->set_online(s.online);
  out->set_place(s.place);
  for (const auto& a : s.attendees) {
    if (a == "MEDIATOR") {
      out->set_mediator_present(true);
    } else if (a.rfind("AGENT:", 0) == 0) {
      out->add_agent_names(a.substr(6));
    } else {
      const auto slash = a.find('/');
      auto* p = out->add_parties();
      p->set_side(a.substr(0, slash) == "APPLICANT" ? v1::PARTY_SIDE_APPLICANT : v1::PARTY_SIDE_RESPONDENT);
      p->set_position(slash == std::string::npos ? 0 : std::stoi(a.substr(slash + 1)));
    }
  }
  out->set_summary(s.summary);
  out->set_recorded_by(s.recorded_by);
  ToProto(s.record_time, out->mutable_record_time());
}

domain::AgreementDraft DraftFromProto(const v1::DraftAgreementRequest& req, domain::FieldViolations* problems) {
  domain::AgreementDraft draft;
  draft.terms = req.terms();
  for (int i = 0; i < req.obligations_size(); ++i) {
    const v1::Obligation& o = req.obligations(i);
    domain::Obligation ob;
    ob.obligor_side = static_cast<domain::PartySide>(o.obligor().side());
    ob.obligor_position = o.obligor().position();
    ob.obligee_side = static_cast<domain::PartySide>(o.obligee().side());
    ob.obligee_position = o.obligee().position();
    ob.kind = o.kind() == v1::OBLIGATION_KIND_MONEY ? domain::ObligationKind::kMoney
              : o.kind() == v1::OBLIGATION_KIND_ACT ? domain::ObligationKind::kAct
                                                    : domain::ObligationKind::kUnspecified;
    ob.amount_fen = o.amount_fen();
    ob.description = o.description();
    ob.due = DayFromProto(o.due_date(), o.has_due_date(), absl::StrCat("obligations[", i, "].due_date"), problems);
    draft.obligations.push_back(std::move(ob));
  }
  return draft;
}

void AgreementToProto(const domain::Agreement& a, const std::vector<domain::Performance>& performances,
                      const domain::CaseRecord& c, v1::Agreement* out) {
  out->set_id(a.id);
  out->set_case_id(a.case_id);
  out->set_number(a.number);
  out->set_terms(a.terms);
  for (const auto& o : a.obligations) {
    auto* p = out->add_obligations();
    p->set_position(o.position);
    PartyToProto(o.obligor_side, o.obligor_position, p->mutable_obligor());
    PartyToProto(o.obligee_side, o.obligee_position, p->mutable_obligee());
    p->set_kind(o.kind == domain::ObligationKind::kAct ? v1::OBLIGATION_KIND_ACT : v1::OBLIGATION_KIND_MONEY);
    p->set_amount_fen(o.amount_fen);
    p->set_description(o.description);
    ToProto(o.due, p->mutable_due_date());
    p->set_performed_fen(domain::PerformedOf(performances, o.position));
    p->set_performed(domain::IsObligationPerformed(o, performances));
  }
  out->set_total_fen(a.total_fen);
  out->set_drafted_by(a.drafted_by);
  ToProto(a.draft_time, out->mutable_draft_time());
  for (const auto& s : a.signatures) {
    auto* p = out->add_signatures();
    p->set_item(s.item);
    p->set_form(static_cast<v1::SignatureForm>(s.form));
    ToProto(s.signed_time, p->mutable_sign_time());
    p->set_evidence_ref(s.evidence_ref);
    p->set_recorded_by(s.recorded_by);
    ToProto(s.record_time, p->mutable_record_time());
  }
  if (!a.void_time) {
    for (const auto& item : domain::MissingSignatureItems(a, static_cast<int>(c.content.applicants.size()),
                                                          static_cast<int>(c.content.respondents.size()))) {
      out->add_missing_signatures(item);
    }
  }
  if (a.effective_time) ToProto(*a.effective_time, out->mutable_effective_time());
  if (a.void_time) ToProto(*a.void_time, out->mutable_void_time());
  out->set_void_reason(a.void_reason);
  out->set_case_state(static_cast<v1::CaseState>(c.state));
  out->set_case_etag(domain::EtagOf(c.version));
}

void DocumentToProto(const domain::Document& d, v1::Document* out) {
  out->set_id(d.id);
  out->set_kind(static_cast<v1::DocumentKind>(d.kind));
  out->set_number(d.number);
  out->set_case_id(d.case_id);
  out->set_issuer(d.issuer);
  out->set_issued_by(d.issued_by);
  ToProto(d.issue_time, out->mutable_issue_time());
  out->set_rendering(d.rendering);
  out->set_sha256(d.sha256);
}

}  // namespace caitiao::services
