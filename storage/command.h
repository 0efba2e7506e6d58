// Runs a helper program (initdb, pg_ctl, setfacl) and reports its exit code
// and output. Used only at start-up and shutdown, never on a request path.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace caitiao::storage {

struct CommandResult {
  int exit_code = -1;  // -1 if killed by a signal
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (searched on PATH) with its arguments, in a new session so a
// terminal's Ctrl-C reaches only the server. If `as_user` is non-empty, runs
// it through `runuser -u <as_user> --`. Fails only if it cannot be started.
absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         const std::string& as_user = "");

}  // namespace caitiao::storage
