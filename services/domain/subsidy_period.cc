#include "services/domain/subsidy_period.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/enum_names.h"

namespace caitiao::domain {
namespace {

// Months in a period of each kind.
int MonthsOf(SpanKind kind) {
  switch (kind) {
    case SpanKind::kMonth:
      return 1;
    case SpanKind::kQuarter:
      return 3;
    case SpanKind::kHalfYear:
      return 6;
    case SpanKind::kYear:
      return 12;
    case SpanKind::kUnspecified:
      break;
  }
  return 0;
}

}  // namespace

std::optional<std::string> PeriodProblem(const Period& p) {
  if (p.year < kMinSubsidyYear || p.year > kMaxSubsidyYear) {
    return absl::StrCat("year must be ", kMinSubsidyYear, "..", kMaxSubsidyYear, " (got ", p.year, ")");
  }
  const int months = MonthsOf(p.kind);
  if (months == 0) return std::string("kind is required: MONTH, QUARTER, HALF_YEAR or YEAR");
  const int count = 12 / months;
  if (p.number < 1 || p.number > count) {
    return absl::StrCat("number must be 1..", count, " for a ", SpanKindName(p.kind), " (got ", p.number, ")");
  }
  return std::nullopt;
}

absl::CivilDay PeriodFirstDay(const Period& p) {
  return absl::CivilDay(p.year, (p.number - 1) * MonthsOf(p.kind) + 1, 1);
}

absl::CivilDay PeriodLastDay(const Period& p) {
  // The day before the next period's first.
  const absl::CivilMonth next = absl::CivilMonth(p.year, (p.number - 1) * MonthsOf(p.kind) + 1) + MonthsOf(p.kind);
  return absl::CivilDay(next) - 1;
}

Period PeriodContaining(absl::CivilDay day, SpanKind kind) {
  const int months = MonthsOf(kind);
  return Period{static_cast<int>(day.year()), kind, months == 0 ? 0 : (day.month() - 1) / months + 1};
}

std::string PeriodLabel(const Period& p) {
  switch (p.kind) {
    case SpanKind::kMonth:
      return absl::StrFormat("%04d-%02d", p.year, p.number);
    case SpanKind::kQuarter:
      return absl::StrCat(p.year, "-Q", p.number);
    case SpanKind::kHalfYear:
      return absl::StrCat(p.year, "-H", p.number);
    case SpanKind::kYear:
      return absl::StrCat(p.year);
    case SpanKind::kUnspecified:
      break;
  }
  return "?";
}

std::string YuanText(int64_t fen) {
  const int64_t magnitude = std::llabs(fen);
  return absl::StrFormat("%s%d.%02d yuan", fen < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

}  // namespace caitiao::domain
