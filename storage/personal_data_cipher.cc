#include "storage/personal_data_cipher.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

std::atomic<const crypto::FieldCipher*> installed{nullptr};

const crypto::FieldCipher& Cipher() {
  const crypto::FieldCipher* c = installed.load(std::memory_order_acquire);
  if (c == nullptr) {
    // A wiring bug: storing personal data without a key must never happen.
    std::fprintf(stderr, "caitiao: no field cipher installed before storing personal data\n");
    std::abort();
  }
  return *c;
}

}  // namespace

void InstallFieldCipher(const crypto::FieldCipher& cipher) {
  // Deliberately leaked: readers on other threads may still use the old one.
  installed.store(new crypto::FieldCipher(cipher), std::memory_order_release);
}

bool HasFieldCipher() { return installed.load(std::memory_order_acquire) != nullptr; }

std::string SealForColumn(absl::string_view plaintext, absl::string_view column) {
  if (plaintext.empty()) return "";
  return HexParam(Cipher().Encrypt(plaintext, column));
}

absl::StatusOr<std::string> OpenFromColumn(absl::string_view sealed_hex, absl::string_view column) {
  if (sealed_hex.empty()) return std::string();
  return Cipher().Decrypt(BytesFromHex(std::string_view(sealed_hex.data(), sealed_hex.size())), column);
}

std::string LookupHashForColumn(absl::string_view plaintext, absl::string_view column) {
  if (plaintext.empty()) return "";
  return HexParam(Cipher().LookupHash(plaintext, column));
}

absl::Status VerifyDataKey(Tx& tx) {
  const std::string check = LookupHashForColumn("caitiao data key check v1", "data_key_check");
  pqxx::result stored = tx.exec("SELECT encode(key_check, 'hex') FROM data_key_check FOR UPDATE");
  if (stored.empty()) {
    tx.exec_params("INSERT INTO data_key_check (key_check) VALUES (decode($1, 'hex'))", check);
    return absl::OkStatus();
  }
  if (stored[0][0].as<std::string>() != check) {
    return domain::WithReason(
        absl::FailedPreconditionError("this data key is not the one this database's personal data was sealed "
                                      "with; give the original key (--data_key_file or CAITIAO_DATA_KEY)"),
        domain::reasons::kDataKeyMismatch);
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> DatabaseHasDataKey(Tx& tx) {
  return !tx.exec("SELECT 1 FROM data_key_check").empty();
}

absl::StatusOr<int64_t> EncryptLegacyIdentityNumbers(Tx& tx) {
  constexpr char kResident[] = "case_parties.resident_id_number";
  constexpr char kOther[] = "case_parties.other_id_number";
  int64_t changed = 0;
  pqxx::result rows = tx.exec(
      "SELECT case_id::text, side, position, resident_id_number, other_id_number FROM case_parties "
      "WHERE resident_id_number <> '' OR other_id_number <> '' FOR UPDATE");
  for (const auto& row : rows) {
    const std::string resident = row[3].as<std::string>();
    const std::string other = row[4].as<std::string>();
    tx.exec_params(
        "UPDATE case_parties SET resident_id_number = '', other_id_number = '', "
        "resident_id_number_enc = coalesce(decode(NULLIF($4, ''), 'hex'), resident_id_number_enc), "
        "resident_id_number_hash = coalesce(decode(NULLIF($5, ''), 'hex'), resident_id_number_hash), "
        "other_id_number_enc = coalesce(decode(NULLIF($6, ''), 'hex'), other_id_number_enc) "
        "WHERE case_id = $1::uuid AND side = $2 AND position = $3",
        row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(), SealForColumn(resident, kResident),
        LookupHashForColumn(resident, kResident), SealForColumn(other, kOther));
    ++changed;
  }
  return changed;
}

}  // namespace caitiao::storage
