#include "storage/docking_repository.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::ConsentForm;
using domain::PartySide;


ConsentForm FormFromName(const std::string& s) {
  for (ConsentForm f : {ConsentForm::kWritten, ConsentForm::kOralOnRecord, ConsentForm::kElectronic}) {
    if (s == domain::ConsentFormName(f)) return f;
  }
  return ConsentForm::kUnspecified;
}


const std::string kConsentColumns = absl::StrCat(
    "id::text, case_id::text, side, party_position, form, ", MicrosColumn("given_at"), ", evidence_ref, recorded_by, ",
    MicrosColumn("recorded_at"), ", ", MicrosColumn("withdrawn_at"), ", withdrawal_reason, withdrawn_by");

domain::ConsentRecord ConsentFromRow(const pqxx::row& row) {
  domain::ConsentRecord c;
  c.id = row[0].as<std::string>();
  c.case_id = row[1].as<std::string>();
  c.side = domain::PartySideFromName(row[2].as<std::string>()).value_or(PartySide::kUnspecified);
  c.position = row[3].as<int>();
  c.form = FormFromName(row[4].as<std::string>());
  c.given = TimeFromMicros(row[5].as<int64_t>());
  c.evidence_ref = row[6].as<std::string>();
  c.recorded_by = row[7].as<std::string>();
  c.record_time = TimeFromMicros(row[8].as<int64_t>());
  c.withdrawn = OptionalTimeFromMicros(row[9]);
  c.withdrawal_reason = row[10].as<std::string>();
  c.withdrawn_by = row[11].as<std::string>();
  return c;
}

const std::string kDelegationColumns = absl::StrCat(
    "d.id::text, d.case_id::text, d.room_id::text, d.route, d.status, d.letter_number, d.reason, d.delegated_by, ",
    MicrosColumn("d.delegated_at"),
    ", d.acceptance_start::text, d.acceptance_due::text, d.acceptance_length, d.acceptance_kind, "
    "d.acceptance_calendars, d.acceptance_provisional, d.acceptance_policy, coalesce(d.mediator_id::text, ''), "
    "d.accepted_by, ",
    MicrosColumn("d.accepted_at"),
    ", d.mediation_start::text, d.mediation_due::text, d.mediation_length, d.mediation_kind, "
    "d.mediation_calendars, d.mediation_provisional, d.mediation_policy, d.declined_by, ",
    MicrosColumn("d.declined_at"), ", d.decline_reason");

domain::Deadline DeadlineFrom(const pqxx::row& row, int at) {
  domain::Deadline d;
  d.start = DateFromText(row[at].as<std::string>());
  d.due = DateFromText(row[at + 1].as<std::string>());
  d.rule.length = row[at + 2].as<int>();
  d.rule.kind = domain::PeriodKindFromName(row[at + 3].as<std::string>()).value_or(domain::PeriodKind::kCalendarDays);
  // Calendar-day periods of the docking always end on a working day.
  d.rule.roll_to_working_day = d.rule.kind == domain::PeriodKind::kCalendarDays;
  d.calendar_versions = row[at + 4].as<std::string>();
  d.provisional = row[at + 5].as<bool>();
  return d;
}

domain::Delegation DelegationFromRow(const pqxx::row& row) {
  domain::Delegation d;
  d.id = row[0].as<std::string>();
  d.case_id = row[1].as<std::string>();
  d.room_id = row[2].as<std::string>();
  d.route = domain::DelegationRouteFromName(row[3].as<std::string>()).value_or(domain::DelegationRoute::kUnspecified);
  d.status =
      domain::DelegationStatusFromName(row[4].as<std::string>()).value_or(domain::DelegationStatus::kUnspecified);
  d.letter_number = row[5].as<std::string>();
  d.reason = row[6].as<std::string>();
  d.delegated_by = row[7].as<std::string>();
  d.delegate_time = TimeFromMicros(row[8].as<int64_t>());
  d.acceptance_due = DeadlineFrom(row, 9);
  d.acceptance_policy = row[15].as<std::string>();
  d.mediator_id = row[16].as<std::string>();
  d.accepted_by = row[17].as<std::string>();
  d.accept_time = OptionalTimeFromMicros(row[18]);
  if (!row[19].is_null()) {
    d.mediation_due = DeadlineFrom(row, 19);
    d.mediation_policy = row[25].as<std::string>();
  }
  d.declined_by = row[26].as<std::string>();
  d.decline_time = OptionalTimeFromMicros(row[27]);
  d.decline_reason = row[28].as<std::string>();
  return d;
}

}  // namespace

