#include "storage/mediation_repository.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/domain/docking_types.h"
#include "services/domain/eligibility.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::PartySide;



const char* KindName(domain::ObligationKind k) { return k == domain::ObligationKind::kAct ? "ACT" : "MONEY"; }

const char* FormName(domain::SignatureForm f) {
  switch (f) {
    case domain::SignatureForm::kSignature: return "SIGNATURE";
    case domain::SignatureForm::kSeal: return "SEAL";
    case domain::SignatureForm::kFingerprint: return "FINGERPRINT";
    case domain::SignatureForm::kElectronic: return "ELECTRONIC";
    case domain::SignatureForm::kUnspecified: break;
  }
  return "UNSPECIFIED";
}
domain::SignatureForm FormFromName(const std::string& s) {
  for (auto f : {domain::SignatureForm::kSignature, domain::SignatureForm::kSeal, domain::SignatureForm::kFingerprint,
                 domain::SignatureForm::kElectronic}) {
    if (s == FormName(f)) return f;
  }
  return domain::SignatureForm::kUnspecified;
}

const std::string kSessionColumns = absl::StrCat("id::text, case_id::text, delegation_id::text, ", MicrosColumn("held_at"),
                                                 ", online, place, attendees, summary, recorded_by, ",
                                                 MicrosColumn("recorded_at"));
const std::string kAgreementColumns = absl::StrCat(
    "id::text, case_id::text, delegation_id::text, number, terms, total_fen, drafted_by, ", MicrosColumn("drafted_at"), ", ",
    MicrosColumn("effective_at"), ", ", MicrosColumn("voided_at"), ", void_reason, voided_by");
const std::string kDocumentColumns =
    absl::StrCat("id::text, kind, number, case_id::text, issuer, issued_by, ", MicrosColumn("issued_at"), ", rendering, sha256");

domain::Document DocumentFromRow(const pqxx::row& row) {
  domain::Document d;
  d.id = row[0].as<std::string>();
  d.kind = domain::DocumentKindFromName(row[1].as<std::string>()).value_or(domain::DocumentKind::kUnspecified);
  d.number = row[2].as<std::string>();
  d.case_id = row[3].as<std::string>();
  d.issuer = row[4].as<std::string>();
  d.issued_by = row[5].as<std::string>();
  d.issue_time = TimeFromMicros(row[6].as<int64_t>());
  d.rendering = row[7].as<std::string>();
  d.sha256 = row[8].as<std::string>();
  return d;
}

}  // namespace

