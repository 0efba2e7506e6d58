#include "clients/flag_values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/formatting.h"

namespace caitiao::cli {

absl::StatusOr<caitiao::v1::Date> ParseDate(absl::string_view flag, const std::string& text) {
  const std::string t(absl::StripAsciiWhitespace(text));
  absl::CivilDay day;
  // ParseCivilTime normalises 2026-02-30 to March: insist on the same text back.
  if (!absl::ParseCivilTime(t, &day) || absl::FormatCivilTime(day) != t) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", std::string(flag), ": \"", text, "\" is not a date YYYY-MM-DD"));
  }
  caitiao::v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

absl::StatusOr<std::pair<caitiao::v1::Date, caitiao::v1::Date>> ParseDateRange(absl::string_view flag,
                                                                               const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, "..");
  if (parts.size() != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", std::string(flag), ": \"", text, "\" is not a range START..END of dates YYYY-MM-DD"));
  }
  auto start = ParseDate(flag, parts[0]);
  if (!start.ok()) return start.status();
  auto end = ParseDate(flag, parts[1]);
  if (!end.ok()) return end.status();
  return std::make_pair(*start, *end);
}

absl::StatusOr<google::protobuf::Timestamp> ParseInstant(absl::string_view flag, const std::string& text) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, std::string(absl::StripAsciiWhitespace(text)), &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat("--", std::string(flag), ": \"", text,
                                                   "\" is not an RFC 3339 time such as 2026-11-28T10:00:00+08:00"));
  }
  google::protobuf::Timestamp ts;
  const absl::Duration since_epoch = t - absl::UnixEpoch();
  ts.set_seconds(absl::ToInt64Seconds(since_epoch));
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch - absl::Seconds(ts.seconds()))));
  return ts;
}

absl::StatusOr<std::string> OneValue(absl::string_view flag, const std::vector<std::string>& values) {
  if (values.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat("this command takes one --", std::string(flag)));
  }
  return values.empty() ? std::string() : values[0];
}

std::string EnumValueName(absl::string_view prefix, const std::string& word) {
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(word));
  upper = absl::StrReplaceAll(upper, {{"-", "_"}});
  return absl::StartsWith(upper, prefix) ? upper : absl::StrCat(prefix, upper);
}

std::string EnumWord(const std::string& name, absl::string_view prefix) {
  return absl::StrReplaceAll(absl::AsciiStrToLower(WithoutPrefix(name, prefix)), {{"_", "-"}});
}

}  // namespace caitiao::cli
