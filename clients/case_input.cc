#include "clients/case_input.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "clients/input_file.h"

namespace caitiao::cli {

absl::StatusOr<caitiao::v1::Case> ReadCaseJson(const std::string& path) {
  auto text = ReadInputFile(path);
  if (!text.ok()) return text.status();
  caitiao::v1::Case c;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(*text, &c, options);
  if (!parsed.ok()) {
    const std::string name = path == "-" ? "stdin" : path;
    return absl::InvalidArgumentError(
        absl::StrCat(name, " is not a valid caitiao.v1.Case in JSON: ", std::string(parsed.message())));
  }
  return c;
}

}  // namespace caitiao::cli
