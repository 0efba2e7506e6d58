#include "services/domain/case_number.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
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

constexpr std::string_view kWuhanTemplate = "鄂武劳人仲案字〔{year}〕第{seq}号";

std::string Repeat(std::string_view unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::vector<std::string> Fields(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& item : v.items()) out.push_back(item.field);
  return out;
}

Commission ValidCommission() {
  Commission c;
  c.id = "wuhan";
  c.region_code = "420100";
  c.name = "武汉市劳动人事争议仲裁委员会";
  c.case_number_template = std::string(kWuhanTemplate);
  return c;
}

// ---- CaseNumberTemplateProblem ----

TEST(CaseNumberTest, Template_AcceptsValidTemplates) {
  const std::vector<std::string> valid = {
      std::string(kWuhanTemplate),
      "{seq}",
      "第{seq}号",
      "{year}-{seq}",
      "{seq}/{year}",
      "鄂劳人仲案字【{year}】{seq}号",
      "鄂劳人仲案字（{year}）第{seq}号",
      "鄂劳人仲案字｛{year}｝第{seq}号",  // full-width braces are ordinary text
      Repeat("案", 95) + "{seq}",         // exactly 100 characters
  };
  for (const std::string& t : valid) EXPECT_EQ(CaseNumberTemplateProblem(t), std::nullopt) << t;
}

TEST(CaseNumberTest, Template_RejectsBadPlaceholders) {
  struct Case {
    std::string tmpl;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"鄂武劳人仲案字〔{year}〕第号", "must contain {seq}"},
      {"案号", "must contain {seq}"},
      {"{seq}-{seq}", "{seq} only once"},
      {"{year}{year}第{seq}号", "{year} at most once"},
      {"{Seq}", "not part of {year} or {seq}"},
      {"{SEQ}", "not part of {year} or {seq}"},
      {"{ seq }", "not part of {year} or {seq}"},
      {"{{seq}}", "not part of {year} or {seq}"},
      {"第{seq}号}", "not part of {year} or {seq}"},
      {"{第{seq}号", "not part of {year} or {seq}"},
      {"{}{seq}", "not part of {year} or {seq}"},
      {"{yr}{seq}", "not part of {year} or {seq}"},
      {"{seq", "not part of {year} or {seq}"},
      {"seq}", "not part of {year} or {seq}"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem(c.tmpl), c.expected)) << c.tmpl;
  }
}

TEST(CaseNumberTest, Template_AppliesTextRules) {
  EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem(""), "is required"));
  EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem(Repeat("案", 96) + "{seq}"),
                        "at most 100 characters, got 101"));
  EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem("第{seq}号\n"), "single line"));
  EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem("第{seq}\x1f号"), "control character"));
  EXPECT_TRUE(HasSubstr(CaseNumberTemplateProblem("第{seq}\xC0\xAF"), "UTF-8"));
}

// ---- FormatCaseNumber ----

TEST(CaseNumberTest, Format_FillsYearAndSequenceWithChineseBrackets) {
  EXPECT_EQ(FormatCaseNumber(kWuhanTemplate, 2026, 12), "鄂武劳人仲案字〔2026〕第12号");
}

TEST(CaseNumberTest, Format_UsesPlainDecimalWithoutPadding) {
  struct Case {
    std::string tmpl;
    int year;
    int64_t seq;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {std::string(kWuhanTemplate), 2026, 1, "鄂武劳人仲案字〔2026〕第1号"},
      {std::string(kWuhanTemplate), 1995, 100000, "鄂武劳人仲案字〔1995〕第100000号"},
      {"{seq}", 2026, 7, "7"},
      {"第{seq}号", 2026, 7, "第7号"},  // no {year}: the year is simply not shown
      {"{seq}/{year}", 2026, 42, "42/2026"},
      {"{year}-{seq}", 2026, std::numeric_limits<int64_t>::max(), "2026-9223372036854775807"},
      {"鄂劳人仲案字｛{year}｝第{seq}号", 2030, 3, "鄂劳人仲案字｛2030｝第3号"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatCaseNumber(c.tmpl, c.year, c.seq), c.expected) << c.tmpl;
  }
}

// ---- ValidateCommission ----

TEST(CaseNumberTest, ValidateCommission_AcceptsWuhanCommission) {
  EXPECT_TRUE(ValidateCommission(ValidCommission()).empty());
}

TEST(CaseNumberTest, ValidateCommission_ReportsEachBadField) {
  Commission c = ValidCommission();
  c.region_code = "4201";
  EXPECT_EQ(Fields(ValidateCommission(c)), std::vector<std::string>{"region_code"});

  c = ValidCommission();
  c.name = "";
  EXPECT_EQ(Fields(ValidateCommission(c)), std::vector<std::string>{"name"});

  c = ValidCommission();
  c.name = Repeat("委", 101);
  EXPECT_EQ(Fields(ValidateCommission(c)), std::vector<std::string>{"name"});

  c = ValidCommission();
  c.case_number_template = "鄂武劳人仲案字〔{year}〕第号";
  FieldViolations v = ValidateCommission(c);
  ASSERT_EQ(Fields(v), std::vector<std::string>{"case_number_template"});
  EXPECT_TRUE(HasSubstr(v.items()[0].description, "must contain {seq}"));
}

TEST(CaseNumberTest, ValidateCommission_ReportsAllProblemsAtOnce) {
  EXPECT_EQ(Fields(ValidateCommission(Commission{})),
            (std::vector<std::string>{"region_code", "name", "case_number_template"}));
}

}  // namespace
}  // namespace caitiao::domain
