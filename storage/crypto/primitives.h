// Cryptographic building blocks on OpenSSL (libcrypto 3.0): a CSPRNG,
// SHA-256, HMAC-SHA256, encodings and a constant-time comparison. Byte
// strings are std::string holding raw bytes.
//
// A failure inside OpenSSL here (the CSPRNG, an allocation) cannot be handled
// by a caller and must not be papered over: it aborts the process with a
// message on stderr. Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace caitiao::crypto {

// `n` bytes from OpenSSL's CSPRNG (RAND_bytes).
std::string RandomBytes(size_t n);

// SHA-256 of `data`: 32 raw bytes.
std::string Sha256(absl::string_view data);

// HMAC-SHA256 (RFC 2104) of `data` under `key`: 32 raw bytes.
std::string HmacSha256(absl::string_view key, absl::string_view data);

// base64url (RFC 4648 section 5), no '=' padding.
std::string Base64UrlNoPad(absl::string_view bytes);

// Lower-case hex, two characters per byte.
std::string Hex(absl::string_view bytes);

// Equality in time that depends only on the length (CRYPTO_memcmp); false
// when the lengths differ. For comparing MACs, tags and token hashes.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

// Aborts the process with "caitiao: fatal crypto error: <what>" and
// OpenSSL's error queue on stderr. For this library's own use.
[[noreturn]] void CryptoFatal(const char* what);

}  // namespace caitiao::crypto