void PrepareDockingStatements(pqxx::connection& conn) {
  conn.prepare("consent_insert",
               "INSERT INTO case_consents (id, case_id, side, party_position, form, given_at, evidence_ref, "
               "recorded_by, recorded_at) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7, $8, "
               "$9::timestamptz) ON CONFLICT (case_id, side, party_position) WHERE withdrawn_at IS NULL "
               "DO NOTHING RETURNING 1");
  conn.prepare("consent_find", absl::StrCat("SELECT ", kConsentColumns, " FROM case_consents WHERE id = $1::uuid"));
  conn.prepare("consent_find_locked",
               absl::StrCat("SELECT ", kConsentColumns, " FROM case_consents WHERE id = $1::uuid FOR UPDATE"));
  conn.prepare("consent_withdraw",
               "UPDATE case_consents SET withdrawn_at = $2::timestamptz, withdrawal_reason = $3, withdrawn_by = $4 "
               "WHERE id = $1::uuid AND withdrawn_at IS NULL");
  conn.prepare("consents_of", absl::StrCat("SELECT ", kConsentColumns,
                                           " FROM case_consents WHERE case_id = $1::uuid ORDER BY given_at, id"));
  conn.prepare("assessment_insert",
               "INSERT INTO eligibility_assessments (id, case_id, case_version, eligible, "
               "respondent_contests_labor_relationship, infringement_date, assessed_by, assessed_at, "
               "substance_version, contest_cleared_reason, contest_cleared_evidence_ref) VALUES ($1::uuid, $2::uuid, "
               "$3, $4, $5, $6::date, $7, $8::timestamptz, $9, $10, $11)");
  conn.prepare("assessment_criterion_insert",
               "INSERT INTO eligibility_criteria (assessment_id, position, code, passed, explanation) "
               "VALUES ($1::uuid, $2, $3, $4, $5)");
  conn.prepare("assessment_warning_insert",
               "INSERT INTO eligibility_warnings (assessment_id, position, code, text) VALUES ($1::uuid, $2, $3, $4)");
  conn.prepare("assessment_latest",
               absl::StrCat("SELECT id::text, case_id::text, case_version, eligible, "
                            "respondent_contests_labor_relationship, coalesce(infringement_date::text, ''), "
                            "assessed_by, ",
                            MicrosColumn("assessed_at"), ", substance_version, contest_cleared_reason, "
                            "contest_cleared_evidence_ref",
                            " FROM eligibility_assessments WHERE case_id = $1::uuid "
                            "ORDER BY assessed_at DESC, id DESC LIMIT 1"));
  conn.prepare("assessment_criteria",
               "SELECT code, passed, explanation FROM eligibility_criteria WHERE assessment_id = $1::uuid "
               "ORDER BY position");
  conn.prepare("assessment_warnings",
               "SELECT code, text FROM eligibility_warnings WHERE assessment_id = $1::uuid ORDER BY position");
  conn.prepare("document_seq_next",
               "INSERT INTO document_number_sequences (commission_id, kind, year, last_seq) "
               "VALUES ($1::uuid, $2, $3, 1) ON CONFLICT (commission_id, kind, year) "
               "DO UPDATE SET last_seq = document_number_sequences.last_seq + 1 RETURNING last_seq");
  conn.prepare("delegation_insert",
               "INSERT INTO delegations (id, case_id, room_id, route, status, letter_number, reason, delegated_by, "
               "delegated_at, acceptance_start, acceptance_due, acceptance_length, acceptance_kind, "
               "acceptance_calendars, acceptance_provisional, acceptance_policy) VALUES ($1::uuid, $2::uuid, "
               "$3::uuid, $4, $5, $6, $7, $8, $9::timestamptz, $10::date, $11::date, $12, $13, $14, $15, $16)");
  conn.prepare("delegation_update",
               "UPDATE delegations SET status = $2, mediator_id = NULLIF($3, '')::uuid, accepted_by = $4, "
               "accepted_at = $5::timestamptz, mediation_start = $6::date, mediation_due = $7::date, "
               "mediation_length = $8, mediation_kind = $9, mediation_calendars = $10, mediation_provisional = $11, "
               "mediation_policy = $12, declined_by = $13, declined_at = $14::timestamptz, decline_reason = $15 "
               "WHERE id = $1::uuid");
  conn.prepare("delegation_open", absl::StrCat("SELECT ", kDelegationColumns,
                                               " FROM delegations d WHERE d.case_id = $1::uuid "
                                               "AND d.status IN ('PENDING', 'ACCEPTED')"));
  conn.prepare("delegations_of", absl::StrCat("SELECT ", kDelegationColumns,
                                              " FROM delegations d WHERE d.case_id = $1::uuid "
                                              "ORDER BY d.delegated_at DESC, d.id DESC"));
  conn.prepare("conflict_insert",
               "INSERT INTO mediator_conflicts (mediator_id, case_id, reason, declared_by, declared_at) VALUES "
               "($1::uuid, $2::uuid, $3, $4, $5::timestamptz) ON CONFLICT DO NOTHING RETURNING 1");
  conn.prepare("conflict_find",
               absl::StrCat("SELECT mediator_id::text, case_id::text, reason, declared_by, ", MicrosColumn("declared_at"),
                            " FROM mediator_conflicts WHERE mediator_id = $1::uuid AND case_id = $2::uuid"));
  conn.prepare("other_open_cases_same_parties",
               "SELECT count(DISTINCT c2.id) FROM cases c1 "
               "JOIN cases c2 ON c2.commission_id = c1.commission_id AND c2.id <> c1.id AND c2.state <> 'WITHDRAWN' "
               "WHERE c1.id = $1::uuid "
               "AND EXISTS (SELECT 1 FROM case_parties a1 JOIN case_parties a2 "
               "  ON a2.resident_id_number_hash = a1.resident_id_number_hash "
               "  WHERE a1.case_id = c1.id AND a1.side = 'APPLICANT' AND a2.case_id = c2.id AND a2.side = 'APPLICANT') "
               "AND EXISTS (SELECT 1 FROM case_parties r1 JOIN case_parties r2 "
               "  ON (r1.unified_social_credit_code <> '' AND r2.unified_social_credit_code = r1.unified_social_credit_code) "
               "  OR r2.resident_id_number_hash = r1.resident_id_number_hash "
               "  WHERE r1.case_id = c1.id AND r1.side = 'RESPONDENT' AND r2.case_id = c2.id AND r2.side = 'RESPONDENT')");
  conn.prepare("room_queue_notify", "SELECT pg_notify($1, $2)");
  conn.prepare("room_queue",
               absl::StrCat("SELECT ", kDelegationColumns,
                            " FROM delegations d JOIN cases c ON c.id = d.case_id WHERE d.room_id = $1::uuid "
                            "AND d.status IN ('PENDING', 'ACCEPTED') AND c.state IN ('DELEGATED', 'IN_MEDIATION', 'AGREEMENT_EFFECTIVE', "
                            "'UNDER_REVIEW', 'DOCUMENT_SERVICE') "
                            "AND ($2 = '' OR c.state = $2) "
                            "AND ($3::date IS NULL OR c.current_due < $3::date) "
                            "AND ($4::date IS NULL OR c.current_due < $4::date) "
                            "AND ($5::timestamptz IS NULL OR (d.delegated_at, d.id) > ($5::timestamptz, $6::uuid)) "
                            "ORDER BY d.delegated_at, d.id LIMIT $7"));
}

