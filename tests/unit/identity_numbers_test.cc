#include "services/domain/identity_numbers.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace caitiao::domain {
namespace {

testing::AssertionResult HasSubstr(const std::optional<std::string>& text, std::string_view part) {
  if (!text)
    return testing::AssertionFailure() << "no problem reported, expected \"" << part << "\"";
  if (text->find(part) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "\"" << *text << "\" does not contain \"" << part << "\"";
}

// Independent reference implementations, written from the standards rather
// than copied from the code under test: GB 11643 / ISO 7064 MOD 11-2 weights
// are 2^(17-i) mod 11 and the check value is (12 - sum mod 11) mod 11 with 10
// written X; GB 32100 weights are 3^i mod 31 and the check value is
// 31 - sum mod 31 (31 -> 0).
char ReferenceResidentCheck(std::string_view first17) {
  int sum = 0;
  int weight = 1 << 17;  // 2^17, reduced below
  for (char c : first17) {
    sum += (c - '0') * (weight % 11);
    weight /= 2;
  }
  int value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : static_cast<char>('0' + value);
}

constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char ReferenceCreditCheck(std::string_view first17) {
  int sum = 0;
  int weight = 1;
  for (char c : first17) {
    sum += static_cast<int>(kCreditAlphabet.find(c)) * weight;
    weight = weight * 3 % 31;
  }
  return kCreditAlphabet[(31 - sum % 31) % 31];
}

// GB 11643-1999's own worked example, and numbers completed by the reference.
constexpr std::string_view kPublishedResidentId = "11010519491231002X";
constexpr std::string_view kPublishedCreditCode = "91350100M000100Y43";

std::string CompleteResident(std::string_view first17) {
  return std::string(first17) + ReferenceResidentCheck(first17);
}

std::string CompleteCredit(std::string_view first17) {
  return std::string(first17) + ReferenceCreditCheck(first17);
}

std::vector<std::string> ValidResidentIds() {
  return {std::string(kPublishedResidentId),     CompleteResident("42010219900307123"),
          CompleteResident("42900419851231004"), CompleteResident("42010620000229001"),
          CompleteResident("11010119000101001"), CompleteResident("44030520231130567")};
}

std::vector<std::string> ValidCreditCodes() {
  return {std::string(kPublishedCreditCode), CompleteCredit("91420100MA4KXY123"),
          CompleteCredit("12420000441234567"), CompleteCredit("52420102MJH123456"),
          CompleteCredit("92420106MA4LUTWX0")};
}

// ---- reference cross-checks ----

TEST(IdentityNumbersTest, ReferenceAgreesWithPublishedExamples) {
  EXPECT_EQ(ReferenceResidentCheck(kPublishedResidentId.substr(0, 17)), 'X');
  EXPECT_EQ(ReferenceCreditCheck(kPublishedCreditCode.substr(0, 17)), '3');
}

TEST(IdentityNumbersTest, ResidentIdCheckCharacter_MatchesReference) {
  for (const std::string& id : ValidResidentIds()) {
    std::string_view first17 = std::string_view(id).substr(0, 17);
    EXPECT_EQ(ResidentIdCheckCharacter(first17), ReferenceResidentCheck(first17)) << id;
  }
  EXPECT_EQ(ResidentIdCheckCharacter("11010519491231002"), 'X');
}

TEST(IdentityNumbersTest, ResidentIdCheckCharacter_CoversEveryCheckValue) {
  // Varying two sequence digits reaches all 11 check values, X included.
  std::string seen;
  for (int a = 0; a < 10; ++a) {
    for (int b = 0; b < 10; ++b) {
      std::string first17 = "4201021990030712" + std::to_string(b);
      first17[14] = static_cast<char>('0' + a);
      char c = ResidentIdCheckCharacter(first17);
      EXPECT_EQ(c, ReferenceResidentCheck(first17)) << first17;
      if (seen.find(c) == std::string::npos) seen += c;
    }
  }
  EXPECT_EQ(seen.size(), 11u) << seen;
}

TEST(IdentityNumbersTest, ResidentIdCheckCharacter_ReturnsQuestionMarkForBadInput) {
  EXPECT_EQ(ResidentIdCheckCharacter("1101051949123100"), '?');
  EXPECT_EQ(ResidentIdCheckCharacter("110105194912310020"), '?');
  EXPECT_EQ(ResidentIdCheckCharacter("1101051949123100A"), '?');
  EXPECT_EQ(ResidentIdCheckCharacter(""), '?');
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCheckCharacter_MatchesReference) {
  for (const std::string& code : ValidCreditCodes()) {
    std::string_view first17 = std::string_view(code).substr(0, 17);
    EXPECT_EQ(UnifiedSocialCreditCheckCharacter(first17), ReferenceCreditCheck(first17)) << code;
  }
  EXPECT_EQ(UnifiedSocialCreditCheckCharacter("91350100M000100Y4"), '3');
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCheckCharacter_ReturnsQuestionMarkForBadInput) {
  EXPECT_EQ(UnifiedSocialCreditCheckCharacter("91350100M000100Y"), '?');
  EXPECT_EQ(UnifiedSocialCreditCheckCharacter("91350100M000100O4"), '?');  // O excluded
  EXPECT_EQ(UnifiedSocialCreditCheckCharacter("91350100m000100Y4"), '?');  // lower case
  EXPECT_EQ(UnifiedSocialCreditCheckCharacter(""), '?');
}

// ---- resident identity numbers ----

TEST(IdentityNumbersTest, ResidentIdNumber_AcceptsValidNumbers) {
  for (const std::string& id : ValidResidentIds()) {
    EXPECT_EQ(ResidentIdNumberProblem(id), std::nullopt) << id;
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsWrongCheckCharacter) {
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem("110105194912310025"),
                        "check character should be X, not 5: the number is mistyped"));
  std::string id = CompleteResident("42010219900307123");
  char right = id.back();
  id.back() = right == '0' ? '1' : '0';
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem(id),
                        std::string("check character should be ") + right + ", not " + id.back()));
}

