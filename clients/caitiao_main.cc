// caitiao: the command-line client of caitiaod. See `caitiao help`.
#include <string>

#include "clients/arg_parser.h"
#include "clients/cli_commands.h"
#include "clients/command_support.h"

int main(int argc, char** argv) {
  const auto parsed = caitiao::cli::ParseArgs(argc, argv);
  if (!parsed.ok()) return caitiao::cli::UsageError(std::string(parsed.status().message()));
  return caitiao::cli::RunCommandLine(*parsed);
}
