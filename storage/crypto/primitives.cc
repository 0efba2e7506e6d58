#include "storage/crypto/primitives.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/escaping.h"

namespace caitiao::crypto {
namespace {

// OpenSSL wants non-null pointers even for empty input, and an empty
// absl::string_view may have a null data().
const unsigned char* Bytes(absl::string_view s) {
  static const unsigned char kEmpty = 0;
  return s.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

[[noreturn]] void CryptoFatal(const char* what) {
  std::fprintf(stderr, "caitiao: fatal crypto error: %s\n", what);
  ERR_print_errors_fp(stderr);
  std::fflush(stderr);
  std::abort();
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  size_t done = 0;
  while (done < n) {
    const int chunk = static_cast<int>(std::min<size_t>(n - done, INT_MAX));
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done), chunk) != 1) {
      CryptoFatal("RAND_bytes failed: the system random number generator is unavailable");
    }
    done += static_cast<size_t>(chunk);
  }
  return out;
}

std::string Sha256(absl::string_view data) {
  std::string out(32, '\0');
  unsigned int length = 0;
  if (EVP_Digest(Bytes(data), data.size(), reinterpret_cast<unsigned char*>(out.data()), &length,
                 EVP_sha256(), nullptr) != 1 ||
      length != out.size()) {
    CryptoFatal("SHA-256 failed");
  }
  return out;
}

std::string HmacSha256(absl::string_view key, absl::string_view data) {
  if (key.size() > INT_MAX) CryptoFatal("HMAC key too long");
  std::string out(32, '\0');
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), Bytes(key), static_cast<int>(key.size()), Bytes(data), data.size(),
           reinterpret_cast<unsigned char*>(out.data()), &length) == nullptr ||
      length != out.size()) {
    CryptoFatal("HMAC-SHA256 failed");
  }
  return out;
}

std::string Base64UrlNoPad(absl::string_view bytes) { return absl::WebSafeBase64Escape(bytes); }

std::string Hex(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(Bytes(a), Bytes(b), a.size()) == 0;
}

}  // namespace caitiao::crypto
