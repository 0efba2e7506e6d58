#include "services/mediation/mediation_requests.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/request_checks.h"
#include "services/domain/case_update.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_types.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "services/mediation/mediation_proto.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr int kMaxAgents = 20;

}  // namespace

absl::Status CheckNewSession(absl::Time now, const NewSession& r) {
  domain::FieldViolations v;
  if (r.case_id.empty()) v.Add("case_id", "is required");
  if (r.etag.empty()) v.Add("etag", "is required: send the etag of the case as you read it");
  if (r.session.held > now + kClockSkew) v.Add("held_time", "must not be in the future");
  if (auto p = domain::TextProblem(r.session.place, 1, 200)) v.Add("place", *p);
  if (auto p = domain::TextProblem(r.session.summary, 1, 5000, /*multiline=*/true)) v.Add("summary", *p);
  return v.ToStatus();
}

absl::StatusOr<NewSession> ReadRecordSessionRequest(const v1::RecordSessionRequest& req, absl::Time now) {
  NewSession request;
  request.case_id = req.case_id();
  request.etag = req.etag();
  domain::MediationSession& s = request.session;
  s.held = req.has_held_time() ? TimeFromProto(req.held_time()) : now;
  s.online = req.online();
  s.place = req.place();
  s.summary = req.summary();
  domain::FieldViolations v;
  for (int i = 0; i < req.parties_size(); ++i) {
    const auto& p = req.parties(i);
    if (!IsPartyRef(p)) {
      v.Add(absl::StrCat("parties[", i, "]"), "must name a party: APPLICANT or RESPONDENT and a position from 0");
      continue;
    }
    s.attendees.push_back(domain::PartyLabel(static_cast<domain::PartySide>(p.side()), p.position()));
  }
  if (req.mediator_present()) s.attendees.push_back("MEDIATOR");
  if (req.agent_names_size() > kMaxAgents) v.Add("agent_names", "at most 20 agents");
  for (int i = 0; i < req.agent_names_size() && i < kMaxAgents; ++i) {
    if (auto p = domain::TextProblem(req.agent_names(i), 1, 50)) {
      v.Add(absl::StrCat("agent_names[", i, "]"), *p);
    } else {
      s.attendees.push_back(absl::StrCat("AGENT:", req.agent_names(i)));
    }
  }
  if (absl::Status problems = CheckNewSession(now, request); !problems.ok()) {
    for (const auto& f : domain::FieldsOf(problems)) v.Add(f.field, f.description);
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return request;
}

absl::Status ReadListSessionsRequest(const v1::ListSessionsRequest& req) {
  if (req.case_id().empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<ExtensionRequest> ReadExtendMediationRequest(const v1::ExtendMediationRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  if (req.days() < 1) v.Add("days", "must be at least 1 calendar day");
  ExtensionRequest request{req.case_id(), req.etag(), req.days(), {}, req.reason()};
  for (int i = 0; i < req.consents_size(); ++i) {
    const auto& consent = req.consents(i);
    const std::string at = absl::StrCat("consents[", i, "]");
    if (!IsPartyRef(consent.party())) {
      v.Add(at + ".party", "must name a party: APPLICANT or RESPONDENT and a position from 0");
      continue;
    }
    if (auto p = domain::TextProblem(consent.evidence_ref(), 1, 200)) v.Add(at + ".evidence_ref", *p);
    request.consents.emplace_back(
        domain::PartyLabel(static_cast<domain::PartySide>(consent.party().side()), consent.party().position()),
        consent.evidence_ref());
  }
  if (auto p = domain::TextProblem(req.reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return request;
}

absl::StatusOr<domain::AgreementDraft> ReadDraftAgreementRequest(const v1::DraftAgreementRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  domain::AgreementDraft draft = DraftFromProto(req, &v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return draft;
}

absl::Status ReadGetAgreementRequest(const v1::GetAgreementRequest& req) {
  if (req.case_id().empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<domain::SignatureItem> ReadRecordSignatureRequest(const v1::RecordSignatureRequest& req,
                                                                 absl::Time now) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  if (req.agreement_id().empty()) v.Add("agreement_id", "is required");
  if (req.item().empty()) v.Add("item", "is required: APPLICANT/<n>, RESPONDENT/<n>, MEDIATOR or ROOM_SEAL");
  if (req.form() < v1::SIGNATURE_FORM_SIGNATURE || req.form() > v1::SIGNATURE_FORM_ELECTRONIC) {
    v.Add("form", "must be SIGNATURE, SEAL, FINGERPRINT or ELECTRONIC");
  }
  domain::SignatureItem item;
  item.item = req.item();
  item.form = static_cast<domain::SignatureForm>(req.form());
  item.signed_time = req.has_sign_time() ? TimeFromProto(req.sign_time()) : now;
  if (item.signed_time > now + kClockSkew) v.Add("sign_time", "must not be in the future");
  item.evidence_ref = req.evidence_ref();
  CheckEvidenceRef(item.evidence_ref, &v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return item;
}

absl::Status ReadVoidAgreementRequest(const v1::VoidAgreementRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  if (req.agreement_id().empty()) v.Add("agreement_id", "is required");
  if (auto p = domain::TextProblem(req.reason(), 1, 2000, /*multiline=*/true)) v.Add("reason", *p);
  return v.ToStatus();
}

absl::StatusOr<domain::Performance> ReadRecordPerformanceRequest(const v1::RecordPerformanceRequest& req,
                                                                 absl::Time now) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  if (req.agreement_id().empty()) v.Add("agreement_id", "is required");
  if (req.obligation() < 0) v.Add("obligation", "must be an obligation's position (from 0)");
  if (req.amount_fen() < 0) v.Add("amount_fen", "must not be negative");
  domain::Performance p;
  p.obligation = req.obligation();
  p.amount_fen = req.amount_fen();
  p.act_done = req.act_done();
  const absl::CivilDay today = domain::ChinaDay(now);
  p.performed_on = req.has_performed_on() ? DayFromProto(req.performed_on(), true, "performed_on", &v) : today;
  if (p.performed_on > today) v.Add("performed_on", "must not be in the future");
  p.evidence_ref = req.evidence_ref();
  CheckEvidenceRef(p.evidence_ref, &v);
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return p;
}

absl::StatusOr<domain::MediationFailure> ReadTerminateMediationRequest(const v1::TerminateMediationRequest& req) {
  domain::FieldViolations v;
  CheckCaseAndEtag(req.case_id(), req.etag(), &v);
  const auto reason = static_cast<domain::MediationFailure>(req.reason());
  if (!domain::MediationFailureFromName(domain::MediationFailureName(reason))) {
    v.Add("reason", "must be PERIOD_EXPIRED, PARTY_REFUSED, ROOM_TERMINATED or NOT_PERFORMED");
  }
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return reason;
}

}  // namespace caitiao::services
