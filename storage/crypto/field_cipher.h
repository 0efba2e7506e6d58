// Encryption of personal data at rest (identity numbers and the like), one
// column value at a time, with AES-256-GCM.
//
// Sealed format: 0x01 (version) | 12-byte random nonce | ciphertext |
// 16-byte tag, with `context` (the column, e.g.
// "case_parties.identity_number") as additional authenticated data, so a
// value copied into another column does not decrypt there.
//
// Two independent subkeys come from the 32-byte master key with HMAC-SHA256:
// one encrypts, one computes lookup hashes. A lookup hash is deterministic,
// so an indexed column of them finds equal values without decrypting, and it
// reveals nothing about the encryption key.
//
// Copyable; const methods are safe to call from many threads at once (each
// call has its own OpenSSL context). Nonces are random, so one master key
// may seal up to about 2^32 values.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace caitiao::crypto {

class FieldCipher {
 public:
  static constexpr size_t kMasterKeySize = 32;
  static constexpr size_t kOverhead = 1 + 12 + 16;  // version, nonce, tag

  // INVALID_ARGUMENT unless `master_key` is exactly 32 bytes.
  static absl::StatusOr<FieldCipher> FromMasterKey(absl::string_view master_key);

  // Sealed bytes, kOverhead longer than the plaintext; a fresh nonce each call.
  std::string Encrypt(absl::string_view plaintext, absl::string_view context) const;

  // The plaintext, or DATA_LOSS (with no data in the message) when the
  // version is unknown, the value is too short, or authentication fails:
  // wrong key, wrong context, or changed bytes.
  absl::StatusOr<std::string> Decrypt(absl::string_view sealed, absl::string_view context) const;

  // HMAC-SHA256(lookup subkey, context + '\0' + plaintext): 32 raw bytes.
  std::string LookupHash(absl::string_view plaintext, absl::string_view context) const;

 private:
  FieldCipher(std::string encryption_key, std::string lookup_key)
      : encryption_key_(std::move(encryption_key)), lookup_key_(std::move(lookup_key)) {}

  std::string encryption_key_;  // 32 bytes, AES-256
  std::string lookup_key_;      // 32 bytes, HMAC-SHA256
};

}  // namespace caitiao::crypto
