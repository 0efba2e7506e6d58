#include "clients/docking_view.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/flag_values.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::Deadline;


std::string FormName(caitiao::v1::ConsentForm form) {
  switch (form) {
    case caitiao::v1::CONSENT_FORM_WRITTEN:
      return "written (书面)";
    case caitiao::v1::CONSENT_FORM_ORAL_ON_RECORD:
      return "oral, on record (口头，记入笔录)";
    case caitiao::v1::CONSENT_FORM_ELECTRONIC:
      return "electronic (电子)";
    default:
      return "-";
  }
}

std::string ConsentStatus(const caitiao::v1::ConsentRecord& c) {
  if (!HasTime(c.withdraw_time())) return "current";
  return absl::StrCat("WITHDRAWN ", FormatChinaTime(c.withdraw_time()), ": ", c.withdrawal_reason());
}

// The criteria in people's words, after their codes.
std::string CriterionLabel(const std::string& code) {
  static const std::vector<std::pair<const char*, const char*>> kLabels = {
      {"WITHIN_ARBITRATION_SCOPE", "属于仲裁范围"},
      {"ACCEPTANCE_DISPUTE_TYPE", "受理条件：争议事项"},
      {"ACCEPTANCE_CLEAR_CLAIM", "受理条件：有明确的请求和事实、理由"},
      {"ACCEPTANCE_PARTIES", "受理条件：当事人适格"},
      {"ACCEPTANCE_JURISDICTION", "受理条件：属本委管辖"},
      {"SUITABLE_FOR_MEDIATION", "适宜调解"},
      {"BOTH_PARTIES_CONSENT", "双方当事人同意调解"},
      {"NOT_LABOR_RELATIONSHIP_CONFIRMATION", "非确认劳动关系争议"},
  };
  for (const auto& [c, label] : kLabels) {
    if (code == c) return absl::StrCat(code, " ", label);
  }
  return code;
}

std::string KindText(const std::string& kind) {
  if (kind == "WORKING_DAYS") return "working days";
  if (kind == "CALENDAR_DAYS") return "calendar days";
  return kind;
}

// A deadline over up to three lines under `label`: the day and the period,
// the calendars and policy behind it, and the provisional warning.
void PrintDeadline(std::ostream& out, const char* label, const Deadline& d) {
  if (d.due().year() == 0) return;
  const std::string pad(DisplayWidth(label) + 2, ' ');
  out << "  " << label << FormatDate(d.due()) << " (" << d.length() << " " << KindText(d.kind()) << " after "
      << FormatDate(d.start()) << ")\n";
  out << pad << "calendars: " << DashIfEmpty(d.calendar_versions()) << "; policy: " << DashIfEmpty(d.policy_source())
      << '\n';
  if (d.provisional()) {
    out << pad << "PROVISIONAL: reaches a year with no holiday calendar loaded (weekends only); recompute once "
        << "it is published\n";
  }
}

std::string DueCell(const Deadline& d) {
  if (d.due().year() == 0) return "-";
  return absl::StrCat(FormatDate(d.due()), d.provisional() ? " (provisional)" : "");
}

}  // namespace

std::string PartyText(const caitiao::v1::PartyRef& party) {
  const char* side = party.side() == caitiao::v1::PARTY_SIDE_APPLICANT    ? "applicant"
                     : party.side() == caitiao::v1::PARTY_SIDE_RESPONDENT ? "respondent"
                                                                          : "party";
  return absl::StrCat(side, " ", party.position());
}

Table NewConsentTable() { return Table({"ID", "PARTY", "FORM", "GIVEN (UTC+8)", "EVIDENCE", "RECORDED BY", "STATUS"}); }

void AddConsentRow(Table& table, const caitiao::v1::ConsentRecord& c) {
  table.AddRow({c.id(), PartyText(c.party()), EnumWord(caitiao::v1::ConsentForm_Name(c.form()), "CONSENT_FORM_"),
                FormatChinaTime(c.give_time()), c.evidence_ref(), DashIfEmpty(c.recorded_by()), ConsentStatus(c)});
}

void PrintConsentDetail(const caitiao::v1::ConsentRecord& c, std::ostream& out) {
  out << "Consent " << c.id() << '\n';
  PrintLine(out, "case:         ", c.case_id());
  PrintLine(out, "party:        ", PartyText(c.party()));
  PrintLine(out, "form:         ", FormName(c.form()));
  PrintLine(out, "given:        ", ChinaTimeLabelled(c.give_time()));
  PrintLine(out, "evidence:     ", c.evidence_ref());
  PrintLine(out, "recorded by:  ", c.recorded_by());
  if (HasTime(c.withdraw_time())) {
    PrintLine(
        out, "withdrawn:    ",
        absl::StrCat(ChinaTimeLabelled(c.withdraw_time()), c.withdrawn_by().empty() ? "" : " by ", c.withdrawn_by()));
    PrintLine(out, "reason:       ", c.withdrawal_reason());
  }
}