absl::Status InsertConsent(Tx& tx, const domain::ConsentRecord& c) {
  pqxx::result r = tx.exec_prepared("consent_insert", c.id, c.case_id, domain::PartySideName(c.side), c.position,
                                    domain::ConsentFormName(c.form), TimeParam(c.given), c.evidence_ref,
                                    c.recorded_by, TimeParam(c.record_time));
  if (r.empty()) {
    return domain::WithFields(
        domain::WithReason(absl::AlreadyExistsError("this party already has a current consent; withdraw it first "
                                                    "to record a new one"),
                           domain::reasons::kConsentExists),
        {{"party", "already consented"}});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::ConsentRecord>> FindConsent(Tx& tx, const std::string& id, bool lock) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared(lock ? "consent_find_locked" : "consent_find", id);
  if (r.empty()) return std::nullopt;
  return ConsentFromRow(r[0]);
}

absl::Status MarkConsentWithdrawn(Tx& tx, const domain::ConsentRecord& c) {
  tx.exec_prepared("consent_withdraw", c.id, TimeParam(c.withdrawn.value_or(absl::Now())), c.withdrawal_reason,
                   c.withdrawn_by);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::ConsentRecord>> ListConsents(Tx& tx, const std::string& case_id) {
  std::vector<domain::ConsentRecord> out;
  for (const auto& row : tx.exec_prepared("consents_of", case_id)) out.push_back(ConsentFromRow(row));
  return out;
}

absl::Status InsertAssessment(Tx& tx, const domain::EligibilityAssessmentRecord& a) {
  const std::string infringement = a.infringement_date ? DateParam(*a.infringement_date) : "";
  tx.exec_prepared("assessment_insert", a.id, a.case_id, a.case_version, a.result.eligible,
                   a.respondent_contests_labor_relationship,
                   a.infringement_date ? infringement.c_str() : nullptr, a.assessed_by, TimeParam(a.assess_time),
                   a.substance_version, a.contest_cleared_reason, a.contest_cleared_evidence_ref);
  for (size_t i = 0; i < a.result.criteria.size(); ++i) {
    const auto& c = a.result.criteria[i];
    tx.exec_prepared("assessment_criterion_insert", a.id, static_cast<int>(i), c.code, c.passed, c.explanation);
  }
  for (size_t i = 0; i < a.result.warnings.size(); ++i) {
    const auto& w = a.result.warnings[i];
    tx.exec_prepared("assessment_warning_insert", a.id, static_cast<int>(i), w.code, w.text);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::EligibilityAssessmentRecord>> LatestAssessment(Tx& tx,
                                                                                   const std::string& case_id) {
  pqxx::result r = tx.exec_prepared("assessment_latest", case_id);
  if (r.empty()) return std::nullopt;
  domain::EligibilityAssessmentRecord a;
  a.id = r[0][0].as<std::string>();
  a.case_id = r[0][1].as<std::string>();
  a.case_version = r[0][2].as<int64_t>();
  a.result.eligible = r[0][3].as<bool>();
  a.respondent_contests_labor_relationship = r[0][4].as<bool>();
  if (const std::string day = r[0][5].as<std::string>(); !day.empty()) a.infringement_date = DateFromText(day);
  a.assessed_by = r[0][6].as<std::string>();
  a.assess_time = TimeFromMicros(r[0][7].as<int64_t>());
  a.substance_version = r[0][8].as<int64_t>();
  a.contest_cleared_reason = r[0][9].as<std::string>();
  a.contest_cleared_evidence_ref = r[0][10].as<std::string>();
  for (const auto& row : tx.exec_prepared("assessment_criteria", a.id)) {
    a.result.criteria.push_back({row[0].as<std::string>(), row[1].as<bool>(), row[2].as<std::string>()});
  }
  for (const auto& row : tx.exec_prepared("assessment_warnings", a.id)) {
    a.result.warnings.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
  }
  return a;
}

absl::StatusOr<int64_t> NextDocumentSequence(Tx& tx, const std::string& commission_id, const std::string& kind,
                                             int year) {
  return tx.exec_prepared1("document_seq_next", commission_id, kind, year)[0].as<int64_t>();
}

absl::Status InsertDelegation(Tx& tx, const domain::Delegation& d) {
  const auto& a = d.acceptance_due;
  tx.exec_prepared("delegation_insert", d.id, d.case_id, d.room_id, domain::DelegationRouteName(d.route),
                   domain::DelegationStatusName(d.status), d.letter_number, d.reason, d.delegated_by,
                   TimeParam(d.delegate_time), DateParam(a.start), DateParam(a.due), a.rule.length,
                   domain::PeriodKindName(a.rule.kind), a.calendar_versions, a.provisional, d.acceptance_policy);
  return absl::OkStatus();
}

absl::Status UpdateDelegation(Tx& tx, const domain::Delegation& d) {
  // Optional values travel as text or NULL (libpqxx 6 has no optional params).
  auto opt = [](bool present, const std::string& value) -> const char* { return present ? value.c_str() : nullptr; };
  const std::string accepted = d.accept_time ? TimeParam(*d.accept_time) : "";
  const std::string declined = d.decline_time ? TimeParam(*d.decline_time) : "";
  const bool m = d.mediation_due.has_value();
  const std::string m_start = m ? DateParam(d.mediation_due->start) : "";
  const std::string m_due = m ? DateParam(d.mediation_due->due) : "";
  const std::string m_length = m ? absl::StrCat(d.mediation_due->rule.length) : "";
  const std::string m_kind = m ? domain::PeriodKindName(d.mediation_due->rule.kind) : "";
  const std::string m_calendars = m ? d.mediation_due->calendar_versions : "";
  const std::string m_provisional = m ? (d.mediation_due->provisional ? "true" : "false") : "";
  tx.exec_prepared("delegation_update", d.id, domain::DelegationStatusName(d.status), d.mediator_id, d.accepted_by,
                   opt(d.accept_time.has_value(), accepted), opt(m, m_start), opt(m, m_due), opt(m, m_length),
                   opt(m, m_kind), opt(m, m_calendars), opt(m, m_provisional), opt(m, d.mediation_policy),
                   d.declined_by, opt(d.decline_time.has_value(), declined), d.decline_reason);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::Delegation>> OpenDelegation(Tx& tx, const std::string& case_id) {
  pqxx::result r = tx.exec_prepared("delegation_open", case_id);
  if (r.empty()) return std::nullopt;
  return DelegationFromRow(r[0]);
}

absl::StatusOr<std::vector<domain::Delegation>> ListDelegations(Tx& tx, const std::string& case_id) {
  std::vector<domain::Delegation> out;
  for (const auto& row : tx.exec_prepared("delegations_of", case_id)) out.push_back(DelegationFromRow(row));
  return out;
}

absl::StatusOr<bool> InsertConflict(Tx& tx, const domain::MediatorConflictRecord& c) {
  return !tx.exec_prepared("conflict_insert", c.mediator_id, c.case_id, c.reason, c.declared_by,
                           TimeParam(c.declare_time))
              .empty();
}

absl::StatusOr<std::optional<domain::MediatorConflictRecord>> FindConflict(Tx& tx, const std::string& mediator_id,
                                                                           const std::string& case_id) {
  if (!LooksLikeUuid(mediator_id) || !LooksLikeUuid(case_id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared("conflict_find", mediator_id, case_id);
  if (r.empty()) return std::nullopt;
  return domain::MediatorConflictRecord{r[0][0].as<std::string>(), r[0][1].as<std::string>(),
                                        r[0][2].as<std::string>(), r[0][3].as<std::string>(),
                                        TimeFromMicros(r[0][4].as<int64_t>())};
}

absl::Status NotifyRoomQueue(Tx& tx, const std::string& room_id) {
  tx.exec_prepared("room_queue_notify", std::string(kRoomQueueChannel), room_id);
  return absl::OkStatus();
}

absl::StatusOr<int> CountOtherOpenCasesOfParties(Tx& tx, const std::string& case_id) {
  return tx.exec_prepared1("other_open_cases_same_parties", case_id)[0].as<int>();
}

absl::StatusOr<std::vector<domain::Delegation>> ListRoomQueue(Tx& tx, const RoomQueueQuery& q,
                                                              const std::optional<RoomQueueCursor>& after,
                                                              int limit) {
  std::vector<domain::Delegation> out;
  if (!LooksLikeUuid(q.room_id) || (after && !LooksLikeUuid(after->delegation_id))) return out;
  const std::string state = q.state ? domain::CaseStateName(*q.state) : "";
  const std::string overdue = q.overdue_as_of ? DateParam(*q.overdue_as_of) : "";
  const std::string before = q.due_before ? DateParam(*q.due_before) : "";
  const std::string after_time = after ? TimeParam(after->delegate_time) : "";
  pqxx::result r = tx.exec_prepared(
      "room_queue", q.room_id, state, q.overdue_as_of ? overdue.c_str() : nullptr,
      q.due_before ? before.c_str() : nullptr, after ? after_time.c_str() : nullptr,
      after ? after->delegation_id.c_str() : nullptr, limit);
  for (const auto& row : r) out.push_back(DelegationFromRow(row));
  return out;
}

}  // namespace caitiao::storage
