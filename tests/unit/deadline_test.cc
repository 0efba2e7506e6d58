#include "services/domain/deadline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "services/domain/builtin_calendars.h"
#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

using absl::CivilDay;

const std::string kV2025 = "2025:国办发明电〔2024〕12号";
const std::string kV2026 = "2026:国办发明电〔2025〕7号";

CalendarSet China() { return BuiltInCalendars().value(); }

std::string Day(CivilDay d) { return absl::FormatCivilTime(d); }

DeadlineRule Working(int n) { return {PeriodKind::kWorkingDays, n, false}; }
DeadlineRule Calendar(int n, bool roll) { return {PeriodKind::kCalendarDays, n, roll}; }

struct Case {
  const char* name;
  CivilDay start;
  DeadlineRule rule;
  CivilDay due;
  bool provisional;
  std::string versions;
};

void ExpectDeadlines(const CalendarSet& calendars, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const absl::StatusOr<Deadline> d = ComputeDeadline(c.start, c.rule, calendars);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(Day(d->due), Day(c.due)) << "from " << Day(c.start);
    EXPECT_EQ(d->provisional, c.provisional);
    EXPECT_EQ(d->calendar_versions, c.versions);
    EXPECT_EQ(d->start, c.start) << "the deadline keeps its start";
    EXPECT_EQ(d->rule, c.rule) << "the deadline keeps its rule";
  }
}

TEST(DeadlineTest, WorkingDays_SkipSpringFestivalAndCountMakeUpDays) {
  ExpectDeadlines(China(),
                  {
                      // 2025: 春节 Jan 28 - Feb 4, make-up Sun Jan 26 and Sat Feb 8.
                      {"3 from Fri 2025-01-24: Sun 26 (make-up), Mon 27, Wed Feb 5",
                       CivilDay(2025, 1, 24), Working(3), CivilDay(2025, 2, 5), false, kV2025},
                      {"5 from Mon 2025-01-27: Feb 5, 6, 7, Sat 8 (make-up), Mon 10",
                       CivilDay(2025, 1, 27), Working(5), CivilDay(2025, 2, 10), false, kV2025},
                      {"10 from Mon 2025-01-20 ends on the make-up Saturday Feb 8",
                       CivilDay(2025, 1, 20), Working(10), CivilDay(2025, 2, 8), false, kV2025},
                      // 2026: 春节 Feb 15 - 23, make-up Sat Feb 14 and Sat Feb 28.
                      {"5 from Thu 2026-02-12: Fri 13, Sat 14 (make-up), Feb 24, 25, 26",
                       CivilDay(2026, 2, 12), Working(5), CivilDay(2026, 2, 26), false, kV2026},
                      {"3 from Wed 2026-02-25 ends on the make-up Saturday Feb 28",
                       CivilDay(2026, 2, 25), Working(3), CivilDay(2026, 2, 28), false, kV2026},
                      {"1 from the Friday before the 2026 break is the make-up Saturday",
                       CivilDay(2026, 2, 13), Working(1), CivilDay(2026, 2, 14), false, kV2026},
                  });
}

TEST(DeadlineTest, WorkingDays_SkipNationalDay) {
  ExpectDeadlines(
      China(), {
                   // 2025: 国庆+中秋 Oct 1 - 8, make-up Sun Sep 28 and Sat Oct 11.
                   {"5 from Fri 2025-09-26: Sun 28 (make-up), 29, 30, Oct 9, 10",
                    CivilDay(2025, 9, 26), Working(5), CivilDay(2025, 10, 10), false, kV2025},
                   {"10 from 2025-09-30: Oct 9, 10, Sat 11 (make-up), 13-17, 20, 21",
                    CivilDay(2025, 9, 30), Working(10), CivilDay(2025, 10, 21), false, kV2025},
                   {"1 from 2025-09-30 jumps the whole break", CivilDay(2025, 9, 30), Working(1),
                    CivilDay(2025, 10, 9), false, kV2025},
                   // 2026: 中秋 Sep 25 - 27, 国庆 Oct 1 - 7, make-up Sun Sep 20 and Sat Oct 10.
                   {"3 from Fri 2026-09-18: Sun 20 (make-up), 21, 22", CivilDay(2026, 9, 18),
                    Working(3), CivilDay(2026, 9, 22), false, kV2026},
                   {"3 from Wed 2026-09-23 across 中秋: 24, 28, 29", CivilDay(2026, 9, 23),
                    Working(3), CivilDay(2026, 9, 29), false, kV2026},
                   {"5 from 2026-09-30: Oct 8, 9, Sat 10 (make-up), 12, 13", CivilDay(2026, 9, 30),
                    Working(5), CivilDay(2026, 10, 13), false, kV2026},
               });
}

