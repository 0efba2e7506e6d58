#include "services/docking/docking_requests.h"

#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/request_checks.h"
#include "services/domain/case_transitions.h"
#include "services/domain/china_time.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;

constexpr char kQueueList[] = "room_queue";

domain::StaffDetermination DeterminationFrom(const v1::Determination& d) { return {d.passed(), d.explanation()}; }

absl::Status RequireCaseId(const std::string& id) {
  if (id.empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

absl::Status CheckReason(const std::string& reason) {
  if (auto p = domain::TextProblem(reason, 1, 2000, /*multiline=*/true)) return domain::InvalidField("reason", *p);
  return absl::OkStatus();
}

absl::Status CheckCaseAndEtag(const std::string& case_id, const std::string& etag) {
  domain::FieldViolations problems;
  if (case_id.empty()) problems.Add("case_id", "is required");
  if (etag.empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
  return problems.ToStatus();
}

}  // namespace

absl::Status CheckNewConsent(absl::Time now, const NewConsent& consent) {
  domain::FieldViolations problems;
  if (consent.case_id.empty()) problems.Add("case_id", "is required");
  if (consent.side != domain::PartySide::kApplicant && consent.side != domain::PartySide::kRespondent) {
    problems.Add("party.side", "must be APPLICANT or RESPONDENT");
  }
  if (consent.position < 0) problems.Add("party.position", "must not be negative");
  if (consent.form == domain::ConsentForm::kUnspecified || static_cast<int>(consent.form) > 3) {
    problems.Add("form", "must be WRITTEN, ORAL_ON_RECORD or ELECTRONIC");
  }
  if (auto p = domain::TextProblem(consent.evidence_ref, 1, 200)) problems.Add("evidence_ref", *p);
  if (consent.given && *consent.given > now + kClockSkew) problems.Add("give_time", "must not be in the future");
  return problems.ToStatus();
}

absl::Status CheckConsentWithdrawal(absl::Time now, const std::string& consent_id, const std::string& reason,
                                    const std::optional<absl::Time>& when) {
  domain::FieldViolations problems;
  if (consent_id.empty()) problems.Add("consent_id", "is required");
  if (auto p = domain::TextProblem(reason, 1, 2000, /*multiline=*/true)) problems.Add("reason", *p);
  if (when && *when > now + kClockSkew) problems.Add("withdraw_time", "must not be in the future");
  return problems.ToStatus();
}

absl::Status CheckDelegationRequest(const DelegationRequest& request) {
  domain::FieldViolations problems;
  if (request.case_id.empty()) problems.Add("case_id", "is required");
  if (request.etag.empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
  if (request.room_id.empty()) problems.Add("room_id", "is required (see ProposeRooms)");
  if (request.route != domain::DelegationRoute::kBeforeFiling && request.route != domain::DelegationRoute::kAfterFiling) {
    problems.Add("route", "must be BEFORE_FILING or AFTER_FILING");
  }
  if (auto p = domain::TextProblem(request.reason, 0, 2000, /*multiline=*/true)) problems.Add("reason", *p);
  return problems.ToStatus();
}

absl::StatusOr<std::string> RoomOf(const domain::Principal& caller, const std::string& requested) {
  if (caller.role == domain::Role::kRoomStaff) {
    const std::string& own = caller.scope.room_id;
    if (!requested.empty() && requested != own) return domain::RoomNotFound(requested);
    return own;
  }
  if (requested.empty()) return domain::InvalidField("room_id", "is required (room staff may leave it empty)");
  if (!storage::LooksLikeUuid(requested)) return domain::RoomNotFound(requested);
  return requested;
}

// ---- DockingService

absl::StatusOr<NewConsent> ReadRecordConsentRequest(const v1::RecordConsentRequest& req, absl::Time now) {
  NewConsent consent;
  consent.case_id = req.case_id();
  consent.side = static_cast<domain::PartySide>(req.party().side());
  consent.position = req.party().position();
  consent.form = static_cast<domain::ConsentForm>(req.form());
  consent.evidence_ref = req.evidence_ref();
  if (req.has_give_time()) consent.given = TimeFromProto(req.give_time());
  CAITIAO_RETURN_IF_ERROR(CheckNewConsent(now, consent));
  return consent;
}

absl::StatusOr<std::optional<absl::Time>> ReadWithdrawConsentRequest(const v1::WithdrawConsentRequest& req,
                                                                     absl::Time now) {
  std::optional<absl::Time> when;
  if (req.has_withdraw_time()) when = TimeFromProto(req.withdraw_time());
  CAITIAO_RETURN_IF_ERROR(CheckConsentWithdrawal(now, req.consent_id(), req.reason(), when));
  return when;
}

absl::Status ReadListConsentsRequest(const v1::ListConsentsRequest& req) { return RequireCaseId(req.case_id()); }

absl::StatusOr<StaffAssessment> ReadAssessEligibilityRequest(const v1::AssessEligibilityRequest& req) {
  StaffAssessment staff;
  staff.case_id = req.case_id();
  staff.etag = req.etag();
  staff.within_scope = DeterminationFrom(req.within_arbitration_scope());
  staff.acceptance_dispute_type = DeterminationFrom(req.acceptance_dispute_type());
  staff.acceptance_clear_claim = DeterminationFrom(req.acceptance_clear_claim());
  staff.acceptance_parties = DeterminationFrom(req.acceptance_parties());
  staff.acceptance_jurisdiction = DeterminationFrom(req.acceptance_jurisdiction());
  staff.suitable_for_mediation = DeterminationFrom(req.suitable_for_mediation());
  staff.respondent_contests_labor_relationship = req.respondent_contests_labor_relationship();
  staff.contest_cleared_reason = req.contest_cleared_reason();
  staff.contest_cleared_evidence_ref = req.contest_cleared_evidence_ref();
  domain::FieldViolations problems;
  if (req.case_id().empty()) problems.Add("case_id", "is required");
  if (req.etag().empty()) problems.Add("etag", "is required: send the etag of the case as you read it");
  if (req.has_infringement_date()) {
    staff.infringement_date = DayFromProto(req.infringement_date(), true, "infringement_date", &problems);
  }
  for (const auto& [field, d] : {std::pair{"within_arbitration_scope", &staff.within_scope},
                                 std::pair{"acceptance_dispute_type", &staff.acceptance_dispute_type},
                                 std::pair{"acceptance_clear_claim", &staff.acceptance_clear_claim},
                                 std::pair{"acceptance_parties", &staff.acceptance_parties},
                                 std::pair{"acceptance_jurisdiction", &staff.acceptance_jurisdiction},
                                 std::pair{"suitable_for_mediation", &staff.suitable_for_mediation}}) {
    if (auto p = domain::TextProblem(d->explanation, 0, 2000, /*multiline=*/true)) {
      problems.Add(absl::StrCat(field, ".explanation"), *p);
    }
  }
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  return staff;
}

absl::Status ReadGetEligibilityRequest(const v1::GetEligibilityRequest& req) { return RequireCaseId(req.case_id()); }

absl::Status ReadProposeRoomsRequest(const v1::ProposeRoomsRequest& req) { return RequireCaseId(req.case_id()); }

absl::StatusOr<DelegationRequest> ReadDelegateCaseRequest(const v1::DelegateCaseRequest& req) {
  DelegationRequest request;
  request.case_id = req.case_id();
  request.etag = req.etag();
  request.room_id = req.room_id();
  request.route = static_cast<domain::DelegationRoute>(req.route());
  request.reason = req.reason();
  CAITIAO_RETURN_IF_ERROR(CheckDelegationRequest(request));
  return request;
}

absl::Status ReadListDelegationsRequest(const v1::ListDelegationsRequest& req) { return RequireCaseId(req.case_id()); }

// ---- RoomService

absl::StatusOr<RoomQueueRequest> ReadListRoomQueueRequest(const v1::ListRoomQueueRequest& req,
                                                          const domain::Principal& caller, absl::Time now) {
  RoomQueueRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.room_id, RoomOf(caller, req.room_id()));
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  domain::FieldViolations problems;
  if (domain::IsWithRoom(static_cast<domain::CaseState>(req.state()))) {
    r.state = static_cast<domain::CaseState>(req.state());
  } else if (req.state() != v1::CASE_STATE_UNSPECIFIED) {
    problems.Add("state", "must be a state of a case with the room: DELEGATED, IN_MEDIATION, AGREEMENT_EFFECTIVE, "
                          "UNDER_REVIEW or DOCUMENT_SERVICE (or unset for all)");
  }
  const absl::CivilDay today = domain::ChinaDay(now);
  if (req.overdue_only()) r.overdue_as_of = today;
  if (req.has_due_before()) r.due_before = DayFromProto(req.due_before(), true, "due_before", &problems);
  CAITIAO_RETURN_IF_ERROR(problems.ToStatus());
  r.page.fingerprint = FilterFingerprint(absl::StrCat(r.room_id, "|", req.state(), "|", req.overdue_only(), "|",
                                                      r.due_before ? absl::FormatCivilTime(*r.due_before) : ""));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kQueueList, r.page.fingerprint));
  if (r.page.token && !storage::LooksLikeUuid(r.page.token->last_id())) return InvalidPageToken();
  return r;
}

