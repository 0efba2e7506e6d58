#include "clients/credentials.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace caitiao::clients {
namespace {

absl::StatusOr<std::string> FirstLineOf(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot read the token file ", path, " (", what, "): ", std::strerror(errno)));
  }
  std::string line;
  std::getline(in, line);
  const std::string token(absl::StripAsciiWhitespace(line));
  if (token.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("the token file ", path, " (", what, ") has no token"));
  }
  return token;
}

// Metadata values are visible ASCII; anything else (a pasted blank, a second
// line) is a mistake the server could only call TOKEN_MALFORMED.
absl::Status CheckPrintable(const std::string& token, const std::string& where) {
  for (const char c : token) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(
          absl::StrCat("the token from ", where, " contains a blank or a non-ASCII character"));
    }
  }
  return absl::OkStatus();
}

const char* Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

absl::StatusOr<std::string> ResolveBearerToken(const std::string& token, const std::string& token_file) {
  if (!token.empty() && !token_file.empty()) {
    return absl::InvalidArgumentError("give --token or --token_file, not both");
  }
  std::string resolved;
  std::string where;
  if (!token.empty()) {
    resolved = std::string(absl::StripAsciiWhitespace(token));
    where = "--token";
  } else if (!token_file.empty()) {
    where = "--token_file";
    auto read = FirstLineOf(token_file, where);
    if (!read.ok()) return read.status();
    resolved = *std::move(read);
  } else if (const char* env = Env(kTokenEnv)) {
    resolved = std::string(absl::StripAsciiWhitespace(env));
    where = kTokenEnv;
  } else if (const char* env_file = Env(kTokenFileEnv)) {
    where = kTokenFileEnv;
    auto read = FirstLineOf(env_file, where);
    if (!read.ok()) return read.status();
    resolved = *std::move(read);
  }
  if (auto st = CheckPrintable(resolved, where); !st.ok()) return st;
  return resolved;
}

std::string AuthorizationValue(const std::string& token) {
  return token.empty() ? std::string() : absl::StrCat("Bearer ", token);
}

}  // namespace caitiao::clients
