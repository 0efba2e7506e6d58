#include "services/mediation/documents.h"

#include "services/common/ids.h"
#include "services/domain/case_number.h"
#include "services/domain/china_time.h"
#include "services/domain/document_rendering.h"
#include "services/domain/status_macros.h"
#include "storage/crypto/primitives.h"
#include "storage/directory_repository.h"
#include "storage/docking_repository.h"
#include "storage/mediation_repository.h"

namespace caitiao::services {

std::string Sha256Hex(const std::string& text) { return crypto::Hex(crypto::Sha256(text)); }

absl::StatusOr<std::string> NextDocumentNumber(storage::Tx& tx, const CallContext& call,
                                               const domain::CaseRecord& c, domain::DocumentKind kind,
                                               const char* word) {
  CAITIAO_ASSIGN_OR_RETURN(auto commission, storage::FindCommission(tx, c.commission_id));
  if (!commission) return absl::InternalError("the case's commission is missing");
  const int year = static_cast<int>(domain::ChinaDay(call.now).year());
  CAITIAO_ASSIGN_OR_RETURN(const int64_t seq,
                           storage::NextDocumentSequence(tx, commission->id, domain::DocumentKindName(kind), year));
  return domain::FormatCaseNumber(domain::DocumentNumberTemplate(commission->case_number_template, word), year, seq);
}

absl::StatusOr<domain::Document> IssueDocument(storage::Tx& tx, const CallContext& call, domain::DocumentKind kind,
                                               const std::string& number, const domain::CaseRecord& c,
                                               const std::string& issuer, std::string rendering) {
  domain::Document d;
  d.id = NewUuid();
  d.kind = kind;
  d.number = number;
  d.case_id = c.id;
  d.issuer = issuer;
  d.issued_by = call.principal.id;
  d.issue_time = call.now;
  d.sha256 = Sha256Hex(rendering);
  d.rendering = std::move(rendering);
  CAITIAO_RETURN_IF_ERROR(storage::InsertDocument(tx, d));
  return d;
}

}  // namespace caitiao::services
