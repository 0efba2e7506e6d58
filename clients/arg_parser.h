// Command-line parsing into the absl flags of cli_flags.h.
//
// absl::ParseCommandLine exits with status 1 on an unknown or malformed flag,
// which this client reserves for RPC errors; this parser reports those as
// usage errors instead (exit 2) and remembers which flags were given so a
// command can reject flags that do not apply to it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace caitiao::cli {

struct ParsedArgs {
  // Non-flag arguments in order: the command first, then its arguments.
  std::vector<std::string> positional;
  // Names of the flags set on the command line.
  std::set<std::string> flags_given;
  // --help or -h was given.
  bool help = false;
};

// Accepts --name=value, --name value, --bool, --nobool (one or two dashes);
// '-' and '_' inside a name are the same (--due-before is --due_before);
// a list flag (std::vector<std::string>) given more than once collects every
// value, as if they had been comma-separated;
// "--" ends the flags and a lone "-" (stdin) is positional. Flags may come
// before or after the command. INVALID_ARGUMENT names the offending flag.
absl::StatusOr<ParsedArgs> ParseArgs(int argc, char** argv);

}  // namespace caitiao::cli
