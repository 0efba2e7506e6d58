// Sessions, agreements (with obligations and signatures), performances and
// documents of mediation; the case's outcome columns. Every function runs in
// the caller's transaction; the append-only tables refuse updates in the
// database itself.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/domain/case_types.h"
#include "services/domain/mediation_types.h"
#include "storage/transaction.h"

namespace caitiao::storage {

void PrepareMediationStatements(pqxx::connection& conn);

absl::Status InsertSession(Tx& tx, const domain::MediationSession& session);
absl::StatusOr<std::vector<domain::MediationSession>> ListSessions(Tx& tx, const std::string& case_id);

// Inserts the agreement and its obligations. ALREADY_EXISTS-free: the caller
// checked that no current agreement exists (the unique index holds it
// under races: the second insert fails and the transaction retries).
absl::Status InsertAgreement(Tx& tx, const domain::Agreement& agreement);
// The case's current (not voided) agreement, or with `agreement_id` that
// agreement of the case; with its obligations and signatures.
absl::StatusOr<std::optional<domain::Agreement>> FindAgreement(Tx& tx, const std::string& case_id,
                                                               const std::string& agreement_id = "");
absl::Status InsertSignature(Tx& tx, const std::string& agreement_id, const domain::SignatureItem& item);
absl::Status SetAgreementEffective(Tx& tx, const std::string& agreement_id, absl::Time when);
absl::Status VoidAgreement(Tx& tx, const domain::Agreement& agreement);

absl::Status InsertExtension(Tx& tx, const domain::MediationExtension& extension);
// The extensions of one delegation's mediation period, oldest first.
absl::StatusOr<std::vector<domain::MediationExtension>> ListExtensions(Tx& tx, const std::string& delegation_id);

absl::Status InsertPerformance(Tx& tx, const domain::Performance& performance);
absl::StatusOr<std::vector<domain::Performance>> ListPerformances(Tx& tx, const std::string& agreement_id);

absl::Status InsertDocument(Tx& tx, const domain::Document& document);
absl::StatusOr<std::optional<domain::Document>> FindDocument(Tx& tx, const std::string& id);
absl::StatusOr<std::optional<domain::Document>> FindDocumentByNumber(Tx& tx, const std::string& number);
absl::StatusOr<std::vector<domain::Document>> ListDocuments(Tx& tx, const std::string& case_id);

// Writes the case's outcome columns (mediation_outcome, failure_reason,
// returned_time, closing_manner, closing_note, agreement_number,
// arbitral_document_number) from `c`.
absl::Status SetCaseOutcome(Tx& tx, const domain::CaseRecord& c);

// Marks every current consent of the case as spent by the end of a
// mediation: a new delegation needs fresh consent of every party.
absl::Status SpendConsents(Tx& tx, const std::string& case_id, absl::Time when, const std::string& reason,
                           const std::string& by);

}  // namespace caitiao::storage
