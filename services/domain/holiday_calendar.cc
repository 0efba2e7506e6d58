#include "services/domain/holiday_calendar.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

bool Digits(absl::string_view s, int* out) {
  if (s.empty()) return false;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *out = value;
  return true;
}

// Exactly YYYY-MM-DD naming a real day (no 2026-02-30, no 2026-2-3).
std::optional<absl::CivilDay> ParseDay(absl::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!Digits(s.substr(0, 4), &y) || !Digits(s.substr(5, 2), &m) || !Digits(s.substr(8, 2), &d)) {
    return std::nullopt;
  }
  const absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d) return std::nullopt;
  return day;
}

absl::Status LineError(int line, absl::string_view message) {
  return WithReason(absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", message)),
                    reasons::kHolidayCalendarInvalid);
}

enum class Listed { kHoliday, kWorkday };

const char* ListedName(Listed l) { return l == Listed::kHoliday ? "holiday" : "workday"; }

// Parser state across lines.
struct Draft {
  std::optional<int> year;
  std::optional<std::string> version;
  std::map<absl::CivilDay, std::pair<Listed, int>> days;  // kind and line
};

absl::StatusOr<absl::CivilDay> DayInYear(const Draft& draft, int line, absl::string_view text) {
  const std::optional<absl::CivilDay> day = ParseDay(text);
  if (!day) {
    // Quoted safely: the text may hold a carriage return or other bytes a
    // message must not carry (found by tests/fuzz/request_fuzzer.cc).
    return LineError(line, absl::StrCat(QuoteForMessage(std::string_view(text.data(), text.size())),
                                        " is not a date in YYYY-MM-DD form"));
  }
  if (day->year() != *draft.year) {
    return LineError(
        line, absl::StrCat(absl::FormatCivilTime(*day), " is outside the year ", *draft.year));
  }
  return *day;
}

absl::Status List(Draft& draft, int line, absl::CivilDay day, Listed kind) {
  auto [it, inserted] = draft.days.emplace(day, std::make_pair(kind, line));
  if (inserted) return absl::OkStatus();
  const auto& [earlier_kind, earlier_line] = it->second;
  if (earlier_kind == kind) {
    return LineError(line, absl::StrCat(absl::FormatCivilTime(day), " is already a ",
                                        ListedName(kind), " (line ", earlier_line, ")"));
  }
  return LineError(
      line, absl::StrCat(absl::FormatCivilTime(day), " cannot be both a holiday and a workday (",
                         ListedName(earlier_kind), " on line ", earlier_line, ")"));
}

absl::Status ParseYear(Draft& draft, int line, const std::vector<absl::string_view>& words) {
  if (draft.year) return LineError(line, "the year is given twice");
  int year = 0;
  if (words.size() != 2 || words[1].size() != 4 || !Digits(words[1], &year) || year < 1900) {
    return LineError(line, "expected `year YYYY`");
  }
  draft.year = year;
  return absl::OkStatus();
}

absl::Status ParseVersion(Draft& draft, int line, absl::string_view rest) {
  if (draft.version) return LineError(line, "the version is given twice");
  if (rest.empty()) return LineError(line, "expected `version <notice number>`");
  if (rest.find(',') != absl::string_view::npos) {
    return LineError(line, "the version must not contain a comma");
  }
  draft.version = std::string(rest);
  return absl::OkStatus();
}

absl::Status ParseHoliday(Draft& draft, int line, const std::vector<absl::string_view>& words) {
  if (words.size() != 2 && words.size() != 3) {
    return LineError(line, "expected `holiday YYYY-MM-DD [YYYY-MM-DD]`");
  }
  if (!draft.year) return LineError(line, "a holiday comes before the `year` line");
  absl::StatusOr<absl::CivilDay> first = DayInYear(draft, line, words[1]);
  if (!first.ok()) return first.status();
  absl::StatusOr<absl::CivilDay> last =
      words.size() == 3 ? DayInYear(draft, line, words[2]) : first;
  if (!last.ok()) return last.status();
  if (*last < *first) {
    return LineError(
        line, absl::StrCat("the range ends (", absl::FormatCivilTime(*last), ") before it starts (",
                           absl::FormatCivilTime(*first), ")"));
  }
  for (absl::CivilDay d = *first; d <= *last; ++d) {
    absl::Status listed = List(draft, line, d, Listed::kHoliday);
    if (!listed.ok()) return listed;
  }
  return absl::OkStatus();
}

