// The process's cipher for personal data at rest, and how identity numbers
// are sealed into and opened from their columns.
//
// The server installs the cipher once at start-up, from the data key (see
// crypto/data_key.h), before any repository runs; tests install a test key.
// Repositories that store identity numbers use the functions below, so no
// identity number reaches the database in clear.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/crypto/field_cipher.h"
#include "storage/transaction.h"

namespace caitiao::storage {

// Replaces the installed cipher (the previous one stays valid for readers
// that still hold it).
void InstallFieldCipher(const crypto::FieldCipher& cipher);
bool HasFieldCipher();

// Hex of the sealed value for `decode($n, 'hex')`; "" for an empty value (the
// column stays NULL). `column` names the column and binds the ciphertext to it.
std::string SealForColumn(absl::string_view plaintext, absl::string_view column);
// The plaintext from `encode(col, 'hex')`; "" for NULL/empty. DATA_LOSS if the
// value does not decrypt under the installed key.
absl::StatusOr<std::string> OpenFromColumn(absl::string_view sealed_hex, absl::string_view column);
// Hex of the keyed lookup hash, "" for an empty value.
std::string LookupHashForColumn(absl::string_view plaintext, absl::string_view column);

// Checks the installed key against the database's key check (written on the
// first start). FAILED_PRECONDITION (DATA_KEY_MISMATCH) if the database's
// personal data was sealed with another key.
absl::Status VerifyDataKey(Tx& tx);

// Whether a data key has sealed this database (its key check is stored):
// then a new key must not be made for it, since it could read nothing.
absl::StatusOr<bool> DatabaseHasDataKey(Tx& tx);

// Encrypts identity numbers that an earlier version stored in clear and
// empties their plaintext columns. Returns how many parties it changed.
absl::StatusOr<int64_t> EncryptLegacyIdentityNumbers(Tx& tx);

}  // namespace caitiao::storage
