#include "services/domain/deadline.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

constexpr int kMaxLength = 3650;

// The days the calendar was consulted for, as they are consulted.
class Consulted {
 public:
  explicit Consulted(const CalendarSet& calendars) : calendars_(calendars) {}

  bool Working(absl::CivilDay day) {
    const Classification c = calendars_.Classify(day);
    if (!first_ || day < *first_) first_ = day;
    if (!last_ || *last_ < day) last_ = day;
    provisional_ = provisional_ || c.provisional;
    return c.working;
  }

  void Record(Deadline& deadline) const {
    deadline.provisional = provisional_;
    deadline.calendar_versions = first_ ? calendars_.VersionsFor(*first_, *last_) : "";
  }

 private:
  const CalendarSet& calendars_;
  std::optional<absl::CivilDay> first_;
  std::optional<absl::CivilDay> last_;
  bool provisional_ = false;
};

absl::CivilDay CountWorkingDays(absl::CivilDay start, int length, Consulted& consulted) {
  absl::CivilDay day = start;
  for (int counted = 0; counted < length;) {
    ++day;
    if (consulted.Working(day)) ++counted;
  }
  return day;
}

absl::CivilDay CountCalendarDays(absl::CivilDay start, int length, bool roll,
                                 Consulted& consulted) {
  absl::CivilDay day = start + length;
  if (!roll) return day;
  while (!consulted.Working(day)) ++day;
  return day;
}

}  // namespace

absl::StatusOr<Deadline> ComputeDeadline(absl::CivilDay start, DeadlineRule rule,
                                         const CalendarSet& calendars) {
  if (rule.length < 1 || rule.length > kMaxLength) {
    return InvalidField("rule.length", absl::StrCat("must be between 1 and ", kMaxLength,
                                                    " days, got ", rule.length));
  }
  Consulted consulted(calendars);
  Deadline deadline;
  deadline.start = start;
  deadline.rule = rule;
  switch (rule.kind) {
    case PeriodKind::kWorkingDays:
      deadline.due = CountWorkingDays(start, rule.length, consulted);
      break;
    case PeriodKind::kCalendarDays:
      deadline.due = CountCalendarDays(start, rule.length, rule.roll_to_working_day, consulted);
      break;
    default:
      return InvalidField("rule.kind", "must be CALENDAR_DAYS or WORKING_DAYS");
  }
  consulted.Record(deadline);
  return deadline;
}

bool IsOverdue(const Deadline& deadline, absl::CivilDay today) { return deadline.due < today; }

const char* PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kCalendarDays:
      return "CALENDAR_DAYS";
    case PeriodKind::kWorkingDays:
      return "WORKING_DAYS";
  }
  return "PERIOD_KIND_UNKNOWN";
}

std::optional<PeriodKind> PeriodKindFromName(std::string_view name) {
  if (name == "CALENDAR_DAYS") return PeriodKind::kCalendarDays;
  if (name == "WORKING_DAYS") return PeriodKind::kWorkingDays;
  return std::nullopt;
}

}  // namespace caitiao::domain
