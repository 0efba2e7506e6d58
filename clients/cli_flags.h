// Every flag the client understands. They are process-wide absl flags, so a
// command-specific flag is defined once here and each command lists the ones
// it accepts (see cli_commands.cc); the rest are rejected as usage errors.
#pragma once

#include <cstdint>
#include <string>

#include "absl/flags/declare.h"
#include "absl/time/time.h"

// Global: where to connect and who the caller is.
ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, user);
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(absl::Duration, timeout);

// Per command.
ABSL_DECLARE_FLAG(std::string, route_stage);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::string, commission);
ABSL_DECLARE_FLAG(std::string, filter);
ABSL_DECLARE_FLAG(int32_t, page_size);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, etag);
ABSL_DECLARE_FLAG(std::string, fields);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, parent);

namespace caitiao::cli {

// Names of the global flags, allowed with every command.
inline constexpr const char* kGlobalFlags[] = {"server", "user", "role", "region", "json", "timeout"};

}  // namespace caitiao::cli
