// The human views of MediationService and DocumentService answers: sessions,
// the agreement with its obligations and checklist, and documents.
#pragma once

#include <ostream>

#include "caitiao/v1/document.pb.h"
#include "caitiao/v1/mediation.pb.h"
#include "caitiao/v1/review.pb.h"
#include "clients/table_printer.h"

namespace caitiao::cli {

// sessions: one row per session, oldest first.
Table NewSessionTable();
void AddSessionRow(Table& table, const caitiao::v1::MediationSession& session);

// agreement draft/show/sign/void, perform: the agreement over several lines,
// one row per obligation (with what was performed), the checklist (✔ recorded,
// ✘ missing), and the case's state and etag after the call.
void PrintAgreement(const caitiao::v1::Agreement& agreement, std::ostream& out);

// apply-review … refuse-service: the review, its deadlines, its decision and
// the service receipts, and the case's state and etag after the call.
void PrintReview(const caitiao::v1::ArbitralReview& review, std::ostream& out);

// documents: one row per document.
Table NewDocumentTable();
void AddDocumentRow(Table& table, const caitiao::v1::Document& document);

// document: its metadata, then its rendering as issued.
void PrintDocument(const caitiao::v1::Document& document, std::ostream& out);

}  // namespace caitiao::cli
