// Helpers shared by the fuzz targets. The oracles here are written
// independently of services/domain on purpose: a fuzzer that checks the code
// against itself finds nothing.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "services/domain/errors.h"

namespace caitiao::fuzz {

// Prints why before trapping, so the crash report says which invariant broke
// (libFuzzer shows stderr next to the stack).
#define FUZZ_CHECK(cond)                                                               \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      __builtin_trap();                                                                \
    }                                                                                  \
  } while (0)

// Strict UTF-8 per RFC 3629 (no overlongs, surrogates or > U+10FFFF), decoded
// by value ranges rather than the lead-byte tables the project uses.
// Calls on_code_point(cp) for each code point; false on the first bad byte.
template <typename Fn>
bool ForEachCodePoint(std::string_view s, Fn on_code_point) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t n = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || s.size() - i < n) return false;
    char32_t cp = n == 1 ? b0 : (b0 & (0x7F >> n));
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    on_code_point(cp);
    i += n;
  }
  return true;
}

inline bool IsValidUtf8(std::string_view s) {
  return ForEachCodePoint(s, [](char32_t) {});
}

// Text we send back to clients (error descriptions, messages) must fit a
// proto3 string and must not carry the \x1e/\x1f separators errors.cc uses to
// encode field violations, nor any other control character.
inline bool IsCleanMessage(std::string_view s) {
  bool clean = true;
  const bool utf8 = ForEachCodePoint(s, [&](char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) clean = false;
  });
  return utf8 && clean;
}

inline void CheckViolations(const std::vector<domain::FieldViolation>& items) {
  for (const auto& v : items) {
    FUZZ_CHECK(!v.field.empty());
    FUZZ_CHECK(IsCleanMessage(v.field));
    FUZZ_CHECK(!v.description.empty());
    FUZZ_CHECK(IsCleanMessage(v.description));
  }
}

// Violations must survive the trip through the status payload unchanged,
// since that is how they reach ErrorDetail.
inline void CheckViolations(const domain::FieldViolations& v) {
  CheckViolations(v.items());
  const absl::Status s = v.ToStatus();
  FUZZ_CHECK(s.ok() == v.empty());
  if (!s.ok()) {
    FUZZ_CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(IsValidUtf8(std::string_view(s.message().data(), s.message().size())));
    FUZZ_CHECK(domain::FieldsOf(s) == v.items());
  }
}

}  // namespace caitiao::fuzz