TEST(DeadlineTest, WorkingDays_CrossTheYearEndThroughNewYear2026) {
  ExpectDeadlines(
      China(),
      {
          // 元旦 2026: Jan 1 - 3, make-up Sun Jan 4.
          {"5 from Mon 2025-12-29: Dec 30, 31, Sun Jan 4 (make-up), 5, 6", CivilDay(2025, 12, 29),
           Working(5), CivilDay(2026, 1, 6), false, kV2025 + "," + kV2026},
          {"2 from Tue 2025-12-30: Dec 31, then the make-up Sunday Jan 4", CivilDay(2025, 12, 30),
           Working(2), CivilDay(2026, 1, 4), false, kV2025 + "," + kV2026},
          {"1 from 2025-12-31 lands on the make-up Sunday", CivilDay(2025, 12, 31), Working(1),
           CivilDay(2026, 1, 4), false, kV2026},
      });
}

TEST(DeadlineTest, WorkingDays_IntoAYearWithoutCalendarAreProvisional) {
  ExpectDeadlines(
      China(),
      {
          {"3 from Fri 2026-12-25 stays in 2026: Dec 28, 29, 30", CivilDay(2026, 12, 25),
           Working(3), CivilDay(2026, 12, 30), false, kV2026},
          {"5 from Mon 2026-12-28 counts 2027-01-01 (Fri) on weekends alone",
           CivilDay(2026, 12, 28), Working(5), CivilDay(2027, 1, 4), true, kV2026 + ",2027:none"},
          {"3 from Fri 2028-02-25 across the leap day: Feb 28, 29, Mar 1", CivilDay(2028, 2, 25),
           Working(3), CivilDay(2028, 3, 1), true, "2028:none"},
      });
}

TEST(DeadlineTest, CalendarDays_RollOnlyWhenAsked) {
  ExpectDeadlines(
      China(),
      {
          {"15 from 2026-02-05 ends Fri Feb 20 in 春节, rolled to Tue Feb 24", CivilDay(2026, 2, 5),
           Calendar(15, true), CivilDay(2026, 2, 24), false, kV2026},
          {"15 from 2026-02-05 not rolled stays on the holiday, consulting no calendar",
           CivilDay(2026, 2, 5), Calendar(15, false), CivilDay(2026, 2, 20), false, ""},
          {"15 from 2025-09-16 ends on 国庆 Oct 1, rolled to Thu Oct 9", CivilDay(2025, 9, 16),
           Calendar(15, true), CivilDay(2025, 10, 9), false, kV2025},
          {"15 from 2025-09-16 not rolled", CivilDay(2025, 9, 16), Calendar(15, false),
           CivilDay(2025, 10, 1), false, ""},
          {"15 from 2025-12-17 ends on 元旦 2026, rolled to the make-up Sunday Jan 4",
           CivilDay(2025, 12, 17), Calendar(15, true), CivilDay(2026, 1, 4), false, kV2026},
          {"45 from 2026-01-05 ends in 春节 Feb 19, rolled to Feb 24", CivilDay(2026, 1, 5),
           Calendar(45, true), CivilDay(2026, 2, 24), false, kV2026},
          {"15 from 2026-03-02 ends on an ordinary Tuesday: no roll needed", CivilDay(2026, 3, 2),
           Calendar(15, true), CivilDay(2026, 3, 17), false, kV2026},
          {"1 calendar day: the start day is not counted", CivilDay(2026, 3, 2), Calendar(1, false),
           CivilDay(2026, 3, 3), false, ""},
      });
}

