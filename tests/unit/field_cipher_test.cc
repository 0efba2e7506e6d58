#include "storage/crypto/field_cipher.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/crypto/primitives.h"

namespace caitiao::crypto {
namespace {

constexpr char kContext[] = "case_parties.identity_number";
constexpr char kIdNumber[] = "420106199001011234";

FieldCipher MakeCipher(const std::string& master) {
  absl::StatusOr<FieldCipher> cipher = FieldCipher::FromMasterKey(master);
  EXPECT_TRUE(cipher.ok()) << cipher.status();
  return *cipher;
}

std::string MasterKey(char fill) { return std::string(32, fill); }

// ---- primitives: known answers and encodings ----

TEST(PrimitivesTest, Sha256KnownAnswer) {
  EXPECT_EQ(Hex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(PrimitivesTest, HmacSha256Rfc4231TestCase2) {
  EXPECT_EQ(Hex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(PrimitivesTest, HmacSha256Rfc4231TestCase1) {
  EXPECT_EQ(Hex(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(PrimitivesTest, HmacSha256AcceptsEmptyKeyAndData) {
  EXPECT_EQ(HmacSha256("", "").size(), 32u);
  EXPECT_NE(HmacSha256("", ""), HmacSha256("k", ""));
}

TEST(PrimitivesTest, Base64UrlNoPadUsesUrlAlphabetWithoutPadding) {
  EXPECT_EQ(Base64UrlNoPad(""), "");
  EXPECT_EQ(Base64UrlNoPad("f"), "Zg");
  EXPECT_EQ(Base64UrlNoPad("fo"), "Zm8");
  EXPECT_EQ(Base64UrlNoPad("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlNoPad("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlNoPad("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlNoPad(std::string("\xfb\xef\xbe", 3)), "----");
  for (size_t n = 0; n < 40; ++n) {
    const std::string encoded = Base64UrlNoPad(RandomBytes(n));
    EXPECT_EQ(encoded.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << encoded;
    EXPECT_EQ(encoded.size(), (n * 4 + 2) / 3);
  }
}

TEST(PrimitivesTest, HexIsLowerCase) {
  EXPECT_EQ(Hex(""), "");
  EXPECT_EQ(Hex(std::string("\x00\xab\xff\x10", 4)), "00abff10");
}

TEST(PrimitivesTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(PrimitivesTest, RandomBytesHaveTheLengthAndDiffer) {
  EXPECT_EQ(RandomBytes(0), "");
  EXPECT_EQ(RandomBytes(1000).size(), 1000u);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

// ---- FieldCipher: keys ----

TEST(FieldCipherTest, MasterKeyMustBe32Bytes) {
  for (size_t n : {0, 1, 16, 31, 33, 64}) {
    absl::StatusOr<FieldCipher> cipher = FieldCipher::FromMasterKey(std::string(n, 'k'));
    EXPECT_EQ(cipher.status().code(), absl::StatusCode::kInvalidArgument) << n;
  }
  EXPECT_TRUE(FieldCipher::FromMasterKey(MasterKey('k')).ok());
}

// ---- FieldCipher: round trips ----

TEST(FieldCipherTest, RoundTrips) {
  const FieldCipher cipher = MakeCipher(RandomBytes(32));
  std::string kib;
  for (int i = 0; i < 1024; ++i) kib += static_cast<char>('a' + i % 26);
  const std::vector<std::string> texts = {
      "",
      kIdNumber,
      "11010519491231002X",
      "张三 湖北省武汉市江汉区 护照 E12345678",
      "\xF0\x9F\x98\x80 emoji",
      std::string("nul\0inside", 10),
      kib,
      RandomBytes(1024),
  };
  for (const std::string& text : texts) {
    const std::string sealed = cipher.Encrypt(text, kContext);
    EXPECT_EQ(sealed.size(), text.size() + FieldCipher::kOverhead);
    EXPECT_EQ(sealed[0], '\x01');
    absl::StatusOr<std::string> opened = cipher.Decrypt(sealed, kContext);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, text);
  }
}

TEST(FieldCipherTest, EmptyContextRoundTrips) {
  const FieldCipher cipher = MakeCipher(MasterKey('e'));
  absl::StatusOr<std::string> opened = cipher.Decrypt(cipher.Encrypt(kIdNumber, ""), "");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, kIdNumber);
}

TEST(FieldCipherTest, SameMasterKeyAndCopiesDecrypt) {
  const FieldCipher a = MakeCipher(MasterKey('s'));
  const FieldCipher b = MakeCipher(MasterKey('s'));
  const FieldCipher copy = a;
  const std::string sealed = a.Encrypt(kIdNumber, kContext);
  EXPECT_EQ(*b.Decrypt(sealed, kContext), kIdNumber);
  EXPECT_EQ(*copy.Decrypt(sealed, kContext), kIdNumber);
}

TEST(FieldCipherTest, EachEncryptionDiffers) {
  const FieldCipher cipher = MakeCipher(MasterKey('d'));
  const std::string first = cipher.Encrypt(kIdNumber, kContext);
  const std::string second = cipher.Encrypt(kIdNumber, kContext);
  EXPECT_NE(first, second);
  EXPECT_NE(first.substr(1, 12), second.substr(1, 12)) << "nonce reused";
  EXPECT_NE(cipher.Encrypt("", kContext), cipher.Encrypt("", kContext));
}

TEST(FieldCipherTest, CiphertextDoesNotContainThePlaintext) {
  const FieldCipher cipher = MakeCipher(MasterKey('c'));
  for (const std::string& text : {std::string(kIdNumber), std::string(64, 'A')}) {
    const std::string sealed = cipher.Encrypt(text, kContext);
    EXPECT_EQ(sealed.find(text), std::string::npos);
    EXPECT_EQ(sealed.find(text.substr(0, 8)), std::string::npos);
    EXPECT_EQ(sealed.find(kContext), std::string::npos) << "context is not stored";
  }
}

// The sealed format, checked with an independent AES-256-GCM decryption: a
// stored value must stay readable by later versions of this code.
TEST(FieldCipherTest, FormatIsVersionNonceCiphertextTagUnderDerivedKey) {
  const std::string master = MasterKey('f');
  const std::string sealed = MakeCipher(master).Encrypt(kIdNumber, kContext);
  const std::string key = HmacSha256(master, "caitiao/v1/field-encryption");
  const std::string nonce = sealed.substr(1, 12);
  const std::string body = sealed.substr(13, sealed.size() - 29);
  std::string tag = sealed.substr(sealed.size() - 16);
  auto u = [](const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); };

  std::unique_ptr<EVP_CIPHER_CTX, void (*)(EVP_CIPHER_CTX*)> ctx(EVP_CIPHER_CTX_new(),
                                                                 EVP_CIPHER_CTX_free);
  std::string plain(body.size(), '\0');
  int n = 0;
  unsigned char last[16];
  ASSERT_EQ(EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, u(key), u(nonce)), 1);
  ASSERT_EQ(EVP_DecryptUpdate(ctx.get(), nullptr, &n, u(std::string(kContext)),
                              static_cast<int>(sizeof(kContext) - 1)),
            1);
  ASSERT_EQ(EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &n,
                              u(body), static_cast<int>(body.size())),
            1);
  ASSERT_EQ(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, tag.data()), 1);
  EXPECT_EQ(EVP_DecryptFinal_ex(ctx.get(), last, &n), 1);
  EXPECT_EQ(plain, kIdNumber);
}

// ---- FieldCipher: failures are DATA_LOSS ----

void ExpectDataLoss(const FieldCipher& cipher, const std::string& sealed, const std::string& context,
                    const std::string& what) {
  absl::StatusOr<std::string> opened = cipher.Decrypt(sealed, context);
  ASSERT_FALSE(opened.ok()) << what;
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kDataLoss) << what;
  EXPECT_EQ(opened.status().message().find(kIdNumber), absl::string_view::npos) << what;
  if (!context.empty()) {
    EXPECT_EQ(opened.status().message().find(context), absl::string_view::npos) << what;
  }
}

TEST(FieldCipherTest, WrongKeyIsDataLoss) {
  const std::string sealed = MakeCipher(MasterKey('1')).Encrypt(kIdNumber, kContext);
  ExpectDataLoss(MakeCipher(MasterKey('2')), sealed, kContext, "wrong key");
  std::string near = MasterKey('1');
  near[31] ^= 1;
  ExpectDataLoss(MakeCipher(near), sealed, kContext, "key one bit off");
}

TEST(FieldCipherTest, WrongContextIsDataLoss) {
  const FieldCipher cipher = MakeCipher(MasterKey('x'));
  const std::string sealed = cipher.Encrypt(kIdNumber, kContext);
  ExpectDataLoss(cipher, sealed, "case_parties.phone", "other column");
  ExpectDataLoss(cipher, sealed, "", "empty context");
  ExpectDataLoss(cipher, sealed, std::string(kContext) + " ", "context with a trailing space");
  ExpectDataLoss(cipher, cipher.Encrypt(kIdNumber, ""), kContext, "sealed without context");
}

TEST(FieldCipherTest, EveryFlippedBitIsDataLoss) {
  const FieldCipher cipher = MakeCipher(MasterKey('b'));
  const std::string sealed = cipher.Encrypt(kIdNumber, kContext);
  // 0: version, 1-12: nonce, 13-30: ciphertext, 31-46: tag.
  ASSERT_EQ(sealed.size(), 47u);
  for (size_t i = 0; i < sealed.size(); ++i) {
    const char* region = i == 0 ? "version" : i <= 12 ? "nonce" : i <= 30 ? "body" : "tag";
    for (int bit = 0; bit < 8; ++bit) {
      std::string tampered = sealed;
      tampered[i] = static_cast<char>(tampered[i] ^ (1 << bit));
      ExpectDataLoss(cipher, tampered, kContext,
                     std::string(region) + " byte " + std::to_string(i) + " bit " +
                         std::to_string(bit));
    }
  }
}

TEST(FieldCipherTest, TruncatedOrExtendedIsDataLoss) {
  const FieldCipher cipher = MakeCipher(MasterKey('t'));
  const std::string sealed = cipher.Encrypt(kIdNumber, kContext);
  for (size_t n = 0; n < sealed.size(); ++n) {
    ExpectDataLoss(cipher, sealed.substr(0, n), kContext, "first " + std::to_string(n));
    ExpectDataLoss(cipher, sealed.substr(sealed.size() - n), kContext,
                   "last " + std::to_string(n));
  }
  ExpectDataLoss(cipher, sealed + '\0', kContext, "one byte appended");
  // An empty plaintext seals to exactly kOverhead bytes; one fewer is too short.
  const std::string empty = cipher.Encrypt("", kContext);
  ExpectDataLoss(cipher, empty.substr(0, empty.size() - 1), kContext, "empty, truncated");
}

TEST(FieldCipherTest, UnknownVersionIsDataLoss) {
  const FieldCipher cipher = MakeCipher(MasterKey('v'));
  std::string sealed = cipher.Encrypt(kIdNumber, kContext);
  for (char version : {'\x00', '\x02', '\xff'}) {
    sealed[0] = version;
    ExpectDataLoss(cipher, sealed, kContext, "version " + std::to_string(version));
  }
}

// ---- FieldCipher: lookup hashes ----

TEST(FieldCipherTest, LookupHashIsDeterministicAndSeparated) {
  const FieldCipher cipher = MakeCipher(MasterKey('h'));
  const std::string hash = cipher.LookupHash(kIdNumber, kContext);
  EXPECT_EQ(hash.size(), 32u);
  EXPECT_EQ(cipher.LookupHash(kIdNumber, kContext), hash);
  EXPECT_EQ(MakeCipher(MasterKey('h')).LookupHash(kIdNumber, kContext), hash);
  EXPECT_NE(cipher.LookupHash(kIdNumber, "case_parties.phone"), hash);
  EXPECT_NE(MakeCipher(MasterKey('H')).LookupHash(kIdNumber, kContext), hash);
  EXPECT_NE(cipher.LookupHash("420106199001011235", kContext), hash);
  EXPECT_NE(hash, Sha256(kIdNumber));
  EXPECT_NE(hash, HmacSha256(MasterKey('h'), kIdNumber));
  // The '\0' separator keeps context and plaintext apart.
  EXPECT_NE(cipher.LookupHash("bc", "a"), cipher.LookupHash("c", "ab"));
  EXPECT_EQ(cipher.LookupHash("", "").size(), 32u);
}

TEST(FieldCipherTest, LookupHashUsesItsOwnSubkey) {
  const std::string master = MasterKey('l');
  const std::string lookup_key = HmacSha256(master, "caitiao/v1/lookup-hash");
  const std::string message = std::string(kContext) + '\0' + kIdNumber;
  EXPECT_EQ(MakeCipher(master).LookupHash(kIdNumber, kContext), HmacSha256(lookup_key, message));
  EXPECT_NE(lookup_key, HmacSha256(master, "caitiao/v1/field-encryption"));
}

// ---- FieldCipher: concurrency ----

TEST(FieldCipherTest, ConcurrentUseOfOneCipher) {
  const FieldCipher cipher = MakeCipher(RandomBytes(32));
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cipher, &failures, t] {
      for (int i = 0; i < 300; ++i) {
        const std::string text = std::to_string(t) + ":" + std::to_string(i);
        absl::StatusOr<std::string> opened =
            cipher.Decrypt(cipher.Encrypt(text, kContext), kContext);
        if (!opened.ok() || *opened != text ||
            cipher.LookupHash(text, kContext) != cipher.LookupHash(text, kContext)) {
          ++failures[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace caitiao::crypto
