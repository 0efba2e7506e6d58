#include "clients/subsidy_input.h"

#include <google/protobuf/util/json_util.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/flag_values.h"
#include "clients/input_file.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The value of a string of at most 9 digits (checked by the caller).
int32_t SmallNumber(absl::string_view digits) {
  int32_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

absl::Status NotAPeriod(absl::string_view name, const std::string& text) {
  return absl::InvalidArgumentError(absl::StrCat(
      std::string(name), ": \"", text,
      "\" is not a period: YYYY-Q1..YYYY-Q4 (quarter), YYYY-H1 or YYYY-H2 (half-year), YYYY-01..YYYY-12 (month) "
      "or YYYY (the year), e.g. 2027-Q1"));
}

}  // namespace

absl::StatusOr<v1::Period> ParsePeriod(absl::string_view name, const std::string& given) {
  // 2026H1 and 2026Q3 as well as 2026-H1 and 2026-Q3.
  std::string text = given;
  if (text.size() == 6 && (absl::ascii_toupper(static_cast<unsigned char>(text[4])) == 'Q' ||
                           absl::ascii_toupper(static_cast<unsigned char>(text[4])) == 'H')) {
    text = absl::StrCat(given.substr(0, 4), "-", given.substr(4));
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  if (parts.size() > 2 || parts[0].size() != 4 || !AllDigits(parts[0])) return NotAPeriod(name, given);
  v1::Period period;
  period.set_year(SmallNumber(parts[0]));
  if (parts.size() == 1) {
    period.set_kind(v1::PERIOD_KIND_YEAR);
    period.set_number(1);
    return period;
  }
  const absl::string_view rest = parts[1];
  if (rest.size() != 2) return NotAPeriod(name, given);
  const char lead = absl::ascii_toupper(static_cast<unsigned char>(rest[0]));
  const absl::string_view digits = lead == 'Q' || lead == 'H' ? rest.substr(1) : rest;
  if (!AllDigits(digits)) return NotAPeriod(name, given);
  const int32_t number = SmallNumber(digits);
  if (lead == 'Q') {
    if (number < 1 || number > 4) return NotAPeriod(name, given);
    period.set_kind(v1::PERIOD_KIND_QUARTER);
  } else if (lead == 'H') {
    if (number < 1 || number > 2) return NotAPeriod(name, given);
    period.set_kind(v1::PERIOD_KIND_HALF_YEAR);
  } else {
    if (number < 1 || number > 12) return NotAPeriod(name, given);
    period.set_kind(v1::PERIOD_KIND_MONTH);
  }
  period.set_number(number);
  return period;
}

absl::StatusOr<int64_t> ParseYuan(absl::string_view name, const std::string& text) {
  const absl::string_view t = absl::StripAsciiWhitespace(text);
  const size_t dot = t.find('.');
  const absl::string_view whole = t.substr(0, dot);
  const absl::string_view cents = dot == absl::string_view::npos ? absl::string_view() : t.substr(dot + 1);
  // At most 15 digits of yuan keeps fen well inside int64.
  if (!AllDigits(whole) || whole.size() > 15 || (dot != absl::string_view::npos && !AllDigits(cents)) ||
      cents.size() > 2) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(name), ": \"", text,
                                                   "\" is not an amount in yuan with at most two decimals, e.g. "
                                                   "50000 or 1234.56"));
  }
  int64_t fen = 0;
  for (char c : whole) fen = fen * 10 + (c - '0');
  fen *= 100;
  if (cents.size() >= 1) fen += (cents[0] - '0') * 10;
  if (cents.size() == 2) fen += cents[1] - '0';
  return fen;
}

absl::StatusOr<int32_t> ParseYear(absl::string_view name, const std::string& text) {
  if (text.size() != 4 || !AllDigits(text)) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(name), ": \"", text, "\" is not a year YYYY, e.g. 2027"));
  }
  return SmallNumber(text);
}

absl::StatusOr<v1::SubsidyTier> ParseDesignatedTier(const std::string& text) {
  v1::SubsidyTier tier{};
  const bool known = v1::SubsidyTier_Parse(EnumValueName("SUBSIDY_TIER_", text), &tier);
  if (known && tier == v1::SUBSIDY_TIER_COLLECTIVE) {
    return absl::InvalidArgumentError(
        "TIER: collective is never designated: a case with at least the standard's collective_min_workers worker "
        "applicants is collective");
  }
  if (!known || tier == v1::SUBSIDY_TIER_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat("TIER must be simple, ordinary or complex, not \"", text, "\""));
  }
  return tier;
}

absl::StatusOr<v1::FundingSource> ParseFundingSource(const std::string& text) {
  v1::FundingSource source{};
  if (v1::FundingSource_Parse(EnumValueName("FUNDING_SOURCE_", text), &source) &&
      source != v1::FUNDING_SOURCE_UNSPECIFIED) {
    return source;
  }
  return absl::InvalidArgumentError(absl::StrCat("SOURCE must be hrss (人社部门) or union (工会), not \"", text, "\""));
}

absl::StatusOr<v1::SubsidyStandard> ReadSubsidyStandardJson(const std::string& path) {
  auto text = ReadInputFile(path);
  if (!text.ok()) return text.status();
  v1::SubsidyStandard standard;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(*text, &standard, options);
  if (!parsed.ok()) {
    const std::string name = path == "-" ? "stdin" : path;
    return absl::InvalidArgumentError(
        absl::StrCat(name, " is not a valid caitiao.v1.SubsidyStandard in JSON: ", std::string(parsed.message())));
  }
  return standard;
}

}  // namespace caitiao::cli
