#include "clients/case_view.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::Case;
using caitiao::v1::Party;

std::string StateName(caitiao::v1::CaseState s) { return WithoutPrefix(caitiao::v1::CaseState_Name(s), "CASE_STATE_"); }

std::string PartyKindName(caitiao::v1::PartyKind k) {
  return absl::AsciiStrToLower(WithoutPrefix(caitiao::v1::PartyKind_Name(k), "PARTY_KIND_"));
}

// Sum of the claims that ask for money, in fen.
int64_t TotalClaimedFen(const Case& c) {
  int64_t total = 0;
  for (const auto& claim : c.claims()) total += claim.amount_fen();
  return total;
}

// "张三" or "张三 (+2)" when there are more applicants.
std::string ApplicantSummary(const Case& c) {
  if (c.applicants().empty()) return "-";
  std::string s = c.applicants(0).name();
  if (c.applicants_size() > 1) absl::StrAppend(&s, " (+", c.applicants_size() - 1, ")");
  return s;
}

void PrintLine(std::ostream& out, const char* indent, const char* label, const std::string& value) {
  if (!value.empty()) out << indent << label << value << '\n';
}

// Identity numbers and phones as the server sent them: masked by the server
// unless the case was read with --unmask. Defence in depth: without --unmask,
// a value the server left whole is still masked here.
class PersonalData {
 public:
  explicit PersonalData(bool reveal) : reveal_(reveal) {}
  std::string operator()(const std::string& value) const {
    if (reveal_ || value.find('*') != std::string::npos) return value;
    return MaskAllButLast4(value);
  }

 private:
  bool reveal_;
};

void PrintIdentity(const Party& p, const PersonalData& shown, std::ostream& out) {
  const char* in = "     ";
  PrintLine(out, in, "resident id:   ", shown(p.resident_id_number()));
  // An employer's credit code is public (the national enterprise credit
  // register), and staff check it against the business licence: not masked.
  PrintLine(out, in, "credit code:   ", p.unified_social_credit_code());
  if (p.has_other_identity_document()) {
    PrintLine(out, in, "identity doc:  ",
              absl::StrCat(p.other_identity_document().kind(), " ", shown(p.other_identity_document().number())));
  }
}

void PrintParty(int index, const Party& p, const PersonalData& shown, std::ostream& out) {
  out << "  " << index << ". " << p.name() << " (" << PartyKindName(p.kind()) << ")\n";
  PrintIdentity(p, shown, out);
  const char* in = "     ";
  PrintLine(out, in, "phone:         ", shown(p.phone()));
  PrintLine(out, in, "address:       ", p.address());
  for (const auto& a : p.agents()) {
    std::string agent =
        absl::StrCat(a.name(), " (",
                     absl::AsciiStrToLower(WithoutPrefix(caitiao::v1::AgentKind_Name(a.kind()), "AGENT_KIND_")), ")");
    if (!a.phone().empty()) absl::StrAppend(&agent, ", phone ", shown(a.phone()));
    PrintLine(out, in, "agent:         ", agent);
  }
}

void PrintParties(const char* title, const google::protobuf::RepeatedPtrField<Party>& parties,
                  const PersonalData& shown, std::ostream& out) {
  out << title << '\n';
  int i = 0;
  for (const auto& p : parties) PrintParty(++i, p, shown, out);
}

void PrintClaims(const Case& c, std::ostream& out) {
  out << "Claims (total " << FormatYuan(TotalClaimedFen(c)) << " yuan):\n";
  int i = 0;
  for (const auto& claim : c.claims()) {
    out << "  " << ++i << ". " << WithoutPrefix(caitiao::v1::DisputeType_Name(claim.dispute_type()), "DISPUTE_TYPE_");
    if (claim.has_amount_fen()) out << "  " << FormatYuan(claim.amount_fen()) << " yuan";
    out << "\n     " << claim.description() << '\n';
  }
}

// Multi-line text indented under its heading.
void PrintBlock(const char* title, const std::string& text, std::ostream& out) {
  if (text.empty()) return;
  out << title << '\n';
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    out << "  " << text.substr(start, end - start) << '\n';
    start = end + 1;
  }
}

