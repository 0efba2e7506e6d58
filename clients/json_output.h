// --json output: protobuf's canonical JSON mapping with the .proto field
// names (snake_case), Chinese left as UTF-8.
#pragma once

#include <google/protobuf/message.h>

#include <ostream>

namespace caitiao::cli {

// Pretty-printed (one document over several lines) or compact (one line, for
// the JSON Lines output of --all).
enum class JsonStyle { kPretty, kOneLine };

void PrintJson(const google::protobuf::Message& message, JsonStyle style, std::ostream& out);

}  // namespace caitiao::cli
