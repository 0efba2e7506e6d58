// session, sessions, agreement draft|show|sign|void, perform, terminate
// (MediationService); file, refuse-acceptance, close (CaseService);
// documents, document, verify (DocumentService).
#include <google/protobuf/util/json_util.h>
#include <openssl/sha.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "caitiao/v1/case_service.grpc.pb.h"
#include "caitiao/v1/document.grpc.pb.h"
#include "caitiao/v1/mediation.grpc.pb.h"
#include "clients/case_view.h"
#include "clients/command_support.h"
#include "clients/docking_input.h"
#include "clients/formatting.h"
#include "clients/flag_values.h"
#include "clients/input_file.h"
#include "clients/mediation_view.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;
using v1::CaseService;
using v1::DocumentService;
using v1::MediationService;

std::unique_ptr<MediationService::Stub> MediationStub(const Session& s) { return MediationService::NewStub(s.channel); }

// An enum value from a lower-case word of the command line: "party-refused"
// -> PREFIX_PARTY_REFUSED, looked up with `parse`.
template <typename Enum, typename Parse>
bool ParseWord(const std::string& word, const std::string& prefix, Parse parse, Enum* out) {
  const std::string name = prefix + absl::AsciiStrToUpper(absl::StrReplaceAll(word, {{"-", "_"}}));
  return !word.empty() && parse(name, out);
}

int PrintAgreementResult(const Session& s, const char* heading, const v1::Agreement& agreement) {
  return PrintResult(s, agreement, [heading](const v1::Agreement& a) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintAgreement(a, std::cout);
  });
}

int PrintCaseResult(const Session& s, const char* heading, const v1::Case& c) {
  return PrintResult(s, c, [heading](const v1::Case& cs) {
    std::cout << heading << "\n\n";
    PrintCaseDetail(cs, /*unmasked_requested=*/false, std::cout);
  });
}

std::string NeedEtag(const char* command) {
  return absl::StrCat(command, " needs --etag (from `caitiao get CASE_ID`)");
}

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string hex;
  char two[3];
  for (unsigned char b : digest) {
    std::snprintf(two, sizeof(two), "%02x", b);
    hex += two;
  }
  return hex;
}

}  // namespace

int RecordSessionCommand(const Session& s, const Args& args) {
  v1::RecordSessionRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("session"));
  request.set_place(absl::GetFlag(FLAGS_place));
  request.set_summary(absl::GetFlag(FLAGS_summary));
  if (request.place().empty() || request.summary().empty()) {
    return UsageError("session needs --place=WHERE (or the platform, with --online) and --summary=TEXT");
  }
  request.set_online(absl::GetFlag(FLAGS_online));
  for (const std::string& p : absl::GetFlag(FLAGS_parties)) {
    auto ref = ParsePartyRef(p);
    if (!ref.ok()) return UsageError(std::string(ref.status().message()));
    *request.add_parties() = *ref;
  }
  request.set_mediator_present(absl::GetFlag(FLAGS_mediator_present));
  for (const std::string& a : absl::GetFlag(FLAGS_agents)) request.add_agent_names(a);
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    auto when = ParseInstant("at", at);
    if (!when.ok()) return UsageError(std::string(when.status().message()));
    *request.mutable_held_time() = *when;
  }
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::MediationSession session;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::RecordSession, request, session); rc != kExitOk) return rc;
  return PrintResult(s, session, [](const v1::MediationSession& out) {
    std::cout << "Session recorded. Case etag: " << out.case_etag() << "\n\n";
    Table table = NewSessionTable();
    AddSessionRow(table, out);
    table.Print(std::cout);
  });
}

int ExtendMediationCommand(const Session& s, const Args& args) {
  v1::ExtendMediationRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("extend"));
  request.set_days(absl::GetFlag(FLAGS_days));
  if (request.days() < 1) return UsageError("extend needs --days=N (calendar days to add)");
  for (const std::string& c : absl::GetFlag(FLAGS_consents)) {
    const auto eq = c.find('=');
    if (eq == std::string::npos) return UsageError(absl::StrCat("--consents: ", c, ": expected PARTY=EVIDENCE"));
    auto ref = ParsePartyRef(c.substr(0, eq));
    if (!ref.ok()) return UsageError(std::string(ref.status().message()));
    auto* consent = request.add_consents();
    *consent->mutable_party() = *ref;
    consent->set_evidence_ref(c.substr(eq + 1));
  }
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("extend needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::MediationExtension extension;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::ExtendMediation, request, extension); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, extension, [](const v1::MediationExtension& e) {
    std::cout << "Extended: the mediation period now ends " << FormatDate(e.due().due()) << " (" << e.due().length()
              << " calendar days after " << FormatDate(e.previous_due()) << ").\n  case etag: " << e.case_etag()
              << '\n';
  });
}