TEST(IdentityNumbersTest, ResidentIdNumber_CatchesEverySingleCharacterMistype) {
  const std::string_view alphabet = "0123456789X";
  for (const std::string& valid : ValidResidentIds()) {
    for (size_t pos = 0; pos < valid.size(); ++pos) {
      for (char c : alphabet) {
        if (c == valid[pos]) continue;
        std::string typo = valid;
        typo[pos] = c;
        EXPECT_NE(ResidentIdNumberProblem(typo), std::nullopt) << typo;
      }
    }
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_CatchesAdjacentTranspositions) {
  for (const std::string& valid : ValidResidentIds()) {
    for (size_t pos = 0; pos + 1 < 17; ++pos) {
      if (valid[pos] == valid[pos + 1]) continue;
      std::string swapped = valid;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_NE(ResidentIdNumberProblem(swapped), std::nullopt) << swapped;
    }
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsLowerCaseX) {
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem("11010519491231002x"), "upper-case X"));
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsWrongLengths) {
  struct Case {
    std::string number;
    std::string expected;
  };
  const std::string valid(kPublishedResidentId);
  const std::vector<Case> cases = {
      {"", "must be 18 characters, got 0"},
      {valid.substr(0, 17), "must be 18 characters, got 17"},
      {valid + "0", "must be 18 characters, got 19"},
      {"110105491231002", "must be 18 characters, got 15"},  // old 15-digit format
      {" " + valid, "must be 18 characters, got 19"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem(c.number), c.expected)) << c.number;
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsFullWidthDigitsAsNotHalfWidth) {
  // "１１０１０５１９４９１２３１００２Ｘ": 18 characters but 54 bytes.
  std::string full_width;
  for (char c : kPublishedResidentId) {
    unsigned code = c == 'X' ? 0xFF38 : 0xFF10 + (c - '0');
    full_width += static_cast<char>(0xE0 | (code >> 12));
    full_width += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    full_width += static_cast<char>(0x80 | (code & 0x3F));
  }
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem(full_width), "half-width"));
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsNonDigitInFirstSeventeen) {
  EXPECT_TRUE(
      HasSubstr(ResidentIdNumberProblem("1101X519491231002X"), "character 5 must be a digit"));
  EXPECT_TRUE(
      HasSubstr(ResidentIdNumberProblem("110105-9491231002X"), "character 7 must be a digit"));
  EXPECT_TRUE(
      HasSubstr(ResidentIdNumberProblem("X10105194912310020"), "character 1 must be a digit"));
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsBadLastCharacter) {
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem("11010519491231002Y"), "digit or X"));
  EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem("11010519491231002 "), "digit or X"));
}

