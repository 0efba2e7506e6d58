#include "storage/crypto/field_cipher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "storage/crypto/primitives.h"

namespace caitiao::crypto {
namespace {

constexpr char kVersion = 0x01;
constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;
constexpr char kEncryptionLabel[] = "caitiao/v1/field-encryption";
constexpr char kLookupLabel[] = "caitiao/v1/lookup-hash";

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

CipherCtx NewCtx() {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (ctx == nullptr) CryptoFatal("EVP_CIPHER_CTX_new failed");
  return ctx;
}

const unsigned char* U(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* U(char* p) { return reinterpret_cast<unsigned char*>(p); }

// EVP_*Update takes int lengths: feed long input in pieces. With `out` null,
// the input is additional authenticated data. Returns false on failure.
template <typename UpdateFn>
bool UpdateAll(UpdateFn update, EVP_CIPHER_CTX* ctx, char* out, absl::string_view in) {
  size_t done = 0;
  while (done < in.size()) {
    const int chunk = static_cast<int>(std::min<size_t>(in.size() - done, INT_MAX / 2));
    int written = 0;
    if (update(ctx, out == nullptr ? nullptr : U(out + done), &written, U(in.substr(done)),
               chunk) != 1) {
      return false;
    }
    done += static_cast<size_t>(chunk);
  }
  return true;
}

absl::Status SealedDataLoss() {
  return absl::DataLossError("encrypted value cannot be decrypted: wrong key, column or damaged");
}

}  // namespace

absl::StatusOr<FieldCipher> FieldCipher::FromMasterKey(absl::string_view master_key) {
  if (master_key.size() != kMasterKeySize) {
    return absl::InvalidArgumentError(absl::StrCat("the data key must be ", kMasterKeySize,
                                                   " bytes, got ", master_key.size()));
  }
  return FieldCipher(HmacSha256(master_key, kEncryptionLabel),
                     HmacSha256(master_key, kLookupLabel));
}

std::string FieldCipher::Encrypt(absl::string_view plaintext, absl::string_view context) const {
  std::string out(kOverhead + plaintext.size(), '\0');
  out[0] = kVersion;
  const std::string nonce = RandomBytes(kNonceSize);
  std::copy(nonce.begin(), nonce.end(), out.begin() + 1);
  char* body = out.data() + 1 + kNonceSize;
  char* tag = body + plaintext.size();

  CipherCtx ctx = NewCtx();
  int final_length = 0;
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceSize), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, U(encryption_key_), U(nonce)) != 1 ||
      !UpdateAll(EVP_EncryptUpdate, ctx.get(), nullptr, context) ||
      !UpdateAll(EVP_EncryptUpdate, ctx.get(), body, plaintext) ||
      EVP_EncryptFinal_ex(ctx.get(), U(tag), &final_length) != 1 || final_length != 0 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize), tag) != 1) {
    CryptoFatal("AES-256-GCM encryption failed");
  }
  return out;
}

absl::StatusOr<std::string> FieldCipher::Decrypt(absl::string_view sealed,
                                                 absl::string_view context) const {
  if (sealed.size() < kOverhead || sealed[0] != kVersion) return SealedDataLoss();
  const absl::string_view nonce = sealed.substr(1, kNonceSize);
  const absl::string_view body = sealed.substr(1 + kNonceSize, sealed.size() - kOverhead);
  std::string tag(sealed.substr(sealed.size() - kTagSize));
  std::string plaintext(body.size(), '\0');

  CipherCtx ctx = NewCtx();
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceSize), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, U(encryption_key_), U(nonce)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize), tag.data()) != 1) {
    CryptoFatal("AES-256-GCM set-up failed");
  }
  unsigned char final_block[16];  // GCM writes nothing here
  int final_length = 0;
  if (!UpdateAll(EVP_DecryptUpdate, ctx.get(), nullptr, context) ||
      !UpdateAll(EVP_DecryptUpdate, ctx.get(), plaintext.data(), body) ||
      EVP_DecryptFinal_ex(ctx.get(), final_block, &final_length) != 1 || final_length != 0) {
    // Unauthenticated plaintext must not linger in memory.
    OPENSSL_cleanse(plaintext.data(), plaintext.size());
    return SealedDataLoss();
  }
  return plaintext;
}

std::string FieldCipher::LookupHash(absl::string_view plaintext, absl::string_view context) const {
  std::string message;
  message.reserve(context.size() + 1 + plaintext.size());
  message.append(context.data(), context.size());
  message.push_back('\0');
  message.append(plaintext.data(), plaintext.size());
  std::string hash = HmacSha256(lookup_key_, message);
  OPENSSL_cleanse(message.data(), message.size());
  return hash;
}

}  // namespace caitiao::crypto