void PrintHeader(const Case& c, bool reveal, std::ostream& out) {
  out << "Case " << (c.case_number().empty() ? "(no number)" : c.case_number()) << '\n';
  const char* in = "  ";
  PrintLine(out, in, "id:               ", c.id());
  PrintLine(out, in, "state:            ", StateName(c.state()));
  PrintLine(out, in, "mediation room:   ", c.delegated_room_id());
  if (c.has_current_due()) {
    const char* which = c.state() == caitiao::v1::CASE_STATE_DELEGATED      ? " (the room's acceptance window)"
                        : c.state() == caitiao::v1::CASE_STATE_IN_MEDIATION ? " (the mediation period)"
                        : c.state() == caitiao::v1::CASE_STATE_RECEIVED     ? " (the commission's acceptance decision)"
                                                                            : "";
    PrintLine(out, in, "current due:      ", absl::StrCat(FormatDate(c.current_due()), which));
  }
  if (!c.mediation_outcome().empty()) {
    std::string outcome = c.mediation_outcome();
    if (c.failure_reason() != caitiao::v1::MEDIATION_FAILURE_UNSPECIFIED) {
      absl::StrAppend(&outcome, " (", WithoutPrefix(caitiao::v1::MediationFailure_Name(c.failure_reason()),
                                                     "MEDIATION_FAILURE_"), ")");
    }
    PrintLine(out, in, "mediation:        ", outcome);
  }
  if (c.has_return_time()) PrintLine(out, in, "returned:         ", FormatChinaTime(c.return_time()) + " (UTC+8)");
  if (c.closing_manner() != caitiao::v1::CLOSING_MANNER_UNSPECIFIED) {
    PrintLine(out, in, "closed as:        ", WithoutPrefix(caitiao::v1::ClosingManner_Name(c.closing_manner()),
                                                          "CLOSING_MANNER_"));
  }
  PrintLine(out, in, "closing note:     ", c.closing_note());
  PrintLine(out, in, "agreement:        ", c.agreement_number());
  PrintLine(out, in, "arbitral doc:     ", c.arbitral_document_number());
  PrintLine(out, in, "commission:       ", absl::StrCat(c.commission_id(), " (region ", c.region_code(), ")"));
  PrintLine(out, in, "application date: ", FormatDate(c.application_date()));
  PrintLine(out, in, "received:         ", FormatChinaTime(c.receive_time()) + " (UTC+8)");
  PrintLine(out, in, "updated:          ", FormatChinaTime(c.update_time()) + " (UTC+8)");
  PrintLine(out, in, "etag:             ", c.etag());
  if (c.personal_data_masked()) {
    PrintLine(out, in, "personal data:    ", "masked (get --unmask shows it in full if you may; audited)");
  } else if (reveal) {
    PrintLine(out, in, "personal data:    ", "UNMASKED — this read is recorded in the audit log");
  }
}

}  // namespace

std::string CaseStateName(caitiao::v1::CaseState state) { return StateName(state); }

Table NewCaseTable() {
  Table t({"CASE NUMBER", "STATE", "REGION", "APPLICANT", "CLAIMS", "CLAIMED (YUAN)", "RECEIVED (UTC+8)", "ID"});
  t.AlignRight(4);
  t.AlignRight(5);
  return t;
}

void AddCaseRow(Table& table, const Case& c) {
  table.AddRow({c.case_number(), StateName(c.state()), c.region_code(), ApplicantSummary(c),
                absl::StrCat(c.claims_size()), FormatYuan(TotalClaimedFen(c)), FormatChinaTime(c.receive_time()),
                c.id()});
}

void PrintCaseDetail(const Case& c, bool unmasked_requested, std::ostream& out) {
  const PersonalData shown(unmasked_requested);
  PrintHeader(c, unmasked_requested && !c.personal_data_masked(), out);
  PrintParties("Applicants:", c.applicants(), shown, out);
  PrintParties("Respondents:", c.respondents(), shown, out);
  PrintClaims(c, out);
  PrintBlock("Facts and reasons:", c.facts_and_reasons(), out);
  PrintBlock("Withdrawal reason:", c.withdrawal_reason(), out);
}

Table NewEventTable() { return Table({"SEQ", "TIME (UTC+8)", "KIND", "STATE", "ACTOR", "SUMMARY", "REQUEST ID"}); }

void AddEventRow(Table& table, const caitiao::v1::CaseEvent& e) {
  std::string transition = StateName(e.to_state());
  if (e.from_state() != caitiao::v1::CASE_STATE_UNSPECIFIED && e.from_state() != e.to_state()) {
    transition = absl::StrCat(StateName(e.from_state()), " -> ", transition);
  }
  table.AddRow({absl::StrCat(e.sequence()), FormatChinaTime(e.occur_time()), e.kind(), transition,
                absl::StrCat(e.actor(), " (", e.actor_role(), ")"), e.summary(), e.request_id()});
}

}  // namespace caitiao::cli