void PrepareMediationStatements(pqxx::connection& conn) {
  conn.prepare("session_insert",
               "INSERT INTO mediation_sessions (id, case_id, delegation_id, held_at, online, place, attendees, summary, "
               "recorded_by, recorded_at) VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5, $6, $7, "
               "$8, $9, $10::timestamptz)");
  conn.prepare("sessions_of", absl::StrCat("SELECT ", kSessionColumns,
                                           " FROM mediation_sessions WHERE case_id = $1::uuid ORDER BY held_at, id"));
  conn.prepare("agreement_insert",
               "INSERT INTO agreements (id, case_id, delegation_id, number, terms, total_fen, drafted_by, drafted_at) "
               "VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8::timestamptz)");
  conn.prepare("obligation_insert",
               "INSERT INTO agreement_obligations (agreement_id, position, obligor_side, obligor_position, "
               "obligee_side, obligee_position, kind, amount_fen, description, due_date) VALUES ($1::uuid, $2, $3, $4, "
               "$5, $6, $7, $8, $9, $10::date)");
  conn.prepare("agreement_current", absl::StrCat("SELECT ", kAgreementColumns,
                                                 " FROM agreements WHERE case_id = $1::uuid AND voided_at IS NULL"));
  conn.prepare("agreement_by_id", absl::StrCat("SELECT ", kAgreementColumns,
                                               " FROM agreements WHERE case_id = $1::uuid AND id = $2::uuid"));
  conn.prepare("obligations_of",
               "SELECT position, obligor_side, obligor_position, obligee_side, obligee_position, kind, amount_fen, "
               "description, due_date::text FROM agreement_obligations WHERE agreement_id = $1::uuid ORDER BY position");
  conn.prepare("signatures_of", absl::StrCat("SELECT item, form, ", MicrosColumn("signed_at"), ", evidence_ref, recorded_by, ",
                                             MicrosColumn("recorded_at"),
                                             " FROM agreement_signatures WHERE agreement_id = $1::uuid "
                                             "ORDER BY recorded_at, item"));
  conn.prepare("signature_insert",
               "INSERT INTO agreement_signatures (agreement_id, item, form, signed_at, evidence_ref, recorded_by, "
               "recorded_at) VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, $6, $7::timestamptz)");
  conn.prepare("agreement_effective", "UPDATE agreements SET effective_at = $2::timestamptz WHERE id = $1::uuid");
  conn.prepare("agreement_void",
               "UPDATE agreements SET voided_at = $2::timestamptz, void_reason = $3, voided_by = $4 "
               "WHERE id = $1::uuid AND voided_at IS NULL");
  conn.prepare("performance_insert",
               "INSERT INTO performances (id, agreement_id, obligation, amount_fen, act_done, performed_on, "
               "evidence_ref, recorded_by, recorded_at) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::date, $7, $8, "
               "$9::timestamptz)");
  conn.prepare("performances_of",
               absl::StrCat("SELECT id::text, agreement_id::text, obligation, amount_fen, act_done, performed_on::text, "
                            "evidence_ref, recorded_by, ",
                            MicrosColumn("recorded_at"),
                            " FROM performances WHERE agreement_id = $1::uuid ORDER BY recorded_at, id"));
  conn.prepare("document_insert",
               "INSERT INTO documents (id, kind, number, case_id, issuer, issued_by, issued_at, rendering, sha256) "
               "VALUES ($1::uuid, $2, $3, $4::uuid, $5, $6, $7::timestamptz, $8, $9)");
  conn.prepare("document_by_id", absl::StrCat("SELECT ", kDocumentColumns, " FROM documents WHERE id = $1::uuid"));
  conn.prepare("document_by_number", absl::StrCat("SELECT ", kDocumentColumns, " FROM documents WHERE number = $1"));
  conn.prepare("documents_of", absl::StrCat("SELECT ", kDocumentColumns,
                                            " FROM documents WHERE case_id = $1::uuid ORDER BY issued_at, id"));
  conn.prepare("extension_insert",
               "INSERT INTO mediation_extensions (id, case_id, delegation_id, previous_due, days, due, calendars, "
               "provisional, policy_source, consents, reason, recorded_by, recorded_at) VALUES ($1::uuid, $2::uuid, "
               "$3::uuid, $4::date, $5, $6::date, $7, $8, $9, $10, $11, $12, $13::timestamptz)");
  conn.prepare("extensions_of",
               absl::StrCat("SELECT id::text, case_id::text, delegation_id::text, previous_due::text, days, due::text, "
                            "calendars, provisional, policy_source, consents, reason, recorded_by, ",
                            MicrosColumn("recorded_at"),
                            " FROM mediation_extensions WHERE delegation_id = $1::uuid ORDER BY recorded_at, id"));
  conn.prepare("case_outcome_set",
               "UPDATE cases SET mediation_outcome = $2, failure_reason = $3, returned_at = $4::timestamptz, "
               "closing_manner = $5, closing_note = $6, agreement_number = $7, arbitral_document_number = $8 "
               "WHERE id = $1::uuid");
  conn.prepare("consents_spend",
               "UPDATE case_consents SET withdrawn_at = $2::timestamptz, withdrawal_reason = $3, withdrawn_by = $4 "
               "WHERE case_id = $1::uuid AND withdrawn_at IS NULL");
}

