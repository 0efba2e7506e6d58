#include "services/domain/identity_numbers.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace caitiao::domain {
namespace {

// Both numbers are 17 payload characters and one check character.
constexpr size_t kPayloadLength = 17;
constexpr size_t kNumberLength = 18;

// GB 11643-1999: weight i is 2^(17-i) mod 11; the remainder of the weighted
// sum mod 11 indexes the check character.
constexpr std::array<int, kPayloadLength> kResidentWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                              3, 7, 9,  10, 5, 8, 4, 2};
constexpr std::string_view kResidentCheckChars = "10X98765432";

// GB 32100-2015: the 31-character alphabet (I, O, Z, S, V left out because
// they are easily confused with 1, 0, 2, 5, U) and weights 3^i mod 31.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, kPayloadLength> kCreditWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                            29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::string_view kExcludedLetters = "IOZSV";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Shape checks shared by both numbers. Non-ASCII is reported before length:
// full-width digits from a Chinese input method are three bytes each, so a
// byte count would only confuse.
std::optional<std::string> ShapeProblem(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return "must be typed with half-width (ASCII) characters: switch the input method out "
             "of full-width mode and re-type it";
    }
  }
  if (s.size() != kNumberLength) {
    return absl::StrCat("must be 18 characters, got ", s.size());
  }
  return std::nullopt;
}

// Names the expected check character, but points the clerk at the whole
// number: the typo is usually in another digit, and "fixing" only the last
// character would let a wrong number through.
std::string MistypedCheck(char expected, char got, std::string_view what,
                          std::string_view compare_with) {
  return absl::StrCat("check character should be ", std::string(1, expected), ", not ",
                      std::string(1, got), ": the ", std::string(what),
                      " is mistyped; compare every character with ", std::string(compare_with));
}

// The caller has checked these are digits.
int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Digits 7-14 of a resident number are the birth date. The date itself is
// personal data, so the message about it does not repeat it.
bool IsRealBirthDate(std::string_view yyyymmdd) {
  int year = DigitsValue(yyyymmdd.substr(0, 4));
  int month = DigitsValue(yyyymmdd.substr(4, 2));
  int day = DigitsValue(yyyymmdd.substr(6, 2));
  if (year < 1900) return false;
  // CivilDay normalises 02-30 to 03-02; a real date survives unchanged.
  absl::CivilDay d(year, month, day);
  return d.year() == year && d.month() == month && d.day() == day;
}

int CreditValue(char c) {
  size_t pos = kCreditAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::optional<std::string> CreditCharacterProblem(char c, size_t index) {
  std::string where = absl::StrCat("character ", index + 1);
  if (IsLower(c)) return absl::StrCat("letters must be upper case (", where, " is lower case)");
  if (kExcludedLetters.find(c) != std::string_view::npos) {
    return absl::StrCat(where, " is the letter ", std::string(1, c),
                        ", which these codes never use (no I, O, Z, S or V); perhaps a digit "
                        "or U was meant");
  }
  if (CreditValue(c) < 0) {
    return absl::StrCat(where, " must be a digit or an upper-case letter");
  }
  return std::nullopt;
}

}  // namespace

char ResidentIdCheckCharacter(std::string_view first17) {
  // Only meaningful for 17 digits; '?' never matches a real check character.
  if (first17.size() != kPayloadLength || !AllDigits(first17)) return '?';
  int sum = 0;
  for (size_t i = 0; i < kPayloadLength; ++i) sum += (first17[i] - '0') * kResidentWeights[i];
  return kResidentCheckChars[sum % 11];
}

char UnifiedSocialCreditCheckCharacter(std::string_view first17) {
  if (first17.size() != kPayloadLength) return '?';
  int sum = 0;
  for (size_t i = 0; i < kPayloadLength; ++i) {
    int value = CreditValue(first17[i]);
    if (value < 0) return '?';
    sum += value * kCreditWeights[i];
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

std::optional<std::string> ResidentIdNumberProblem(std::string_view number) {
  if (auto problem = ShapeProblem(number)) return problem;
  for (size_t i = 0; i < kPayloadLength; ++i) {
    if (!IsDigit(number[i])) {
      return absl::StrCat("character ", i + 1, " must be a digit (only the last may be X)");
    }
  }
  char last = number[kPayloadLength];
  if (last == 'x') return "check character must be upper-case X, not lower-case x";
  if (!IsDigit(last) && last != 'X') return "the last character must be a digit or X";
  // The check character first: a wrong one means a mistyped digit anywhere,
  // including in the date, and that is the likelier cause.
  char expected = ResidentIdCheckCharacter(number.substr(0, kPayloadLength));
  if (expected != last) return MistypedCheck(expected, last, "number", "the identity card");
  if (!IsRealBirthDate(number.substr(6, 8))) {
    return "digits 7-14 must be the holder's birth date (YYYYMMDD, from 1900), but they are "
           "not a real date; compare the number with the identity card";
  }
  return std::nullopt;
}

std::optional<std::string> UnifiedSocialCreditCodeProblem(std::string_view code) {
  if (auto problem = ShapeProblem(code)) return problem;
  for (size_t i = 0; i < kNumberLength; ++i) {
    if (auto problem = CreditCharacterProblem(code[i], i)) return problem;
  }
  char expected = UnifiedSocialCreditCheckCharacter(code.substr(0, kPayloadLength));
  char last = code[kPayloadLength];
  if (expected != last) return MistypedCheck(expected, last, "code", "the business licence");
  return std::nullopt;
}

std::optional<absl::CivilDay> ResidentIdBirthDate(std::string_view number) {
  if (ResidentIdNumberProblem(number)) return std::nullopt;
  return absl::CivilDay(DigitsValue(number.substr(6, 4)), DigitsValue(number.substr(10, 2)),
                        DigitsValue(number.substr(12, 2)));
}

}  // namespace caitiao::domain
