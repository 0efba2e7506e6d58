// Every flag the client understands. They are process-wide absl flags, so a
// command-specific flag is defined once here and each command lists the ones
// it accepts (see cli_commands.cc); the rest are rejected as usage errors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/time/time.h"

// Global: where to connect, over what, and the caller's credentials.
ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, token);
ABSL_DECLARE_FLAG(std::string, token_file);
ABSL_DECLARE_FLAG(std::string, ca);
ABSL_DECLARE_FLAG(std::string, cert);
ABSL_DECLARE_FLAG(std::string, key);
ABSL_DECLARE_FLAG(std::string, server_name);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(absl::Duration, timeout);

// Per command: cases and the directory.
ABSL_DECLARE_FLAG(std::string, route_stage);
ABSL_DECLARE_FLAG(std::string, request_id);
ABSL_DECLARE_FLAG(std::vector<std::string>, commission);
ABSL_DECLARE_FLAG(std::string, filter);
ABSL_DECLARE_FLAG(int32_t, page_size);
ABSL_DECLARE_FLAG(std::string, page_token);
ABSL_DECLARE_FLAG(bool, all);
ABSL_DECLARE_FLAG(std::string, etag);
ABSL_DECLARE_FLAG(std::string, fields);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, parent);
ABSL_DECLARE_FLAG(bool, unmask);

// Per command: access administration.
ABSL_DECLARE_FLAG(std::string, role);
ABSL_DECLARE_FLAG(std::string, label);
ABSL_DECLARE_FLAG(std::string, room);
ABSL_DECLARE_FLAG(std::vector<std::string>, region);
ABSL_DECLARE_FLAG(std::string, ttl);
ABSL_DECLARE_FLAG(std::string, principal);
ABSL_DECLARE_FLAG(std::string, method);
ABSL_DECLARE_FLAG(std::string, outcome);
ABSL_DECLARE_FLAG(std::string, resource);
ABSL_DECLARE_FLAG(bool, refused);
ABSL_DECLARE_FLAG(bool, unmasked);
ABSL_DECLARE_FLAG(int32_t, limit);

// Per command: reporting.
ABSL_DECLARE_FLAG(std::string, resume);

namespace caitiao::cli {

// Names of the global flags, allowed with every command.
inline constexpr const char* kGlobalFlags[] = {"server", "token",       "token_file", "ca",     "cert",
                                               "key",    "server_name", "json",       "timeout"};

}  // namespace caitiao::cli