absl::Status InsertSession(Tx& tx, const domain::MediationSession& s) {
  tx.exec_prepared("session_insert", s.id, s.case_id, s.delegation_id, TimeParam(s.held), s.online, s.place,
                   absl::StrJoin(s.attendees, "\n"), s.summary, s.recorded_by, TimeParam(s.record_time));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::MediationSession>> ListSessions(Tx& tx, const std::string& case_id) {
  std::vector<domain::MediationSession> out;
  for (const auto& row : tx.exec_prepared("sessions_of", case_id)) {
    domain::MediationSession s;
    s.id = row[0].as<std::string>();
    s.case_id = row[1].as<std::string>();
    s.delegation_id = row[2].as<std::string>();
    s.held = TimeFromMicros(row[3].as<int64_t>());
    s.online = row[4].as<bool>();
    s.place = row[5].as<std::string>();
    s.attendees = absl::StrSplit(row[6].as<std::string>(), '\n', absl::SkipEmpty());
    s.summary = row[7].as<std::string>();
    s.recorded_by = row[8].as<std::string>();
    s.record_time = TimeFromMicros(row[9].as<int64_t>());
    out.push_back(std::move(s));
  }
  return out;
}

absl::Status InsertAgreement(Tx& tx, const domain::Agreement& a) {
  tx.exec_prepared("agreement_insert", a.id, a.case_id, a.delegation_id, a.number, a.terms, a.total_fen, a.drafted_by,
                   TimeParam(a.draft_time));
  for (const auto& o : a.obligations) {
    tx.exec_prepared("obligation_insert", a.id, o.position, domain::PartySideName(o.obligor_side), o.obligor_position,
                     domain::PartySideName(o.obligee_side), o.obligee_position, KindName(o.kind), o.amount_fen,
                     o.description, DateParam(o.due));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::Agreement>> FindAgreement(Tx& tx, const std::string& case_id,
                                                               const std::string& agreement_id) {
  pqxx::result r = agreement_id.empty() ? tx.exec_prepared("agreement_current", case_id)
                                        : tx.exec_prepared("agreement_by_id", case_id, agreement_id);
  if (r.empty()) return std::optional<domain::Agreement>();
  const auto& row = r[0];
  domain::Agreement a;
  a.id = row[0].as<std::string>();
  a.case_id = row[1].as<std::string>();
  a.delegation_id = row[2].as<std::string>();
  a.number = row[3].as<std::string>();
  a.terms = row[4].as<std::string>();
  a.total_fen = row[5].as<int64_t>();
  a.drafted_by = row[6].as<std::string>();
  a.draft_time = TimeFromMicros(row[7].as<int64_t>());
  a.effective_time = OptionalTimeFromMicros(row[8]);
  a.void_time = OptionalTimeFromMicros(row[9]);
  a.void_reason = row[10].as<std::string>();
  a.voided_by = row[11].as<std::string>();
  for (const auto& o : tx.exec_prepared("obligations_of", a.id)) {
    domain::Obligation ob;
    ob.position = o[0].as<int>();
    ob.obligor_side = domain::PartySideFromName(o[1].as<std::string>()).value_or(PartySide::kUnspecified);
    ob.obligor_position = o[2].as<int>();
    ob.obligee_side = domain::PartySideFromName(o[3].as<std::string>()).value_or(PartySide::kUnspecified);
    ob.obligee_position = o[4].as<int>();
    ob.kind = o[5].as<std::string>() == "ACT" ? domain::ObligationKind::kAct : domain::ObligationKind::kMoney;
    ob.amount_fen = o[6].as<int64_t>();
    ob.description = o[7].as<std::string>();
    ob.due = DateFromText(o[8].as<std::string>());
    a.obligations.push_back(std::move(ob));
  }
  for (const auto& s : tx.exec_prepared("signatures_of", a.id)) {
    domain::SignatureItem item;
    item.item = s[0].as<std::string>();
    item.form = FormFromName(s[1].as<std::string>());
    item.signed_time = TimeFromMicros(s[2].as<int64_t>());
    item.evidence_ref = s[3].as<std::string>();
    item.recorded_by = s[4].as<std::string>();
    item.record_time = TimeFromMicros(s[5].as<int64_t>());
    a.signatures.push_back(std::move(item));
  }
  return std::optional<domain::Agreement>(std::move(a));
}

absl::Status InsertSignature(Tx& tx, const std::string& agreement_id, const domain::SignatureItem& s) {
  tx.exec_prepared("signature_insert", agreement_id, s.item, FormName(s.form), TimeParam(s.signed_time), s.evidence_ref,
                   s.recorded_by, TimeParam(s.record_time));
  return absl::OkStatus();
}

absl::Status SetAgreementEffective(Tx& tx, const std::string& agreement_id, absl::Time when) {
  tx.exec_prepared("agreement_effective", agreement_id, TimeParam(when));
  return absl::OkStatus();
}

absl::Status VoidAgreement(Tx& tx, const domain::Agreement& a) {
  tx.exec_prepared("agreement_void", a.id, TimeParam(a.void_time.value_or(absl::Now())), a.void_reason, a.voided_by);
  return absl::OkStatus();
}

absl::Status InsertExtension(Tx& tx, const domain::MediationExtension& e) {
  tx.exec_prepared("extension_insert", e.id, e.case_id, e.delegation_id, DateParam(e.previous_due), e.days,
                   DateParam(e.due), e.calendar_versions, e.provisional, e.policy_source,
                   absl::StrJoin(e.consents, "\n"), e.reason, e.recorded_by, TimeParam(e.record_time));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::MediationExtension>> ListExtensions(Tx& tx, const std::string& delegation_id) {
  std::vector<domain::MediationExtension> out;
  for (const auto& row : tx.exec_prepared("extensions_of", delegation_id)) {
    domain::MediationExtension e;
    e.id = row[0].as<std::string>();
    e.case_id = row[1].as<std::string>();
    e.delegation_id = row[2].as<std::string>();
    e.previous_due = DateFromText(row[3].as<std::string>());
    e.days = row[4].as<int>();
    e.due = DateFromText(row[5].as<std::string>());
    e.calendar_versions = row[6].as<std::string>();
    e.provisional = row[7].as<bool>();
    e.policy_source = row[8].as<std::string>();
    e.consents = absl::StrSplit(row[9].as<std::string>(), '\n', absl::SkipEmpty());
    e.reason = row[10].as<std::string>();
    e.recorded_by = row[11].as<std::string>();
    e.record_time = TimeFromMicros(row[12].as<int64_t>());
    out.push_back(std::move(e));
  }
  return out;
}

absl::Status InsertPerformance(Tx& tx, const domain::Performance& p) {
  tx.exec_prepared("performance_insert", p.id, p.agreement_id, p.obligation, p.amount_fen, p.act_done,
                   DateParam(p.performed_on), p.evidence_ref, p.recorded_by, TimeParam(p.record_time));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<domain::Performance>> ListPerformances(Tx& tx, const std::string& agreement_id) {
  std::vector<domain::Performance> out;
  for (const auto& row : tx.exec_prepared("performances_of", agreement_id)) {
    domain::Performance p;
    p.id = row[0].as<std::string>();
    p.agreement_id = row[1].as<std::string>();
    p.obligation = row[2].as<int>();
    p.amount_fen = row[3].as<int64_t>();
    p.act_done = row[4].as<bool>();
    p.performed_on = DateFromText(row[5].as<std::string>());
    p.evidence_ref = row[6].as<std::string>();
    p.recorded_by = row[7].as<std::string>();
    p.record_time = TimeFromMicros(row[8].as<int64_t>());
    out.push_back(std::move(p));
  }
  return out;
}

absl::Status InsertDocument(Tx& tx, const domain::Document& d) {
  tx.exec_prepared("document_insert", d.id, domain::DocumentKindName(d.kind), d.number, d.case_id, d.issuer,
                   d.issued_by, TimeParam(d.issue_time), d.rendering, d.sha256);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::Document>> FindDocument(Tx& tx, const std::string& id) {
  pqxx::result r = tx.exec_prepared("document_by_id", id);
  if (r.empty()) return std::optional<domain::Document>();
  return std::optional<domain::Document>(DocumentFromRow(r[0]));
}

absl::StatusOr<std::optional<domain::Document>> FindDocumentByNumber(Tx& tx, const std::string& number) {
  pqxx::result r = tx.exec_prepared("document_by_number", number);
  if (r.empty()) return std::optional<domain::Document>();
  return std::optional<domain::Document>(DocumentFromRow(r[0]));
}

absl::StatusOr<std::vector<domain::Document>> ListDocuments(Tx& tx, const std::string& case_id) {
  std::vector<domain::Document> out;
  for (const auto& row : tx.exec_prepared("documents_of", case_id)) out.push_back(DocumentFromRow(row));
  return out;
}

absl::Status SetCaseOutcome(Tx& tx, const domain::CaseRecord& c) {
  const std::string returned = c.returned_time ? TimeParam(*c.returned_time) : "";
  tx.exec_prepared("case_outcome_set", c.id, c.mediation_outcome, c.failure_reason,
                   c.returned_time ? returned.c_str() : nullptr, c.closing_manner, c.closing_note, c.agreement_number,
                   c.arbitral_document_number);
  return absl::OkStatus();
}

absl::Status SpendConsents(Tx& tx, const std::string& case_id, absl::Time when, const std::string& reason,
                           const std::string& by) {
  tx.exec_prepared("consents_spend", case_id, TimeParam(when), reason, by);
  return absl::OkStatus();
}

}  // namespace caitiao::storage
