// Issuing a numbered document: its number from the commission's yearly
// sequence, its canonical rendering's SHA-256, stored in the caller's
// transaction.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/common/call_context.h"
#include "services/domain/case_types.h"
#include "services/domain/mediation_types.h"
#include "storage/transaction.h"

namespace caitiao::services {

// The next number of `kind` in the case's commission's sequence for the
// current year, formatted with DocumentNumberTemplate(…, word).
absl::StatusOr<std::string> NextDocumentNumber(storage::Tx& tx, const CallContext& call,
                                               const domain::CaseRecord& c, domain::DocumentKind kind,
                                               const char* word);

// Stores the document with the SHA-256 of `rendering`.
absl::StatusOr<domain::Document> IssueDocument(storage::Tx& tx, const CallContext& call, domain::DocumentKind kind,
                                               const std::string& number, const domain::CaseRecord& c,
                                               const std::string& issuer, std::string rendering);

// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(const std::string& text);

}  // namespace caitiao::services
