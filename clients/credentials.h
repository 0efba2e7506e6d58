// The API token a client sends as `authorization: Bearer <token>` metadata,
// shared by the CLI and the load generator. Flag-free: callers pass their
// flag values. Nothing here ever prints a token.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace caitiao::clients {

inline constexpr char kTokenEnv[] = "CAITIAO_TOKEN";
inline constexpr char kTokenFileEnv[] = "CAITIAO_TOKEN_FILE";

// The token to send, from the first of: `token` (--token), the first line of
// `token_file` (--token_file), $CAITIAO_TOKEN, the first line of the file
// named by $CAITIAO_TOKEN_FILE. Empty when there is none (the server answers
// UNAUTHENTICATED, CREDENTIALS_MISSING). INVALID_ARGUMENT when both flags are
// given, the file cannot be read, or the token has characters no token has
// (the message never contains the token).
absl::StatusOr<std::string> ResolveBearerToken(const std::string& token, const std::string& token_file);

// The `authorization` metadata value; empty for an empty token.
std::string AuthorizationValue(const std::string& token);

}  // namespace caitiao::clients
