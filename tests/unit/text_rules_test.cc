#include "services/domain/text_rules.h"

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

std::string Repeat(std::string_view unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

constexpr std::string_view kHan = "劳";  // one code point, three bytes

// ---- CodePointCount ----

TEST(TextRulesTest, CodePointCount_CountsCharactersNotBytes) {
  struct Case {
    std::string text;
    size_t count;
  };
  const std::vector<Case> cases = {
      {"", 0},
      {"abc", 3},
      {"劳动争议", 4},  // 12 bytes
      {"张三 Zhang", 8},
      {"\xF0\x9F\x98\x80", 1},   // U+1F600, four bytes
      {"\xC3\xA9t\xC3\xA9", 3},  // "été"
      {"鄂武劳人仲案字〔2026〕第12号", 17},
  };
  for (const Case& c : cases) EXPECT_EQ(CodePointCount(c.text), c.count) << c.text;
}

// ---- TextProblem: length ----

TEST(TextRulesTest, TextProblem_AcceptsPlainAndChineseText) {
  EXPECT_EQ(TextProblem("Zhang San", 1, 100), std::nullopt);
  EXPECT_EQ(TextProblem("武汉市某某科技有限公司", 1, 100), std::nullopt);
  EXPECT_EQ(TextProblem("a\xF0\x9F\x98\x80z", 1, 3), std::nullopt);
}

TEST(TextRulesTest, TextProblem_CountsLengthInCodePoints) {
  // 100 Han characters are 300 bytes but exactly at a 100-character limit.
  EXPECT_EQ(TextProblem(Repeat(kHan, 100), 1, 100), std::nullopt);
  EXPECT_TRUE(
      HasSubstr(TextProblem(Repeat(kHan, 101), 1, 100), "must be at most 100 characters, got 101"));
  EXPECT_TRUE(
      HasSubstr(TextProblem(Repeat(kHan, 1), 2, 100), "must be at least 2 characters, got 1"));
  EXPECT_EQ(TextProblem(Repeat(kHan, 2), 2, 2), std::nullopt);
}

TEST(TextRulesTest, TextProblem_EmptyIsRequiredOnlyWhenMinimumIsPositive) {
  EXPECT_TRUE(HasSubstr(TextProblem("", 1, 100), "is required"));
  EXPECT_EQ(TextProblem("", 0, 100), std::nullopt);
}

TEST(TextRulesTest, TextProblem_RejectsInvisibleFormattingAnywhere) {
  const std::vector<std::pair<std::string, std::string>> hidden = {
      {"\xE2\x80\x8B", "U+200B"},  // zero-width space
      {"\xE2\x80\x8C", "U+200C"},  // zero-width non-joiner
      {"\xE2\x80\x8D", "U+200D"},  // zero-width joiner between letters
      {"\xE2\x81\xA0", "U+2060"},  // word joiner
      {"\xEF\xBB\xBF", "U+FEFF"},  // byte-order mark
      {"\xE2\x80\x8E", "U+200E"},  // LRM
      {"\xE2\x80\x8F", "U+200F"},  // RLM
      {"\xE2\x80\xAA", "U+202A"},  // LRE
      {"\xE2\x80\xAC", "U+202C"},  // PDF
      {"\xE2\x80\xAD", "U+202D"},  // LRO
      {"\xE2\x80\xAE", "U+202E"},  // RLO
      {"\xE2\x81\xA6", "U+2066"},  // LRI
      {"\xE2\x81\xA7", "U+2067"},  // RLI
      {"\xE2\x81\xA8", "U+2068"},  // FSI
      {"\xE2\x81\xA9", "U+2069"},  // PDI
  };
  for (const auto& [cp, name] : hidden) {
    for (bool multiline : {false, true}) {
      const std::string text = "张" + cp + "三";
      const auto problem = TextProblem(text, 1, 100, multiline);
      EXPECT_TRUE(HasSubstr(problem, name)) << name << (multiline ? " multiline" : "");
      EXPECT_TRUE(HasSubstr(problem, "at character 2")) << name;
      EXPECT_TRUE(HasSubstr(TextProblem(cp, 0, 100, multiline), name)) << name << " alone";
    }
  }
}

TEST(TextRulesTest, TextProblem_AcceptsAJoinerInsideAnEmojiSequence) {
  // 👨‍👩‍👧 (man ZWJ woman ZWJ girl) and 👍🏽.
  EXPECT_EQ(TextProblem("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 1, 100),
            std::nullopt);
  EXPECT_EQ(TextProblem("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 1, 100), std::nullopt);
  // A joiner after an emoji but before a letter, or at the end, is hidden formatting.
  EXPECT_TRUE(HasSubstr(TextProblem("\xF0\x9F\x91\xA8\xE2\x80\x8D" "a", 1, 100), "U+200D"));
  EXPECT_TRUE(HasSubstr(TextProblem("\xF0\x9F\x91\xA8\xE2\x80\x8D", 1, 100), "U+200D"));
}

TEST(TextRulesTest, TextProblem_RejectsWhitespaceOnlyWhenRequired) {
  const std::vector<std::string> blanks = {
      " ",
      "   ",
      "\xE3\x80\x80\xE3\x80\x80",  // ideographic spaces U+3000
      "\xC2\xA0",                  // no-break space
  };
  for (const std::string& blank : blanks) {
    EXPECT_TRUE(HasSubstr(TextProblem(blank, 1, 100), "only spaces")) << blank;
    EXPECT_EQ(TextProblem(blank, 0, 100), std::nullopt) << blank;
  }
  EXPECT_TRUE(HasSubstr(TextProblem(" \n\t ", 1, 100, /*multiline=*/true), "only spaces"));
  EXPECT_EQ(TextProblem(" x ", 1, 100), std::nullopt);
}

// ---- TextProblem: UTF-8 validity ----

TEST(TextRulesTest, TextProblem_RejectsInvalidUtf8) {
  struct Case {
    std::string bytes;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"\xC0\xAF", "overlong '/' (2 bytes)"},
      {"\xC1\xBF", "overlong U+007F"},
      {"\xE0\x80\xAF", "overlong '/' (3 bytes)"},
      {"\xE0\x9F\xBF", "overlong U+07FF"},
      {"\xF0\x80\x80\xAF", "overlong '/' (4 bytes)"},
      {"\xF0\x8F\xBF\xBF", "overlong U+FFFF"},
      {"\x80", "lone continuation byte"},
      {"a\xBF"
       "b",
       "continuation byte between letters"},
      {"\xED\xA0\x80", "high surrogate U+D800"},
      {"\xED\xBF\xBF", "low surrogate U+DFFF"},
      {"\xF4\x90\x80\x80", "above U+10FFFF"},
      {"\xF5\x80\x80\x80", "lead byte F5"},
      {"\xF8\x88\x80\x80\x80", "5-byte form"},
      {"\xFE", "byte FE"},
      {"\xFF", "byte FF"},
      {"\xC3", "truncated 2-byte sequence at end"},
      {"\xE5\x8A", "truncated 3-byte sequence at end"},
      {"\xE5\x8A"
       "a",
       "truncated 3-byte sequence before ASCII"},
      {"\xF0\x9F\x98", "truncated 4-byte sequence"},
      {"\xE5\x41\x42", "lead byte followed by ASCII"},
      {"劳\xE5\x8A", "valid text then truncated"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(HasSubstr(TextProblem(c.bytes, 0, 100), "not valid UTF-8")) << c.why;
    EXPECT_TRUE(HasSubstr(TextProblem(c.bytes, 0, 100, true), "not valid UTF-8")) << c.why;
  }
}

TEST(TextRulesTest, TextProblem_ReportsByteOffsetOfInvalidUtf8) {
  EXPECT_TRUE(HasSubstr(TextProblem("ab\xC0\xAF", 0, 100), "offset 2"));
  EXPECT_TRUE(HasSubstr(TextProblem("劳\x80", 0, 100), "offset 3"));
}

TEST(TextRulesTest, TextProblem_AcceptsUtf8Boundaries) {
  const std::vector<std::string> boundaries = {
      "\xC2\xA1",          // U+00A1, first printable 2-byte
      "\xDF\xBF",          // U+07FF, last 2-byte
      "\xE0\xA0\x80",      // U+0800, first 3-byte
      "\xED\x9F\xBF",      // U+D7FF, just below the surrogates
      "\xEE\x80\x80",      // U+E000, just above them
      "\xEF\xBF\xBD",      // U+FFFD
      "\xF0\x90\x80\x80",  // U+10000, first 4-byte
      "\xF4\x8F\xBF\xBF",  // U+10FFFF, the last code point
  };
  for (const std::string& b : boundaries) {
    EXPECT_EQ(TextProblem(b, 1, 1), std::nullopt) << b;
    EXPECT_EQ(CodePointCount(b), 1u) << b;
  }
}

// ---- TextProblem: control characters ----

TEST(TextRulesTest, TextProblem_RejectsControlCharacters) {
  struct Case {
    std::string text;
    std::string code;
  };
  const std::vector<Case> cases = {
      {std::string("a\0b", 3), "U+0000"},
      {"a\x07", "U+0007"},
      {"\x1b[0m", "U+001B"},
      {"a\x1e", "U+001E"},
      {"a\x1f", "U+001F"},
      {"a\x7f", "U+007F"},
      {"a\xC2\x80", "U+0080"},
      {"a\xC2\x85", "U+0085"},
      {"a\xC2\x9F", "U+009F"},
      {"\x0b", "U+000B"},
      {"\x0c", "U+000C"},
  };
  for (const Case& c : cases) {
    for (bool multiline : {false, true}) {
      auto problem = TextProblem(c.text, 0, 100, multiline);
      EXPECT_TRUE(HasSubstr(problem, "control character")) << c.code;
      EXPECT_TRUE(HasSubstr(problem, c.code)) << c.code;
    }
  }
}

TEST(TextRulesTest, TextProblem_ReportsPositionOfControlCharacterInCharacters) {
  EXPECT_TRUE(HasSubstr(TextProblem("劳动\x07", 0, 100), "at character 3"));
}

TEST(TextRulesTest, TextProblem_LineBreaksAndTabsOnlyWhenMultiline) {
  for (const std::string text :
       {"line one\nline two", "a\r\nb", "a\tb", "\xE7\x90\x86\xE7\x94\xB1\n"}) {
    EXPECT_TRUE(HasSubstr(TextProblem(text, 1, 100), "single line")) << text;
    EXPECT_EQ(TextProblem(text, 1, 100, /*multiline=*/true), std::nullopt) << text;
  }
}

TEST(TextRulesTest, TextProblem_DescriptionsNeverContainSeparators) {
  for (const std::string text : {"\x1e", "\x1f", "a\x1e\x1f", "\xC0\xAF\x1f"}) {
    for (bool multiline : {false, true}) {
      auto problem = TextProblem(text, 1, 100, multiline);
      ASSERT_TRUE(problem);
      EXPECT_EQ(problem->find_first_of("\x1e\x1f"), std::string::npos) << *problem;
    }
  }
}

// ---- PhoneProblem ----

TEST(TextRulesTest, PhoneProblem_AcceptsMobileAndLandlineFormats) {
  const std::vector<std::string> valid = {
      "13800138000",         "19912345678",    "15027112345",   "+8613800138000",
      "8613800138000",       "027-87654321",   "02787654321",   "010-12345678",
      "0755-1234567",        "07551234567",    "0710-12345678", "027-87654321-1",
      "027-87654321-123456", "02787654321-12", "0278765432",    "071012345678",
  };
  for (const std::string& phone : valid) EXPECT_EQ(PhoneProblem(phone), std::nullopt) << phone;
}

TEST(TextRulesTest, PhoneProblem_RejectsMalformedNumbers) {
  struct Case {
    std::string phone;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "is empty"},
      {"12800138000", "must start with 13 to 19"},
      {"10800138000", "must start with 13 to 19"},
      {"1380013800", "must be 11 digits, got 10"},
      {"138001380000", "must be 11 digits, got 12"},
      {"+861380013800", "must be 11 digits, got 10"},
      {"+8612800138000", "must start with 13 to 19"},
      {"+86-13800138000", "no '-'"},
      {"138-0013-8000", "no '-'"},
      {"+85291234567", "only mainland numbers"},
      {"+86", "must be 11 digits, got 0"},
      {"138 0013 8000", "half-width digits"},
      {"(027)87654321", "half-width digits"},
      {"\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98", "half-width digits"},  // full-width "138"
      {"tel:13800138000", "half-width digits"},
      {"27-87654321", "must be a mobile number"},
      {"86", "must be a mobile number"},
      {"8613800138", "must be a mobile number"},
      {"027-876543", "a landline must be"},      // local part too short
      {"027-876543210", "a landline must be"},   // local part too long
      {"0-87654321", "a landline must be"},      // area code too short
      {"02771-87654321", "a landline must be"},  // area code too long
      {"027--87654321", "a landline must be"},
      {"027-87654321-", "a landline must be"},         // empty extension
      {"027-87654321-1234567", "a landline must be"},  // extension too long
      {"027-87654321-12-3", "a landline must be"},
      {"0278765", "a landline must be"},        // too short overall
      {"0278765432101", "a landline must be"},  // too long overall
      {"027+87654321", "a landline must be"},
  };
  for (const Case& c : cases) EXPECT_TRUE(HasSubstr(PhoneProblem(c.phone), c.expected)) << c.phone;
}

TEST(TextRulesTest, PhoneProblem_DoesNotEchoTheNumber) {
  for (const std::string phone : {"12800138000", "1380013800", "027-876543", "13800 138000"}) {
    auto problem = PhoneProblem(phone);
    ASSERT_TRUE(problem) << phone;
    EXPECT_EQ(problem->find("800138"), std::string::npos) << *problem;
    EXPECT_EQ(problem->find("876543"), std::string::npos) << *problem;
  }
}

}  // namespace
}  // namespace caitiao::domain

namespace caitiao::domain {
namespace {

TEST(QuoteForMessageTest, EscapesWhatCouldBreakAnErrorMessage) {
  EXPECT_EQ(QuoteForMessage("claims"), "\"claims\"");
  EXPECT_EQ(QuoteForMessage("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteForMessage(std::string("\x1e\x01", 2)), "\"\\u001E\\u0001\"");
  EXPECT_EQ(QuoteForMessage("\xC0\xAF"), "\"\\xC0\\xAF\"");
}

TEST(QuoteForMessageTest, CutsByCodePointsNeverInsideACharacter) {
  const std::string text = std::string(39, 'a') + "张三";
  EXPECT_EQ(QuoteForMessage(text), "\"" + std::string(39, 'a') + "张\"...");
  EXPECT_FALSE(TextProblem(QuoteForMessage(text), 0, 1000).has_value()) << "always valid UTF-8";
}

TEST(DecodeUtf8Test, ReturnsLengthOrZero) {
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("张", 0, &cp), 3u);
  EXPECT_EQ(cp, U'张');
  EXPECT_EQ(DecodeUtf8("\xED\xA0\x80", 0, &cp), 0u) << "surrogate";
  EXPECT_EQ(DecodeUtf8("\xE5\xBC", 0, &cp), 0u) << "truncated";
  EXPECT_EQ(DecodeUtf8("a", 1, &cp), 0u) << "past the end";
}

}  // namespace
}  // namespace caitiao::domain
