#include "services/documents/document_requests.h"

#include "absl/strings/ascii.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/domain/text_rules.h"

namespace caitiao::services {
namespace {

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char ch : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

}  // namespace

absl::Status ReadGetDocumentRequest(const caitiao::v1::GetDocumentRequest& req) {
  if (req.id().empty()) return domain::InvalidField("id", "is required");
  return absl::OkStatus();
}

absl::Status ReadListDocumentsRequest(const caitiao::v1::ListDocumentsRequest& req) {
  if (req.case_id().empty()) return domain::InvalidField("case_id", "is required");
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadVerifyDocumentRequest(const caitiao::v1::VerifyDocumentRequest& req) {
  domain::FieldViolations v;
  if (auto p = domain::TextProblem(req.number(), 1, 200)) v.Add("number", *p);
  if (!IsSha256Hex(req.sha256())) v.Add("sha256", "must be 64 hexadecimal digits (the SHA-256 of the copy)");
  CAITIAO_RETURN_IF_ERROR(v.ToStatus());
  return absl::AsciiStrToLower(req.sha256());
}

}  // namespace caitiao::services
