#include "clients/json_output.h"

#include <google/protobuf/util/json_util.h>

namespace caitiao::cli {

void PrintJson(const google::protobuf::Message& message, JsonStyle style, std::ostream& out) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = style == JsonStyle::kPretty;
  std::string json;
  // Serializing a message the server sent cannot fail short of a bug; show
  // the reason rather than print nothing.
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    out << "{\"error\": \"cannot print as JSON\"}\n";
    return;
  }
  // add_whitespace output already ends with a newline, the compact one not.
  if (json.empty() || json.back() != '\n') json += '\n';
  out << json;
}

}  // namespace caitiao::cli
