// The requests of caitiao.v1.DocumentService read without a database (see
// services/cases/case_requests.h for the pattern). Refusals are
// INVALID_ARGUMENT (FIELD_INVALID).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "caitiao/v1/document.pb.h"

namespace caitiao::services {

absl::Status ReadGetDocumentRequest(const caitiao::v1::GetDocumentRequest& req);
absl::Status ReadListDocumentsRequest(const caitiao::v1::ListDocumentsRequest& req);
// VerifyDocument: the SHA-256 given, in lower case.
absl::StatusOr<std::string> ReadVerifyDocumentRequest(const caitiao::v1::VerifyDocumentRequest& req);

}  // namespace caitiao::services
