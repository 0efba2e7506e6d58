#include "clients/arg_parser.h"

#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace caitiao::cli {
namespace {

bool IsFlag(absl::string_view arg) { return arg.size() > 1 && arg[0] == '-' && arg != "--"; }

// Flag names are C identifiers; --due-before is taken for --due_before.
std::string FlagName(absl::string_view name) { return absl::StrReplaceAll(name, {{"-", "_"}}); }

// Sets one flag; `value` is empty when the argument had no "=value".
absl::Status SetFlag(absl::string_view given_name, const std::string* value, ParsedArgs& out) {
  const std::string normalized = FlagName(given_name);
  const absl::string_view name = normalized;
  absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  std::string text;
  if (flag == nullptr && absl::StartsWith(name, "no")) {
    // --nojson: the negated form exists only for bool flags.
    flag = absl::FindCommandLineFlag(name.substr(2));
    if (flag == nullptr || !flag->IsOfType<bool>() || value != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", std::string(given_name)));
    }
    text = "false";
  } else if (flag == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown flag --", std::string(given_name)));
  } else if (value != nullptr) {
    text = *value;
    // A list flag given again adds to its values: --commission=A --commission=B.
    if (flag->IsOfType<std::vector<std::string>>() && out.flags_given.count(std::string(flag->Name())) > 0) {
      const std::string before = flag->CurrentValue();
      if (!before.empty()) text = text.empty() ? before : absl::StrCat(before, ",", text);
    }
  } else if (flag->IsOfType<bool>()) {
    text = "true";
  } else {
    return absl::InvalidArgumentError(absl::StrCat("flag --", std::string(given_name), " needs a value"));
  }
  std::string error;
  if (!flag->ParseFrom(text, &error)) {
    return absl::InvalidArgumentError(absl::StrCat("flag --", std::string(flag->Name()), ": ", error));
  }
  out.flags_given.insert(std::string(flag->Name()));
  return absl::OkStatus();
}

// True when the flag named in `arg` (no "=") takes its value from the next
// argument, i.e. it is a known non-bool flag.
bool TakesNextArgument(absl::string_view name) {
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(FlagName(name));
  return flag != nullptr && !flag->IsOfType<bool>();
}

}  // namespace

absl::StatusOr<ParsedArgs> ParseArgs(int argc, char** argv) {
  ParsedArgs out;
  bool flags_ended = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (flags_ended || !IsFlag(arg)) {
      out.positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    const absl::string_view body = absl::StripPrefix(absl::StripPrefix(arg, "-"), "-");
    if (body == "help" || body == "h") {
      out.help = true;
      continue;
    }
    const size_t eq = body.find('=');
    absl::Status set;
    if (eq != absl::string_view::npos) {
      const std::string value(body.substr(eq + 1));
      set = SetFlag(body.substr(0, eq), &value, out);
    } else if (TakesNextArgument(body) && i + 1 < argc) {
      const std::string value = argv[++i];
      set = SetFlag(body, &value, out);
    } else {
      set = SetFlag(body, nullptr, out);
    }
    if (!set.ok()) return set;
  }
  return out;
}

}  // namespace caitiao::cli