int ListSessionsCommand(const Session& s, const Args& args) {
  v1::ListSessionsRequest request;
  request.set_case_id(args[0]);
  auto stub = MediationStub(s);
  v1::ListSessionsResponse response;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::ListSessions, request, response); rc != kExitOk) return rc;
  return PrintResult(s, response, [](const v1::ListSessionsResponse& r) {
    Table table = NewSessionTable();
    for (const auto& session : r.sessions()) AddSessionRow(table, session);
    table.Print(std::cout);
  });
}

int DraftAgreementCommand(const Session& s, const Args& args) {
  auto text = ReadInputFile(args[1]);
  if (!text.ok()) return UsageError(std::string(text.status().message()));
  v1::DraftAgreementRequest request;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (auto parsed = google::protobuf::util::JsonStringToMessage(*text, &request, options); !parsed.ok()) {
    return UsageError(absl::StrCat(args[1], " is not a valid agreement in JSON (terms, obligations): ",
                                   std::string(parsed.message())));
  }
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("agreement draft"));
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::Agreement agreement;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::DraftAgreement, request, agreement); rc != kExitOk) {
    return rc;
  }
  return PrintAgreementResult(s, "Agreement drafted. It takes effect once every item below is recorded.", agreement);
}

int ShowAgreementCommand(const Session& s, const Args& args) {
  v1::GetAgreementRequest request;
  request.set_case_id(args[0]);
  request.set_agreement_id(absl::GetFlag(FLAGS_agreement));
  auto stub = MediationStub(s);
  v1::Agreement agreement;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::GetAgreement, request, agreement); rc != kExitOk) {
    return rc;
  }
  return PrintAgreementResult(s, nullptr, agreement);
}

int SignAgreementCommand(const Session& s, const Args& args) {
  v1::RecordSignatureRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("agreement sign"));
  request.set_agreement_id(absl::GetFlag(FLAGS_agreement));
  request.set_item(absl::GetFlag(FLAGS_item));
  if (request.agreement_id().empty() || request.item().empty()) {
    return UsageError("agreement sign needs --agreement=ID and --item=APPLICANT/N|RESPONDENT/N|MEDIATOR|ROOM_SEAL");
  }
  v1::SignatureForm form;
  if (!ParseWord(absl::GetFlag(FLAGS_form), "SIGNATURE_FORM_", v1::SignatureForm_Parse, &form)) {
    return UsageError("agreement sign needs --form=signature|seal|fingerprint|electronic");
  }
  request.set_form(form);
  request.set_evidence_ref(absl::GetFlag(FLAGS_evidence));
  if (request.evidence_ref().empty()) return UsageError("agreement sign needs --evidence=REF (the signed original)");
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    auto when = ParseInstant("at", at);
    if (!when.ok()) return UsageError(std::string(when.status().message()));
    *request.mutable_sign_time() = *when;
  }
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::Agreement agreement;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::RecordSignature, request, agreement); rc != kExitOk) {
    return rc;
  }
  const bool effective = agreement.case_state() == v1::CASE_STATE_AGREEMENT_EFFECTIVE;
  return PrintAgreementResult(
      s, effective ? "Recorded. The agreement is in effect (the Law Art. 14); record its performance next."
                   : "Recorded.",
      agreement);
}

int VoidAgreementCommand(const Session& s, const Args& args) {
  v1::VoidAgreementRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("agreement void"));
  request.set_agreement_id(absl::GetFlag(FLAGS_agreement));
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.agreement_id().empty() || request.reason().empty()) {
    return UsageError("agreement void needs --agreement=ID and --reason=TEXT");
  }
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::Agreement agreement;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::VoidAgreement, request, agreement); rc != kExitOk) {
    return rc;
  }
  return PrintAgreementResult(s, "Voided. Draft a new agreement to go on.", agreement);
}

int PerformCommand(const Session& s, const Args& args) {
  v1::RecordPerformanceRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("perform"));
  request.set_agreement_id(absl::GetFlag(FLAGS_agreement));
  if (request.agreement_id().empty()) return UsageError("perform needs --agreement=ID");
  request.set_obligation(absl::GetFlag(FLAGS_obligation));
  if (request.obligation() < 0) return UsageError("perform needs --obligation=N (its # in `agreement show`)");
  request.set_act_done(absl::GetFlag(FLAGS_act));
  request.set_amount_fen(absl::GetFlag(FLAGS_amount));
  if (request.act_done() == (request.amount_fen() > 0)) {
    return UsageError("perform needs either --amount=FEN (a payment) or --act (an act done)");
  }
  request.set_evidence_ref(absl::GetFlag(FLAGS_evidence));
  if (request.evidence_ref().empty()) return UsageError("perform needs --evidence=REF (the transfer number, a receipt)");
  if (const std::string on = absl::GetFlag(FLAGS_on); !on.empty()) {
    auto day = ParseDate("on", on);
    if (!day.ok()) return UsageError(std::string(day.status().message()));
    *request.mutable_performed_on() = *day;
  }
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::Agreement agreement;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::RecordPerformance, request, agreement); rc != kExitOk) {
    return rc;
  }
  const bool done = agreement.case_state() == v1::CASE_STATE_MEDIATED;
  return PrintAgreementResult(
      s, done ? "Recorded. Every obligation is performed: mediation SUCCEEDED (履行完毕)." : "Recorded.", agreement);
}

