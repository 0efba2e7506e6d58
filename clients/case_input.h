// Reading a caitiao.v1.Case from a proto3-JSON file for create-case/update.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "caitiao/v1/case.pb.h"

namespace caitiao::cli {

// `path` "-" reads stdin. Field names may be the .proto (snake_case) or JSON
// (lowerCamelCase) names; enums by name or number. Unknown fields are an
// error so a misspelt field is not silently dropped. INVALID_ARGUMENT carries
// the file name and the parser's message.
absl::StatusOr<caitiao::v1::Case> ReadCaseJson(const std::string& path);

}  // namespace caitiao::cli
