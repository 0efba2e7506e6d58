#include "clients/mediation_view.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/docking_view.h"
#include "clients/formatting.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;

std::string StateText(v1::CaseState state) { return WithoutPrefix(v1::CaseState_Name(state), "CASE_STATE_"); }

std::string FormText(v1::SignatureForm form) {
  return absl::AsciiStrToLower(WithoutPrefix(v1::SignatureForm_Name(form), "SIGNATURE_FORM_"));
}

std::string DocumentKindText(v1::DocumentKind kind) {
  switch (kind) {
    case v1::DOCUMENT_KIND_DELEGATION_LETTER: return "delegation letter (委托调解函)";
    case v1::DOCUMENT_KIND_MEDIATION_AGREEMENT: return "mediation agreement (调解协议书)";
    case v1::DOCUMENT_KIND_REPLY_LETTER: return "reply letter (委托调解复函)";
    case v1::DOCUMENT_KIND_ARBITRAL_MEDIATION_DOCUMENT: return "arbitral mediation document (仲裁调解书)";
    default: return "-";
  }
}

}  // namespace

Table NewSessionTable() { return Table({"HELD (UTC+8)", "WHERE", "ATTENDEES", "SUMMARY"}); }

void AddSessionRow(Table& table, const v1::MediationSession& s) {
  std::vector<std::string> who;
  for (const auto& p : s.parties()) who.push_back(PartyText(p));
  if (s.mediator_present()) who.push_back("mediator");
  for (const auto& a : s.agent_names()) who.push_back(absl::StrCat("agent ", a));
  table.AddRow({FormatChinaTime(s.held_time()), absl::StrCat(s.online() ? "online: " : "", s.place()),
                absl::StrJoin(who, ", "), s.summary()});
}

void PrintAgreement(const v1::Agreement& a, std::ostream& out) {
  out << "Agreement " << a.number() << '\n';
  PrintLine(out, "id:          ", a.id());
  PrintLine(out, "case:        ", a.case_id());
  PrintLine(out, "drafted:     ", absl::StrCat(FormatChinaTime(a.draft_time()), " (UTC+8) by ", a.drafted_by()));
  PrintLine(out, "total:       ", absl::StrCat(FormatYuan(a.total_fen()), " yuan"));
  if (HasTime(a.effective_time())) {
    PrintLine(out, "effective:   ", absl::StrCat(FormatChinaTime(a.effective_time()), " (UTC+8)"));
  }
  if (HasTime(a.void_time())) {
    PrintLine(out, "voided:      ", absl::StrCat(FormatChinaTime(a.void_time()), ": ", a.void_reason()));
  }
  out << "  terms:\n";
  for (absl::string_view line : absl::StrSplit(a.terms(), '\n')) out << "    " << line << '\n';
  Table obligations({"#", "OBLIGOR", "OBLIGEE", "AMOUNT (YUAN)", "WHAT", "DUE", "PERFORMED"});
  obligations.AlignRight(3);
  for (const auto& o : a.obligations()) {
    const bool money = o.kind() == v1::OBLIGATION_KIND_MONEY;
    const std::string done = money ? absl::StrCat(FormatYuan(o.performed_fen()), o.performed() ? " ✔" : "")
                                   : (o.performed() ? "done ✔" : "-");
    obligations.AddRow({absl::StrCat(o.position()), PartyText(o.obligor()), PartyText(o.obligee()),
                        money ? FormatYuan(o.amount_fen()) : "-", DashIfEmpty(o.description()),
                        FormatDate(o.due_date()), done});
  }
  out << '\n';
  obligations.Print(out);
  out << "\n  signatures (the Law Art. 14: every party, the mediator and the room's seal):\n";
  for (const auto& s : a.signatures()) {
    out << "    ✔ " << s.item() << "  " << FormText(s.form()) << "  " << FormatChinaTime(s.sign_time()) << "  ("
        << s.evidence_ref() << ")\n";
  }
  for (const auto& item : a.missing_signatures()) out << "    ✘ " << item << "  missing\n";
  out << '\n';
  PrintLine(out, "case state:  ", StateText(a.case_state()));
  PrintLine(out, "case etag:   ", a.case_etag());
}

void PrintReview(const v1::ArbitralReview& r, std::ostream& out) {
  out << "Arbitral review " << r.id() << '\n';
  PrintLine(out, "case:        ", r.case_id());
  PrintLine(out, "applied:     ", absl::StrCat(FormatChinaTime(r.apply_time()), " (UTC+8) by ", r.applied_by(), " (",
                                              r.evidence_ref(), ")"));
  const auto due = [](const v1::Deadline& d) {
    return absl::StrCat(FormatDate(d.due()), " (", d.length(), d.kind() == "WORKING_DAYS" ? " working" : " calendar",
                        " days after ", FormatDate(d.start()), ")");
  };
  PrintLine(out, "review due:  ", due(r.review_due()));
  if (r.has_extended_due()) PrintLine(out, "extended to: ", absl::StrCat(due(r.extended_due()), ": ", r.extension_reason()));
  if (r.document_made()) PrintLine(out, "document:    ", absl::StrCat(r.document_number(), " (仲裁调解书)"));
  if (r.refusal() != v1::REVIEW_REFUSAL_UNSPECIFIED) {
    PrintLine(out, "refused:     ", absl::StrCat(WithoutPrefix(v1::ReviewRefusal_Name(r.refusal()), "REVIEW_REFUSAL_"),
                                               r.refusal_note().empty() ? "" : ": ", r.refusal_note()));
  }
  for (const auto& receipt : r.receipts()) {
    out << "    " << (receipt.refused() ? "✘ refused  " : "✔ received ") << receipt.item() << "  "
        << FormatChinaTime(receipt.time()) << "  (" << receipt.evidence_ref() << ")\n";
  }
  PrintLine(out, "case state:  ", StateText(r.case_state()));
  PrintLine(out, "case etag:   ", r.case_etag());
}

Table NewDocumentTable() { return Table({"KIND", "NUMBER", "ISSUED (UTC+8)", "SHA-256 (FIRST 16)", "ID"}); }

void AddDocumentRow(Table& table, const v1::Document& d) {
  table.AddRow({DocumentKindText(d.kind()), d.number(), FormatChinaTime(d.issue_time()), d.sha256().substr(0, 16),
                d.id()});
}

void PrintDocument(const v1::Document& d, std::ostream& out) {
  out << DocumentKindText(d.kind()) << " " << d.number() << '\n';
  PrintLine(out, "id:       ", d.id());
  PrintLine(out, "case:     ", d.case_id());
  PrintLine(out, "issuer:   ", d.issuer());
  PrintLine(out, "issued:   ", absl::StrCat(FormatChinaTime(d.issue_time()), " (UTC+8) by ", d.issued_by()));
  PrintLine(out, "sha256:   ", d.sha256());
  out << "\n" << d.rendering();
}

}  // namespace caitiao::cli
