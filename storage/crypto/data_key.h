// The data key: the 32-byte master key of the FieldCipher, kept in a file
// outside the repository (64 hex characters and a newline, mode 0600).
// Losing it loses every encrypted value; it is never logged, and no error
// message here contains key material.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace caitiao::crypto {

// 64 hex characters (either case), optionally surrounded by whitespace, to
// 32 raw bytes; INVALID_ARGUMENT otherwise.
absl::StatusOr<std::string> ParseDataKey(absl::string_view text);

// Reads and parses the key file at `path`. NOT_FOUND if it does not exist;
// FAILED_PRECONDITION if it is not a regular file or group or others may
// read or write it ("chmod 600 <path>"); INVALID_ARGUMENT for bad contents.
absl::StatusOr<std::string> LoadDataKeyFile(const std::string& path);

// LoadDataKeyFile, except that a missing file is created: parent folders
// with mode 0700, then 32 fresh random bytes as hex and "\n", written and
// fsync'ed to a temporary file (O_EXCL, mode 0600) that is then linked into
// place, so the key file is never seen half-written. *created (if not null)
// tells which happened. When another process creates the file at the same
// moment, its key is loaded instead.
absl::StatusOr<std::string> LoadOrCreateDataKeyFile(const std::string& path, bool* created);

}  // namespace caitiao::crypto