int TerminateCommand(const Session& s, const Args& args) {
  v1::TerminateMediationRequest request;
  request.set_case_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("terminate"));
  v1::MediationFailure failure;
  if (!ParseWord(absl::GetFlag(FLAGS_failure), "MEDIATION_FAILURE_", v1::MediationFailure_Parse, &failure)) {
    return UsageError("terminate needs --failure=party-refused|room-terminated|period-expired|not-performed");
  }
  request.set_reason(failure);
  request.set_note(absl::GetFlag(FLAGS_note));
  request.set_request_id(RequestIdForChange());
  auto stub = MediationStub(s);
  v1::Case c;
  if (int rc = CallUnary(s, *stub, &MediationService::Stub::TerminateMediation, request, c); rc != kExitOk) return rc;
  return PrintCaseResult(s, "Mediation ended; the case is back with the commission (reply letter: `caitiao documents`).",
                         c);
}

int FileCaseCommand(const Session& s, const Args& args) {
  v1::FileCaseRequest request;
  request.set_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("file"));
  request.set_request_id(RequestIdForChange());
  auto stub = CaseService::NewStub(s.channel);
  v1::Case c;
  if (int rc = CallUnary(s, *stub, &CaseService::Stub::FileCase, request, c); rc != kExitOk) return rc;
  return PrintCaseResult(s, "Filed (立案受理).", c);
}

int RefuseAcceptanceCommand(const Session& s, const Args& args) {
  v1::RefuseAcceptanceRequest request;
  request.set_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("refuse-acceptance"));
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("refuse-acceptance needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  auto stub = CaseService::NewStub(s.channel);
  v1::Case c;
  if (int rc = CallUnary(s, *stub, &CaseService::Stub::RefuseAcceptance, request, c); rc != kExitOk) return rc;
  return PrintCaseResult(s, "Not accepted (不予受理).", c);
}

int CloseCaseCommand(const Session& s, const Args& args) {
  v1::CloseCaseRequest request;
  request.set_id(args[0]);
  request.set_etag(absl::GetFlag(FLAGS_etag));
  if (request.etag().empty()) return UsageError(NeedEtag("close"));
  v1::ClosingManner manner;
  if (!ParseWord(absl::GetFlag(FLAGS_manner), "CLOSING_MANNER_", v1::ClosingManner_Parse, &manner)) {
    return UsageError("close needs --manner=award|tribunal-mediation|terminated");
  }
  request.set_manner(manner);
  request.set_note(absl::GetFlag(FLAGS_note));
  request.set_request_id(RequestIdForChange());
  auto stub = CaseService::NewStub(s.channel);
  v1::Case c;
  if (int rc = CallUnary(s, *stub, &CaseService::Stub::CloseCase, request, c); rc != kExitOk) return rc;
  return PrintCaseResult(s, "Closed (结案).", c);
}

int ListDocumentsCommand(const Session& s, const Args& args) {
  v1::ListDocumentsRequest request;
  request.set_case_id(args[0]);
  auto stub = DocumentService::NewStub(s.channel);
  v1::ListDocumentsResponse response;
  if (int rc = CallUnary(s, *stub, &DocumentService::Stub::ListDocuments, request, response); rc != kExitOk) {
    return rc;
  }
  return PrintResult(s, response, [](const v1::ListDocumentsResponse& r) {
    Table table = NewDocumentTable();
    for (const auto& d : r.documents()) AddDocumentRow(table, d);
    table.Print(std::cout);
  });
}

int GetDocumentCommand(const Session& s, const Args& args) {
  v1::GetDocumentRequest request;
  request.set_id(args[0]);
  auto stub = DocumentService::NewStub(s.channel);
  v1::Document document;
  if (int rc = CallUnary(s, *stub, &DocumentService::Stub::GetDocument, request, document); rc != kExitOk) return rc;
  return PrintResult(s, document, [](const v1::Document& d) { PrintDocument(d, std::cout); });
}

int VerifyDocumentCommand(const Session& s, const Args& args) {
  v1::VerifyDocumentRequest request;
  request.set_number(args[0]);
  auto copy = ReadInputFile(args[1]);
  if (!copy.ok()) return UsageError(std::string(copy.status().message()));
  request.set_sha256(Sha256Hex(*copy));
  auto stub = DocumentService::NewStub(s.channel);
  v1::VerifyDocumentResponse response;
  if (int rc = CallUnary(s, *stub, &DocumentService::Stub::VerifyDocument, request, response); rc != kExitOk) {
    return rc;
  }
  PrintResult(s, response, [&request](const v1::VerifyDocumentResponse& r) {
    std::cout << (r.matches() ? "MATCHES: the copy is the document as issued.\n"
                              : "DOES NOT MATCH: the copy differs from the document as issued.\n");
    std::cout << "  copy:    " << request.sha256() << "\n  issued:  " << r.sha256() << '\n';
  });
  return response.matches() ? kExitOk : kExitRpcError;
}

}  // namespace caitiao::cli