absl::Status ParseWorkday(Draft& draft, int line, const std::vector<absl::string_view>& words) {
  if (words.size() != 2) return LineError(line, "expected `workday YYYY-MM-DD`");
  if (!draft.year) return LineError(line, "a workday comes before the `year` line");
  absl::StatusOr<absl::CivilDay> day = DayInYear(draft, line, words[1]);
  if (!day.ok()) return day.status();
  if (!IsWeekend(*day)) {
    return LineError(
        line, absl::StrCat(absl::FormatCivilTime(*day),
                           " is not a Saturday or Sunday, so it cannot be a make-up workday"));
  }
  return List(draft, line, *day, Listed::kWorkday);
}

absl::Status ParseLine(Draft& draft, int line, absl::string_view text) {
  text = text.substr(0, text.find('#'));
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return absl::OkStatus();
  const std::vector<absl::string_view> words =
      absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  const absl::string_view keyword = words[0];
  if (keyword == "year") return ParseYear(draft, line, words);
  if (keyword == "version") {
    return ParseVersion(draft, line, absl::StripAsciiWhitespace(text.substr(keyword.size())));
  }
  if (keyword == "holiday") return ParseHoliday(draft, line, words);
  if (keyword == "workday") return ParseWorkday(draft, line, words);
  return LineError(line, absl::StrCat("unknown keyword ", QuoteForMessage(std::string_view(keyword.data(), keyword.size())),
                                      "; expected year, version, holiday or workday"));
}

}  // namespace

bool HolidayCalendar::IsHoliday(absl::CivilDay day) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), day);
}

bool HolidayCalendar::IsMakeUpWorkday(absl::CivilDay day) const {
  return std::binary_search(workdays_.begin(), workdays_.end(), day);
}

DayKind HolidayCalendar::KindOf(absl::CivilDay day) const {
  if (IsHoliday(day)) return DayKind::kRestDay;
  if (IsMakeUpWorkday(day)) return DayKind::kWorkingDay;
  return IsWeekend(day) ? DayKind::kRestDay : DayKind::kWorkingDay;
}

absl::StatusOr<HolidayCalendar> ParseHolidayCalendar(absl::string_view text) {
  Draft draft;
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    absl::Status status = ParseLine(draft, static_cast<int>(i) + 1, lines[i]);
    if (!status.ok()) return status;
  }
  // The last line that has text; a final newline does not start a new one.
  int last_line = static_cast<int>(lines.size());
  if (last_line > 1 && lines.back().empty()) --last_line;
  if (!draft.year) return LineError(last_line, "the text ends without a `year` line");
  if (!draft.version) return LineError(last_line, "the text ends without a `version` line");

  HolidayCalendar calendar;
  calendar.year_ = *draft.year;
  calendar.version_ = std::move(*draft.version);
  for (const auto& [day, listed] : draft.days) {  // std::map: ascending
    (listed.first == Listed::kHoliday ? calendar.holidays_ : calendar.workdays_).push_back(day);
  }
  return calendar;
}

std::optional<std::string> CalendarSet::Add(HolidayCalendar calendar) {
  const int year = calendar.year();
  std::optional<std::string> replaced;
  if (auto it = by_year_.find(year); it != by_year_.end()) {
    replaced = it->second.version();
    it->second = std::move(calendar);
  } else {
    by_year_.emplace(year, std::move(calendar));
  }
  return replaced;
}

bool CalendarSet::HasYear(int year) const { return by_year_.count(year) > 0; }

const HolidayCalendar* CalendarSet::Find(int year) const {
  auto it = by_year_.find(year);
  return it == by_year_.end() ? nullptr : &it->second;
}

Classification CalendarSet::Classify(absl::CivilDay day) const {
  const HolidayCalendar* calendar = Find(static_cast<int>(day.year()));
  if (calendar == nullptr) return {.working = !IsWeekend(day), .provisional = true};
  return {.working = calendar->KindOf(day) == DayKind::kWorkingDay, .provisional = false};
}

DayKind CalendarSet::KindOf(absl::CivilDay day) const {
  return Classify(day).working ? DayKind::kWorkingDay : DayKind::kRestDay;
}

std::string CalendarSet::VersionsFor(absl::CivilDay from, absl::CivilDay to) const {
  if (to < from) std::swap(from, to);
  std::string out;
  for (absl::civil_year_t y = from.year(); y <= to.year(); ++y) {
    const HolidayCalendar* calendar = Find(static_cast<int>(y));
    absl::StrAppend(&out, out.empty() ? "" : ",", y, ":",
                    calendar == nullptr ? std::string("none") : calendar->version());
  }
  return out;
}

}  // namespace caitiao::domain
