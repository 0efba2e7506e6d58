#include "clients/case_input.h"

#include <google/protobuf/util/json_util.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace caitiao::cli {
namespace {

absl::StatusOr<std::string> ReadAll(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path, ": ", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  return text.str();
}

}  // namespace

absl::StatusOr<caitiao::v1::Case> ReadCaseJson(const std::string& path) {
  auto text = ReadAll(path);
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