TEST(DeadlineTest, CalendarDays_RolledInAYearWithoutCalendarAreProvisional) {
  ExpectDeadlines(
      China(),
      {
          {"45 from 2026-12-01 ends Fri 2027-01-15", CivilDay(2026, 12, 1), Calendar(45, true),
           CivilDay(2027, 1, 15), true, "2027:none"},
          {"45 from 2026-12-01 not rolled consults nothing", CivilDay(2026, 12, 1),
           Calendar(45, false), CivilDay(2027, 1, 15), false, ""},
          {"15 from 2028-02-14 ends on the leap day, a Tuesday", CivilDay(2028, 2, 14),
           Calendar(15, true), CivilDay(2028, 2, 29), true, "2028:none"},
          {"15 from 2028-02-11 ends Sat Feb 26, rolled by weekends alone to Mon Feb 28",
           CivilDay(2028, 2, 11), Calendar(15, true), CivilDay(2028, 2, 28), true, "2028:none"},
      });
}

TEST(DeadlineTest, EmptyCalendarSet_EverythingIsProvisional) {
  ExpectDeadlines(CalendarSet(),
                  {
                      {"5 working days over 春节 2026 with no calendar loaded",
                       CivilDay(2026, 2, 12), Working(5), CivilDay(2026, 2, 19), true, "2026:none"},
                  });
}

TEST(DeadlineTest, Compute_RejectsLengthsOutOfRange) {
  const CalendarSet cn = China();
  for (int length : {0, -1, -3650, 3651, 100000}) {
    for (PeriodKind kind : {PeriodKind::kCalendarDays, PeriodKind::kWorkingDays}) {
      const absl::StatusOr<Deadline> d =
          ComputeDeadline(CivilDay(2026, 3, 2), {kind, length, true}, cn);
      ASSERT_FALSE(d.ok()) << length;
      EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument) << length;
      ASSERT_EQ(FieldsOf(d.status()).size(), 1u) << length;
      EXPECT_EQ(FieldsOf(d.status())[0].field, "rule.length") << length;
    }
  }
  EXPECT_TRUE(ComputeDeadline(CivilDay(2026, 3, 2), Working(3650), cn).ok());
  EXPECT_TRUE(ComputeDeadline(CivilDay(2026, 3, 2), Calendar(3650, true), cn).ok());
}

TEST(DeadlineTest, Compute_RejectsAnUnknownKind) {
  const absl::StatusOr<Deadline> d =
      ComputeDeadline(CivilDay(2026, 3, 2), {static_cast<PeriodKind>(7), 5, false}, China());
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(FieldsOf(d.status())[0].field, "rule.kind");
}

TEST(DeadlineTest, IsOverdue_FromTheDayAfterDue) {
  const Deadline d =
      ComputeDeadline(CivilDay(2026, 2, 12), Working(5), China()).value();  // due Feb 26
  EXPECT_FALSE(IsOverdue(d, CivilDay(2026, 2, 12)));
  EXPECT_FALSE(IsOverdue(d, CivilDay(2026, 2, 25)));
  EXPECT_FALSE(IsOverdue(d, CivilDay(2026, 2, 26)));
  EXPECT_TRUE(IsOverdue(d, CivilDay(2026, 2, 27)));
  EXPECT_TRUE(IsOverdue(d, CivilDay(2027, 1, 1)));
}

TEST(DeadlineTest, PeriodKindNames_RoundTrip) {
  for (PeriodKind k : {PeriodKind::kCalendarDays, PeriodKind::kWorkingDays}) {
    EXPECT_EQ(PeriodKindFromName(PeriodKindName(k)), k) << PeriodKindName(k);
  }
  EXPECT_EQ(PeriodKindFromName("working_days"), std::nullopt);
}

}  // namespace
}  // namespace caitiao::domain
