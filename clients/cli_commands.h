// The command table: which commands exist, their arguments and flags, and
// the dispatch from a parsed command line to a handler.
#pragma once

#include <ostream>

#include "clients/arg_parser.h"

namespace caitiao::cli {

// Runs the command named by parsed.positional[0]; returns the exit code
// (0 ok, 1 RPC error, 2 usage error).
int RunCommandLine(const ParsedArgs& parsed);

void PrintHelp(std::ostream& out);

}  // namespace caitiao::cli
