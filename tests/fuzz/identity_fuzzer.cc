// Identity numbers, phones and free text on raw bytes. Besides "never crash"
// and "messages are clean text", the check characters must actually detect
// a single wrong character, and the constructors used for demo data must
// produce numbers the checkers accept.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/text_rules.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

namespace domain = caitiao::domain;
using caitiao::fuzz::ForEachCodePoint;
using caitiao::fuzz::IsCleanMessage;

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckProblem(const std::optional<std::string>& problem) {
  if (problem) FUZZ_CHECK(!problem->empty() && IsCleanMessage(*problem));
}

// YYYYMMDD, year from 1900, a real calendar date.
bool IsBirthDate(std::string_view d) {
  const int y = std::stoi(std::string(d.substr(0, 4)));
  const int m = std::stoi(std::string(d.substr(4, 2)));
  const int day = std::stoi(std::string(d.substr(6, 2)));
  const absl::CivilDay c(y, m, day);
  return y >= 1900 && c.year() == y && c.month() == m && c.day() == day;
}

// An accepted 18-character number with its last character changed to any
// other byte must be refused: that is what a check character is for.
template <typename Problem>
void CheckLastCharacterMatters(std::string_view number, Problem problem) {
  std::string changed(number);
  for (int c = 0; c < 256; ++c) {
    if (static_cast<char>(c) == number.back()) continue;
    changed.back() = static_cast<char>(c);
    FUZZ_CHECK(problem(changed).has_value());
  }
}

void CheckResidentId(std::string_view s) {
  const auto problem = domain::ResidentIdNumberProblem(s);
  CheckProblem(problem);
  if (!problem) {
    FUZZ_CHECK(s.size() == 18 && AllDigits(s.substr(0, 17)));
    FUZZ_CHECK(s[17] == domain::ResidentIdCheckCharacter(s.substr(0, 17)));
    FUZZ_CHECK(IsBirthDate(s.substr(6, 8)));
    CheckLastCharacterMatters(s, domain::ResidentIdNumberProblem);
  }
  // Completing any 17 digits gives a number accepted exactly when the birth
  // date is real.
  if (s.size() >= 17 && AllDigits(s.substr(0, 17))) {
    std::string full(s.substr(0, 17));
    full += domain::ResidentIdCheckCharacter(full);
    FUZZ_CHECK(!domain::ResidentIdNumberProblem(full).has_value() == IsBirthDate(full.substr(6, 8)));
  }
}

void CheckCreditCode(std::string_view s) {
  const auto problem = domain::UnifiedSocialCreditCodeProblem(s);
  CheckProblem(problem);
  if (!problem) {
    FUZZ_CHECK(s.size() == 18 && s.find_first_not_of(kCreditAlphabet) == std::string_view::npos);
    CheckLastCharacterMatters(s, domain::UnifiedSocialCreditCodeProblem);
  }
  if (s.size() >= 17 && s.substr(0, 17).find_first_not_of(kCreditAlphabet) == std::string_view::npos) {
    std::string full(s.substr(0, 17));
    full += domain::UnifiedSocialCreditCheckCharacter(full);
    FUZZ_CHECK(!domain::UnifiedSocialCreditCodeProblem(full).has_value());
  }
}

void CheckPhone(std::string_view s) {
  const auto problem = domain::PhoneProblem(s);
  CheckProblem(problem);
  if (!problem) {
    // Longest form: 0 + 3-digit area, '-', 8 digits, '-', 6-digit extension.
    FUZZ_CHECK(s.size() >= 10 && s.size() <= 20);
    FUZZ_CHECK(s.find_first_not_of("0123456789-+") == std::string_view::npos);
    FUZZ_CHECK(s.rfind('+') == std::string_view::npos || s.rfind('+') == 0);
  }
}

// Differential check against the independent decoder in fuzz_common.h.
void CheckText(std::string_view s, size_t min_chars, size_t max_chars, bool multiline) {
  const auto problem = domain::TextProblem(s, min_chars, max_chars, multiline);
  CheckProblem(problem);
  size_t chars = 0;
  bool bad_control = false;
  bool has_alnum = false;
  bool hidden = false;  // zero-width, BOM or bidi control other than a ZWJ
  bool joiner = false;  // a ZWJ, which passes only inside an emoji sequence
  const bool utf8 = ForEachCodePoint(s, [&](char32_t cp) {
    if (cp == 0x200D) joiner = true;
    if (cp == 0x200B || cp == 0x200C || cp == 0x2060 || cp == 0xFEFF || cp == 0x200E || cp == 0x200F ||
        cp == 0x061C || cp == 0x180E || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      hidden = true;
    }
    ++chars;
    const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    const bool line = cp == '\n' || cp == '\r' || cp == '\t';
    if (control && !(multiline && line)) bad_control = true;
    if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) has_alnum = true;
  });
  if (!problem) {
    FUZZ_CHECK(utf8 && !bad_control && !hidden && chars >= min_chars && chars <= max_chars);
    FUZZ_CHECK(domain::CodePointCount(s) == chars);
  }
  // Plainly fine text (something visible, within bounds) is accepted.
  if (utf8 && !bad_control && !hidden && !joiner && chars >= min_chars && chars <= max_chars && has_alnum) {
    FUZZ_CHECK(!problem.has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  CheckResidentId(s);
  CheckCreditCode(s);
  CheckPhone(s);
  CheckText(s, 0, 200, false);
  CheckText(s, 1, 100, false);
  CheckText(s, 1, 20000, true);
  return 0;
}
