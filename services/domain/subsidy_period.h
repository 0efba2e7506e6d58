// Periods of a year (month, quarter, half-year, year): settlement is drafted
// per quarter or half-year (local policy), caps run per mediator per period.
// Pure calendar arithmetic.
#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "services/domain/subsidy_types.h"

namespace caitiao::domain {

inline constexpr int kMinSubsidyYear = 2000;
inline constexpr int kMaxSubsidyYear = 2100;

// Why `period` does not exist (a year outside 2000..2100, no kind, a number
// outside 1..12 / 1..4 / 1..2 / 1), or nullopt.
std::optional<std::string> PeriodProblem(const Period& period);

// Its first and last day (inclusive). `period` must exist.
absl::CivilDay PeriodFirstDay(const Period& period);
absl::CivilDay PeriodLastDay(const Period& period);

// The period of `kind` that contains `day`.
Period PeriodContaining(absl::CivilDay day, SpanKind kind);

// "2027-01" (month), "2027-Q1", "2027-H1", "2027".
std::string PeriodLabel(const Period& period);

// Money for people: 123456 -> "1234.56 yuan"; negative amounts keep their sign.
std::string YuanText(int64_t fen);

}  // namespace caitiao::domain
