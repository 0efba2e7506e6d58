// Reading a whole input file named on the command line ("-" is stdin).
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace caitiao::cli {

// The file's bytes; INVALID_ARGUMENT naming the file if it cannot be read.
absl::StatusOr<std::string> ReadInputFile(const std::string& path);

}  // namespace caitiao::cli