absl::Status ReadAcceptDelegationRequest(const v1::AcceptDelegationRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckCaseAndEtag(req.case_id(), req.etag()));
  if (req.mediator_id().empty()) return domain::InvalidField("mediator_id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<domain::DeclineGround> ReadDeclineDelegationRequest(const v1::DeclineDelegationRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckCaseAndEtag(req.case_id(), req.etag()));
  CAITIAO_RETURN_IF_ERROR(CheckReason(req.reason()));
  if (!v1::DeclineGround_IsValid(req.ground())) {
    return domain::InvalidField("ground", "must be a DeclineGround (NO_CAPACITY, CONFLICT_OF_INTEREST, "
                                          "OUTSIDE_COMPETENCE, PARTIES_UNREACHABLE or OTHER)");
  }
  return static_cast<domain::DeclineGround>(req.ground());  // the numbers are shared
}

absl::Status ReadDeclareConflictRequest(const v1::DeclareConflictRequest& req) {
  domain::FieldViolations problems;
  if (req.case_id().empty()) problems.Add("case_id", "is required");
  if (req.mediator_id().empty()) problems.Add("mediator_id", "is required");
  if (auto p = domain::TextProblem(req.reason(), 1, 2000, /*multiline=*/true)) problems.Add("reason", *p);
  return problems.ToStatus();
}

absl::StatusOr<std::string> ReadWatchRoomQueueRequest(const v1::WatchRoomQueueRequest& req,
                                                      const domain::Principal& caller) {
  CAITIAO_ASSIGN_OR_RETURN(std::string room, RoomOf(caller, req.room_id()));
  if (req.after_sequence() < 0) return domain::InvalidField("after_sequence", "must not be negative");
  return room;
}

}  // namespace caitiao::services