void PrintAssessment(const caitiao::v1::EligibilityAssessment& a, std::ostream& out) {
  out << "Case " << a.case_id() << ": "
      << (a.eligible() ? "ELIGIBLE for delegation (可委托调解)" : "NOT ELIGIBLE for delegation (不可委托调解)") << '\n';
  PrintLine(out, "assessed:   ",
            absl::StrCat(ChinaTimeLabelled(a.assess_time()), a.assessed_by().empty() ? "" : " by ", a.assessed_by()));
  PrintLine(out, "case etag:  ",
            absl::StrCat(a.case_etag(), " (made on this version; any change to the case needs a new assessment)"));
  PrintLine(out,
            "respondent contests a labor relationship: ", a.respondent_contests_labor_relationship() ? "yes" : "no");
  if (a.has_infringement_date()) PrintLine(out, "date of infringement: ", FormatDate(a.infringement_date()));
  out << '\n';
  Table criteria({"RESULT", "CRITERION", "EXPLANATION"});
  for (const auto& c : a.criteria()) {
    criteria.AddRow({c.passed() ? "✔ PASS" : "✘ FAIL", CriterionLabel(c.code()), c.explanation()});
  }
  criteria.Print(out);
  if (!a.warnings().empty()) {
    out << "\nWarnings:\n";
    for (const auto& w : a.warnings()) out << "  ! " << w.code() << ": " << w.text() << '\n';
  }
}

Table NewProposalTable() {
  Table t({"RANK", "ROOM ID", "NAME", "REGION", "OPEN/CAPACITY", "AVAILABLE", "REASONS"});
  t.AlignRight(0);
  t.AlignRight(4);
  return t;
}

void AddProposalRow(Table& table, const caitiao::v1::RoomProposal& p) {
  table.AddRow({absl::StrCat(p.rank()), p.room_id(), p.room_name(), p.region_code(),
                absl::StrCat(p.open_cases(), "/", p.capacity()), p.available() ? "yes" : "no",
                absl::StrJoin(p.reasons(), "; ")});
}

std::string RouteText(caitiao::v1::DelegationRoute route) {
  switch (route) {
    case caitiao::v1::DELEGATION_ROUTE_BEFORE_FILING:
      return "before-filing (立案前)";
    case caitiao::v1::DELEGATION_ROUTE_AFTER_FILING:
      return "after-filing (立案后)";
    default:
      return "-";
  }
}

std::string DelegationStatusName(caitiao::v1::DelegationStatus status) {
  return WithoutPrefix(caitiao::v1::DelegationStatus_Name(status), "DELEGATION_STATUS_");
}

void PrintDelegationDetail(const caitiao::v1::Delegation& d, std::ostream& out) {
  out << "Delegation " << d.id() << '\n';
  PrintLine(out, "case:            ", d.case_id());
  PrintLine(out, "room:            ", d.room_id());
  PrintLine(out, "route:           ", RouteText(d.route()));
  PrintLine(out, "status:          ", DelegationStatusName(d.status()));
  PrintLine(out, "letter number:   ", d.letter_number());
  PrintLine(out, "reason:          ", d.reason());
  PrintLine(
      out, "delegated:       ",
      absl::StrCat(ChinaTimeLabelled(d.delegate_time()), d.delegated_by().empty() ? "" : " by ", d.delegated_by()));
  PrintDeadline(out, "acceptance due:  ", d.acceptance_due());
  PrintLine(out, "mediator:        ", d.mediator_id());
  if (HasTime(d.accept_time())) {
    PrintLine(out, "accepted:        ",
              absl::StrCat(ChinaTimeLabelled(d.accept_time()), d.accepted_by().empty() ? "" : " by ", d.accepted_by()));
  }
  PrintDeadline(out, "mediation due:   ", d.mediation_due());
  if (HasTime(d.decline_time())) {
    PrintLine(
        out, "declined:        ",
        absl::StrCat(ChinaTimeLabelled(d.decline_time()), d.declined_by().empty() ? "" : " by ", d.declined_by()));
    PrintLine(out, "decline reason:  ", d.decline_reason());
  }
  PrintLine(out, "case etag:       ", d.case_etag());
}

Table NewDelegationTable() {
  return Table(
      {"LETTER", "STATUS", "ROUTE", "ROOM", "DELEGATED (UTC+8)", "ACCEPTANCE DUE", "MEDIATOR", "MEDIATION DUE", "ID"});
}

void AddDelegationRow(Table& table, const caitiao::v1::Delegation& d) {
  table.AddRow({DashIfEmpty(d.letter_number()), DelegationStatusName(d.status()), RouteText(d.route()), d.room_id(),
                FormatChinaTime(d.delegate_time()), DueCell(d.acceptance_due()), DashIfEmpty(d.mediator_id()),
                DueCell(d.mediation_due()), d.id()});
}

}  // namespace caitiao::cli