TEST(IdentityNumbersTest, ResidentIdNumber_RejectsImpossibleBirthDates) {
  // Each has a correct check character, so only the date can be at fault.
  const std::vector<std::string> birth_dates = {
      "18991231",  // before 1900
      "19490230",  // 30 February
      "19000229",  // 1900 was not a leap year
      "19491301",  // month 13
      "19490001",  // month 0
      "19490100",  // day 0
      "19490431",  // 31 April
      "00000000",
  };
  for (const std::string& date : birth_dates) {
    std::string id = CompleteResident("420102" + date + "123");
    EXPECT_TRUE(HasSubstr(ResidentIdNumberProblem(id), "not a real date")) << id;
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_AcceptsEdgeBirthDates) {
  for (const std::string date : {"19000101", "20000229", "19491231", "20991231"}) {
    std::string id = CompleteResident("420102" + date + "123");
    EXPECT_EQ(ResidentIdNumberProblem(id), std::nullopt) << id;
  }
}

TEST(IdentityNumbersTest, ResidentIdNumber_DoesNotEchoTheNumberOrBirthDate) {
  std::vector<std::string> bad = {"110105194912310025", "11010519491231002x",
                                  CompleteResident("42010219490230123")};
  for (const std::string& id : bad) {
    auto problem = ResidentIdNumberProblem(id);
    ASSERT_TRUE(problem) << id;
    EXPECT_EQ(problem->find(id.substr(0, 17)), std::string::npos) << *problem;
    EXPECT_EQ(problem->find(id.substr(6, 8)), std::string::npos) << *problem;
  }
}

// ---- unified social credit codes ----

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_AcceptsValidCodes) {
  for (const std::string& code : ValidCreditCodes()) {
    EXPECT_EQ(UnifiedSocialCreditCodeProblem(code), std::nullopt) << code;
  }
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsWrongCheckCharacter) {
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("91350100M000100Y44"),
                        "check character should be 3, not 4: the code is mistyped"));
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_CatchesEverySingleCharacterMistype) {
  for (const std::string& valid : ValidCreditCodes()) {
    for (size_t pos = 0; pos < valid.size(); ++pos) {
      for (char c : kCreditAlphabet) {
        if (c == valid[pos]) continue;
        std::string typo = valid;
        typo[pos] = c;
        EXPECT_NE(UnifiedSocialCreditCodeProblem(typo), std::nullopt) << typo;
      }
    }
  }
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_CatchesAdjacentTranspositions) {
  for (const std::string& valid : ValidCreditCodes()) {
    for (size_t pos = 0; pos + 1 < 17; ++pos) {
      if (valid[pos] == valid[pos + 1]) continue;
      std::string swapped = valid;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_NE(UnifiedSocialCreditCodeProblem(swapped), std::nullopt) << swapped;
    }
  }
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsExcludedLetters) {
  for (char letter : std::string_view("IOZSV")) {
    std::string code(kPublishedCreditCode);
    code[8] = letter;  // the 'M'
    EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem(code), "character 9 is the letter"))
        << code;
    EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem(code), "never use")) << code;
  }
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsLowerCase) {
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("91350100m000100Y43"), "upper case"));
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("91350100M000100y43"),
                        "character 16 is lower case"));
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsPunctuation) {
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("91350100-000100Y43"),
                        "character 9 must be a digit or an upper-case letter"));
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsWrongLengths) {
  const std::string valid(kPublishedCreditCode);
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem(""), "must be 18 characters, got 0"));
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem(valid.substr(0, 17)),
                        "must be 18 characters, got 17"));
  EXPECT_TRUE(
      HasSubstr(UnifiedSocialCreditCodeProblem(valid + "3"), "must be 18 characters, got 19"));
  // The old 15-digit business registration number is not a credit code.
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("420100000123456"),
                        "must be 18 characters, got 15"));
}

TEST(IdentityNumbersTest, UnifiedSocialCreditCode_RejectsNonAscii) {
  // Full-width Ｍ (U+FF2D) in place of M.
  EXPECT_TRUE(HasSubstr(UnifiedSocialCreditCodeProblem("91350100\xEF\xBC\xAD"
                                                       "000100Y43"),
                        "half-width"));
}

TEST(IdentityNumbersTest, Descriptions_NeverContainSeparatorCharacters) {
  const std::vector<std::string> inputs = {
      "", "\x1e", "\x1f", "11010519491231002\x1f", "91350100M000100Y4\x1e", "110105194912310025"};
  for (const std::string& input : inputs) {
    for (const auto& problem :
         {ResidentIdNumberProblem(input), UnifiedSocialCreditCodeProblem(input)}) {
      ASSERT_TRUE(problem);
      EXPECT_EQ(problem->find_first_of("\x1e\x1f"), std::string::npos) << *problem;
    }
  }
}

}  // namespace
}  // namespace caitiao::domain
