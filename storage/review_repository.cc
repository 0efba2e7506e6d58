#include "storage/review_repository.h"

#include "absl/strings/str_cat.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {


const std::string kReviewColumns = absl::StrCat(
    "id::text, case_id::text, agreement_id::text, ", MicrosColumn("applied_at"),
    ", applied_by, evidence_ref, review_start::text, review_due::text, review_length, review_kind, review_calendars, "
    "review_provisional, review_policy, coalesce(extended_start::text, ''), coalesce(extended_due::text, ''), "
    "coalesce(extended_length, 0), coalesce(extended_calendars, ''), coalesce(extended_provisional, false), "
    "extension_reason, ",
    MicrosColumn("decided_at"), ", document_made, refusal, refusal_note, document_number");

domain::Deadline WorkingDays(const std::string& start, const std::string& due, int length, const std::string& calendars,
                             bool provisional) {
  domain::Deadline d;
  d.start = DateFromText(start);
  d.due = DateFromText(due);
  d.rule = domain::DeadlineRule{domain::PeriodKind::kWorkingDays, length, false};
  d.calendar_versions = calendars;
  d.provisional = provisional;
  return d;
}

}  // namespace

void PrepareReviewStatements(pqxx::connection& conn) {
  conn.prepare("review_insert",
               "INSERT INTO arbitral_reviews (id, case_id, agreement_id, applied_at, applied_by, evidence_ref, "
               "review_start, review_due, review_length, review_kind, review_calendars, review_provisional, "
               "review_policy) VALUES ($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5, $6, $7::date, $8::date, $9, "
               "$10, $11, $12, $13)");
  conn.prepare("review_latest", absl::StrCat("SELECT ", kReviewColumns,
                                             " FROM arbitral_reviews WHERE case_id = $1::uuid "
                                             "ORDER BY applied_at DESC, id DESC LIMIT 1"));
  conn.prepare("review_update",
               "UPDATE arbitral_reviews SET extended_start = NULLIF($2, '')::date, extended_due = NULLIF($3, '')::date, "
               "extended_length = NULLIF($4, 0), extended_calendars = NULLIF($5, ''), extended_provisional = $6, "
               "extension_reason = $7, decided_at = $8::timestamptz, document_made = $9, refusal = $10, "
               "refusal_note = $11, document_number = $12 WHERE id = $1::uuid");
  conn.prepare("receipts_of", absl::StrCat("SELECT item, refused, ", MicrosColumn("received_at"),
                                           ", evidence_ref, recorded_by FROM service_receipts "
                                           "WHERE review_id = $1::uuid ORDER BY received_at, item"));
  conn.prepare("receipt_insert",
               "INSERT INTO service_receipts (review_id, item, refused, received_at, evidence_ref, recorded_by) "
               "VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, $6)");
}

absl::Status InsertReview(Tx& tx, const domain::ArbitralReview& r) {
  const domain::Deadline& d = r.review_due;
  tx.exec_prepared("review_insert", r.id, r.case_id, r.agreement_id, TimeParam(r.apply_time), r.applied_by,
                   r.evidence_ref, DateParam(d.start), DateParam(d.due), d.rule.length,
                   domain::PeriodKindName(d.rule.kind), d.calendar_versions, d.provisional, r.review_policy);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<domain::ArbitralReview>> LatestReview(Tx& tx, const std::string& case_id) {
  pqxx::result rows = tx.exec_prepared("review_latest", case_id);
  if (rows.empty()) return std::optional<domain::ArbitralReview>();
  const auto& row = rows[0];
  domain::ArbitralReview r;
  r.id = row[0].as<std::string>();
  r.case_id = row[1].as<std::string>();
  r.agreement_id = row[2].as<std::string>();
  r.apply_time = TimeFromMicros(row[3].as<int64_t>());
  r.applied_by = row[4].as<std::string>();
  r.evidence_ref = row[5].as<std::string>();
  r.review_due = WorkingDays(row[6].as<std::string>(), row[7].as<std::string>(), row[8].as<int>(),
                             row[10].as<std::string>(), row[11].as<bool>());
  r.review_policy = row[12].as<std::string>();
  if (const std::string due = row[14].as<std::string>(); !due.empty()) {
    r.extended_due = WorkingDays(row[13].as<std::string>(), due, row[15].as<int>(), row[16].as<std::string>(),
                                 row[17].as<bool>());
  }
  r.extension_reason = row[18].as<std::string>();
  r.decide_time = OptionalTimeFromMicros(row[19]);
  r.document_made = row[20].as<bool>();
  r.refusal = domain::ReviewRefusalFromName(row[21].as<std::string>()).value_or(domain::ReviewRefusal::kUnspecified);
  r.refusal_note = row[22].as<std::string>();
  r.document_number = row[23].as<std::string>();
  for (const auto& s : tx.exec_prepared("receipts_of", r.id)) {
    domain::ServiceReceipt receipt;
    receipt.item = s[0].as<std::string>();
    receipt.refused = s[1].as<bool>();
    receipt.time = TimeFromMicros(s[2].as<int64_t>());
    receipt.evidence_ref = s[3].as<std::string>();
    receipt.recorded_by = s[4].as<std::string>();
    r.receipts.push_back(std::move(receipt));
  }
  return std::optional<domain::ArbitralReview>(std::move(r));
}

absl::Status UpdateReview(Tx& tx, const domain::ArbitralReview& r) {
  const std::string ext_start = r.extended_due ? DateParam(r.extended_due->start) : "";
  const std::string ext_due = r.extended_due ? DateParam(r.extended_due->due) : "";
  const std::string decided = r.decide_time ? TimeParam(*r.decide_time) : "";
  tx.exec_prepared("review_update", r.id, ext_start, ext_due, r.extended_due ? r.extended_due->rule.length : 0,
                   r.extended_due ? r.extended_due->calendar_versions : "",
                   r.extended_due ? r.extended_due->provisional : false, r.extension_reason,
                   r.decide_time ? decided.c_str() : nullptr, r.document_made,
                   r.refusal == domain::ReviewRefusal::kUnspecified ? "" : domain::ReviewRefusalName(r.refusal),
                   r.refusal_note, r.document_number);
  return absl::OkStatus();
}

absl::Status InsertReceipt(Tx& tx, const std::string& review_id, const domain::ServiceReceipt& s) {
  tx.exec_prepared("receipt_insert", review_id, s.item, s.refused, TimeParam(s.time), s.evidence_ref, s.recorded_by);
  return absl::OkStatus();
}

}  // namespace caitiao::storage
