#include "clients/policy_view.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::DeadlinePolicy;
using caitiao::v1::DeadlinePolicyVersion;

void PrintValues(const DeadlinePolicy& p, std::ostream& out) {
  out << "  pre-filing mediation:   " << p.pre_filing_mediation_days()
      << " calendar days from the room's acceptance (立案前委托)\n"
      << "  post-filing mediation:  " << p.post_filing_mediation_days()
      << " calendar days from both parties' consent (立案后委托)\n"
      << "  acceptance:             " << p.acceptance_working_days()
      << " working days for a room to accept or decline\n"
      << "  max extension:          " << p.max_extension_days() << " calendar days"
      << (p.max_extension_days() == 0 ? " (no extension)" : " per agreed extension") << '\n'
      << "  extensions allowed:     " << p.max_mediation_extensions() << " per mediation period\n"
      << "  acceptance decision:    " << p.acceptance_decision_working_days()
      << " working days for the commission after a failed pre-filing mediation\n"
      << "  review application:     " << p.review_application_days()
      << " calendar days after the agreement takes effect (申请仲裁审查)\n"
      << "  review:                 " << p.review_working_days() << " working days, extendable once by "
      << p.review_extension_working_days() << '\n';
}

std::string SetBy(const DeadlinePolicyVersion& v) {
  return absl::StrCat(ChinaTimeLabelled(v.create_time()), v.created_by().empty() ? "" : " by ", v.created_by());
}

}  // namespace

void PrintEffectivePolicy(const caitiao::v1::GetEffectiveDeadlinePolicyResponse& r, std::ostream& out) {
  out << "Deadline policy of " << r.region_code() << " on " << FormatDate(r.date()) << '\n';
  out << "  source:                 " << r.source() << '\n';
  PrintValues(r.policy(), out);
  if (r.has_version() && !r.version().created_by().empty())
    out << "  set:                    " << SetBy(r.version()) << '\n';
}

void PrintSetPolicy(const caitiao::v1::SetDeadlinePolicyResponse& r, std::ostream& out) {
  const DeadlinePolicyVersion& v = r.version();
  out << "Set: the deadline policy of " << v.region_code() << " from " << FormatDate(v.effective_from()) << "\n\n";
  PrintValues(v.policy(), out);
  out << "  set:                    " << SetBy(v) << '\n';
  if (r.has_replaced()) {
    out << "\nIt replaces the version of the same day that was not yet in force:\n";
    PrintValues(r.replaced().policy(), out);
  }
}

Table NewPolicyTable() {
  Table t({"REGION", "FROM", "PRE-FILING", "POST-FILING", "ACCEPTANCE (WD)", "EXTENSION", "SET BY", "SET (UTC+8)"});
  for (size_t c = 2; c <= 5; ++c) t.AlignRight(c);
  return t;
}

void AddPolicyRow(Table& table, const DeadlinePolicyVersion& v) {
  const DeadlinePolicy& p = v.policy();
  table.AddRow({v.region_code(), FormatDate(v.effective_from()), absl::StrCat(p.pre_filing_mediation_days()),
                absl::StrCat(p.post_filing_mediation_days()), absl::StrCat(p.acceptance_working_days()),
                absl::StrCat(p.max_extension_days()), DashIfEmpty(v.created_by()), FormatChinaTime(v.create_time())});
}

Table NewCalendarTable() {
  Table t({"YEAR", "VERSION", "HOLIDAYS", "WORKDAYS", "LOADED BY", "LOADED (UTC+8)"});
  t.AlignRight(2);
  t.AlignRight(3);
  return t;
}

void AddCalendarRow(Table& table, const caitiao::v1::HolidayCalendar& c) {
  table.AddRow({absl::StrCat(c.year()), c.version(), absl::StrCat(c.holiday_count()), absl::StrCat(c.workday_count()),
                DashIfEmpty(c.loaded_by()), FormatChinaTime(c.load_time())});
}

void PrintLoadedCalendar(const caitiao::v1::LoadHolidayCalendarResponse& r, std::ostream& out) {
  const caitiao::v1::HolidayCalendar& c = r.calendar();
  out << "Loaded the " << c.year() << " holiday calendar (" << c.version() << "): " << c.holiday_count()
      << " rest days, " << c.workday_count() << " make-up working days.\n";
  if (r.replaced_version().empty()) {
    out << "The year had no calendar before.\n";
  } else {
    out << "It replaces " << r.replaced_version() << "; deadlines computed before keep the calendar they used.\n";
  }
}

}  // namespace caitiao::cli
