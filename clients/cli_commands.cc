#include "clients/cli_commands.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/command_support.h"
#include "clients/error_printer.h"

namespace caitiao::cli {

namespace {

using Handler = int (*)(const Session&, const Args&);

struct Command {
  const char* name;      // one word or several: "admin token issue"
  const char* synopsis;  // shown on a usage error
  size_t min_args;
  size_t max_args;
  std::vector<const char*> flags;  // command flags it accepts, besides the global ones
  Handler run;
};

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"create-case",
       "create-case FILE [--commission=ID] [--route_stage=received|filed] [--request_id=UUID]",
       1,
       1,
       {"commission", "route_stage", "request_id"},
       CreateCaseCommand},
      {"get", "get CASE_ID [--unmask]", 1, 1, {"unmask"}, GetCaseCommand},
      {"list",
       "list [--filter=F] [--page_size=N] [--page_token=T] [--all]",
       0,
       0,
       {"filter", "page_size", "page_token", "all"},
       ListCasesCommand},
      {"events",
       "events CASE_ID [--page_size=N] [--page_token=T] [--all]",
       1,
       1,
       {"page_size", "page_token", "all"},
       ListEventsCommand},
      {"update",
       "update CASE_ID FILE --etag=ETAG --fields=F1,F2 [--request_id=UUID]",
       2,
       2,
       {"etag", "fields", "request_id"},
       UpdateCaseCommand},
      {"withdraw",
       "withdraw CASE_ID --etag=ETAG --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"etag", "reason", "request_id"},
       WithdrawCaseCommand},
      {"regions",
       "regions [--parent=CODE] [--all]",
       0,
       0,
       {"parent", "page_size", "page_token", "all"},
       ListRegionsCommand},
      {"commissions",
       "commissions [REGION_CODE] [--all]",
       0,
       1,
       {"page_size", "page_token", "all"},
       ListCommissionsCommand},
      {"create-region",
       "create-region CODE NAME LEVEL [--parent=CODE] [--request_id=UUID]",
       3,
       3,
       {"parent", "request_id"},
       CreateRegionCommand},
      {"create-commission",
       "create-commission REGION_CODE NAME TEMPLATE [--request_id=UUID]",
       3,
       3,
       {"request_id"},
       CreateCommissionCommand},
      {"admin token issue",
       "admin token issue --role=ROLE --label=L [--commission=ID]... [--room=ID] [--region=CODE]... [--unmask] "
       "[--ttl=90d] [--request_id=UUID]",
       0,
       0,
       {"role", "label", "commission", "room", "region", "unmask", "ttl", "request_id"},
       IssueTokenCommand},
      {"admin token list",
       "admin token list [--all] [--page_size=N] [--page_token=T]",
       0,
       0,
       {"all", "page_size", "page_token"},
       ListTokensCommand},
      {"admin token revoke",
       "admin token revoke TOKEN_ID [--request_id=UUID]",
       1,
       1,
       {"request_id"},
       RevokeTokenCommand},
      {"admin cert map",
       "admin cert map SUBJECT --role=ROLE --label=L [--commission=ID]... [--room=ID] [--region=CODE]... "
       "[--unmask] [--request_id=UUID]",
       1,
       1,
       {"role", "label", "commission", "room", "region", "unmask", "request_id"},
       MapCertificateCommand},
      {"admin cert list",
       "admin cert list [--all] [--page_size=N] [--page_token=T]",
       0,
       0,
       {"all", "page_size", "page_token"},
       ListCertificatesCommand},
      {"admin cert revoke",
       "admin cert revoke MAPPING_ID [--request_id=UUID]",
       1,
       1,
       {"request_id"},
       RevokeCertificateCommand},
      {"admin audit",
       "admin audit [--principal=P] [--method=M] [--outcome=CODE] [--resource=R] [--refused] [--unmasked] "
       "[--limit=N]",
       0,
       0,
       {"principal", "method", "outcome", "resource", "refused", "unmasked", "limit"},
       AuditCommand},
      {"report summary", "report summary [--filter=F]", 0, 0, {"filter"}, ReportSummaryCommand},
      {"report export", "report export [--filter=F] [--resume=TOKEN]", 0, 0, {"filter", "resume"}, ReportExportCommand},
      {"report changes", "report changes [--resume=CURSOR] [--follow]", 0, 0, {"resume", "follow"},
       ReportChangesCommand},
      {"report docking",
       "report docking --region=CODE [--period=2026-H1 | --from=YYYY-MM-DD --to=YYYY-MM-DD] "
       "[--commission=ID] [--room=ID] [--mediator=ID] [--breakdown=region|commission|room|mediator] [--by_month] "
       "[--format=table|csv|json|html] [--output=FILE]",
       0,
       0,
       {"region", "period", "from", "to", "commission", "room", "mediator", "breakdown", "by_month", "format",
        "output", "chart_js"},
       ReportDockingCommand},
      {"report share",
       "report share --region=CODE [--period=2026-H1 | --from=YYYY-MM-DD --to=YYYY-MM-DD] "
       "[--format=table|csv|json|html] [--output=FILE]",
       0,
       0,
       {"region", "period", "from", "to", "format", "output", "chart_js"},
       ReportShareCommand},
      {"report room-review",
       "report room-review --region=CODE [--period=2026-H1 | --from=YYYY-MM-DD --to=YYYY-MM-DD] "
       "[--format=table|csv|json|html] [--output=FILE]",
       0,
       0,
       {"region", "period", "from", "to", "format", "output", "chart_js"},
       ReportRoomReviewCommand},
      {"report coverage",
       "report coverage --region=PROVINCE [--date=YYYY-MM-DD] [--format=table|csv|json|html] [--output=FILE] "
       "[--chart_js=FILE]",
       0,
       0,
       {"region", "date", "format", "output", "chart_js"},
       ReportCoverageCommand},
      {"load-regions", "load-regions FILE [--request_id=UUID]", 1, 1, {"request_id"}, LoadRegionsCommand},
      // Docking: the arbitration side.
      {"consent",
       "consent CASE_ID --party=applicant:N|respondent:N --form=written|oral|electronic --evidence=REF "
       "[--at=RFC3339] [--request_id=UUID]",
       1,
       1,
       {"party", "form", "evidence", "at", "request_id"},
       RecordConsentCommand},
      {"withdraw-consent",
       "withdraw-consent CONSENT_ID --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"reason", "request_id"},
       WithdrawConsentCommand},
      {"consents", "consents CASE_ID", 1, 1, {}, ListConsentsCommand},
      {"assess",
       "assess CASE_ID --etag=E --suitable=REASON|--not-suitable=REASON [--fail=CODE:WHY]... [--pass=CODE:NOTE]... "
       "[--contested] [--infringement=YYYY-MM-DD] [--request_id=UUID]",
       1,
       1,
       {"etag", "fail", "pass", "suitable", "not_suitable", "contested", "infringement", "request_id"},
       AssessCommand},
      {"eligibility", "eligibility CASE_ID", 1, 1, {}, GetEligibilityCommand},
      {"propose", "propose CASE_ID", 1, 1, {}, ProposeRoomsCommand},
      {"delegate",
       "delegate CASE_ID --room=ID --etag=E --route=before-filing|after-filing [--reason=TEXT] [--request_id=UUID]",
       1,
       1,
       {"room", "etag", "route", "reason", "request_id"},
       DelegateCommand},
      {"delegations", "delegations CASE_ID", 1, 1, {}, ListDelegationsCommand},
      // Docking: the mediation room's side.
      {"queue",
       "queue [--room=ID] [--state=delegated|in-mediation|agreement-effective|under-review|document-service] [--overdue] [--due-before=YYYY-MM-DD] [--all]",
       0,
       0,
       {"room", "state", "overdue", "due_before", "page_size", "page_token", "all"},
       QueueCommand},
      {"accept",
       "accept CASE_ID --etag=E --mediator=ID [--request_id=UUID]",
       1,
       1,
       {"etag", "mediator", "request_id"},
       AcceptCommand},
      {"decline",
       "decline CASE_ID --etag=E --reason=TEXT [--ground=no-capacity|...] [--request_id=UUID]",
       1,
       1,
       {"etag", "reason", "request_id"},
       DeclineCommand},
      {"conflict",
       "conflict CASE_ID --mediator=ID --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"mediator", "reason", "request_id"},
       ConflictCommand},
      {"watch", "watch [--room=ID] [--after=SEQ] [--once]", 0, 0, {"room", "after", "once"}, WatchCommand},
      // Mediation in the room and its outcome.
      {"session",
       "session CASE_ID --etag=E --place=WHERE --summary=TEXT [--online] [--parties=applicant:0,respondent:0] "
       "[--mediator-present] [--agents=NAME,...] [--at=TIME] [--request_id=UUID]",
       1,
       1,
       {"etag", "place", "summary", "online", "parties", "mediator_present", "agents", "at", "request_id"},
       RecordSessionCommand},
      {"sessions", "sessions CASE_ID", 1, 1, {}, ListSessionsCommand},
      {"extend",
       "extend CASE_ID --etag=E --days=N --consents=applicant:0=REF,respondent:0=REF --reason=TEXT "
       "[--request_id=UUID]",
       1,
       1,
       {"etag", "days", "consents", "reason", "request_id"},
       ExtendMediationCommand},
      {"agreement draft",
       "agreement draft CASE_ID FILE --etag=E [--request_id=UUID]",
       2,
       2,
       {"etag", "request_id"},
       DraftAgreementCommand},
      {"agreement show", "agreement show CASE_ID [--agreement=ID]", 1, 1, {"agreement"}, ShowAgreementCommand},
      {"agreement sign",
       "agreement sign CASE_ID --etag=E --agreement=ID --item=ITEM --form=signature|seal|fingerprint|electronic "
       "--evidence=REF [--at=TIME] [--request_id=UUID]",
       1,
       1,
       {"etag", "agreement", "item", "form", "evidence", "at", "request_id"},
       SignAgreementCommand},
      {"agreement void",
       "agreement void CASE_ID --etag=E --agreement=ID --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"etag", "agreement", "reason", "request_id"},
       VoidAgreementCommand},
      {"perform",
       "perform CASE_ID --etag=E --agreement=ID --obligation=N (--amount=FEN | --act) --evidence=REF "
       "[--on=YYYY-MM-DD] [--request_id=UUID]",
       1,
       1,
       {"etag", "agreement", "obligation", "amount", "act", "evidence", "on", "request_id"},
       PerformCommand},
      {"terminate",
       "terminate CASE_ID --etag=E --failure=party-refused|room-terminated|period-expired|not-performed "
       "[--note=TEXT] [--request_id=UUID]",
       1,
       1,
       {"etag", "failure", "note", "request_id"},
       TerminateCommand},
      // Arbitral review of an agreement (path B).
      {"apply-review",
       "apply-review CASE_ID --etag=E --evidence=REF [--at=TIME] [--request_id=UUID]",
       1,
       1,
       {"etag", "evidence", "at", "request_id"},
       ApplyReviewCommand},
      {"review", "review CASE_ID", 1, 1, {}, GetReviewCommand},
      {"extend-review",
       "extend-review CASE_ID --etag=E --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"etag", "reason", "request_id"},
       ExtendReviewCommand},
      {"make-document", "make-document CASE_ID --etag=E [--request_id=UUID]", 1, 1, {"etag", "request_id"},
       MakeDocumentCommand},
      {"refuse-review",
       "refuse-review CASE_ID --etag=E --ground=GROUND [--note=TEXT] [--request_id=UUID]",
       1,
       1,
       {"etag", "ground", "note", "request_id"},
       RefuseReviewCommand},
      {"serve",
       "serve CASE_ID --etag=E --party=applicant:N|respondent:N --evidence=REF [--at=TIME] [--request_id=UUID]",
       1,
       1,
       {"etag", "party", "evidence", "at", "request_id"},
       ServeCommand},
      {"refuse-service",
       "refuse-service CASE_ID --etag=E --party=applicant:N|respondent:N --evidence=REF [--at=TIME] "
       "[--request_id=UUID]",
       1,
       1,
       {"etag", "party", "evidence", "at", "request_id"},
       RefuseServiceCommand},
      // The commission's decisions after (or without) mediation.
      {"file", "file CASE_ID --etag=E [--request_id=UUID]", 1, 1, {"etag", "request_id"}, FileCaseCommand},
      {"refuse-acceptance",
       "refuse-acceptance CASE_ID --etag=E --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"etag", "reason", "request_id"},
       RefuseAcceptanceCommand},
      {"close",
       "close CASE_ID --etag=E --manner=award|tribunal-mediation|terminated [--note=TEXT] [--request_id=UUID]",
       1,
       1,
       {"etag", "manner", "note", "request_id"},
       CloseCaseCommand},
      // Documents.
      {"documents", "documents CASE_ID", 1, 1, {}, ListDocumentsCommand},
      {"document", "document ID", 1, 1, {}, GetDocumentCommand},
      {"verify", "verify NUMBER COPY_FILE", 2, 2, {}, VerifyDocumentCommand},
      // Rooms and mediators.
      {"rooms",
       "rooms [--region=CODE] [--commission=ID] [--active] [--all]",
       0,
       0,
       {"region", "commission", "active", "page_size", "page_token", "all"},
       ListRoomsCommand},
      {"room", "room ID", 1, 1, {}, GetRoomCommand},
      {"create-room",
       "create-room --name=N --kind=joint|union-station|tribunal --region=CODE --host=ORG --commission=ID... "
       "--capacity=N [--min-mediators=N] --opened=YYYY-MM-DD [--request_id=UUID]",
       0,
       0,
       {"name", "kind", "region", "host", "commission", "capacity", "min_mediators", "opened", "request_id"},
       CreateRoomCommand},
      {"deactivate-room",
       "deactivate-room ID --etag=E [--request_id=UUID]",
       1,
       1,
       {"etag", "request_id"},
       DeactivateRoomCommand},
      {"mediators",
       "mediators [--room=ID] [--status=active|suspended] [--all]",
       0,
       0,
       {"room", "status", "page_size", "page_token", "all"},
       ListMediatorsCommand},
      {"mediator", "mediator ID", 1, 1, {}, GetMediatorCommand},
      {"create-mediator",
       "create-mediator --name=N --id-number=N --source=SOURCE --certificate=NUM --certificate-expiry=YYYY-MM-DD "
       "--term=START..END [--training-hours=N] [--civil-servant] [--room=ID]... [--request_id=UUID]",
       0,
       0,
       {"name", "id_number", "source", "certificate", "certificate_expiry", "term", "training_hours", "civil_servant",
        "room", "request_id"},
       CreateMediatorCommand},
      // Deadline policies and holiday calendars.
      {"policy", "policy REGION [--date=YYYY-MM-DD]", 1, 1, {"date"}, EffectivePolicyCommand},
      {"policies",
       "policies [--region=CODE] [--all]",
       0,
       0,
       {"region", "page_size", "page_token", "all"},
       ListPoliciesCommand},
      {"set-policy",
       "set-policy REGION --from=YYYY-MM-DD --pre-filing=DAYS --post-filing=DAYS --acceptance=WORKING_DAYS "
       "--extension=DAYS [--extensions=N] [--decision=WD] [--review-window=DAYS] [--review=WD] "
       "[--review-extension=WD] [--request_id=UUID]",
       1,
       1,
       {"from", "pre_filing", "post_filing", "acceptance", "extension", "extensions", "decision", "review_window",
        "review", "review_extension", "request_id"},
       SetPolicyCommand},
      {"calendars", "calendars [--all]", 0, 0, {"page_size", "page_token", "all"}, ListCalendarsCommand},
      {"load-calendar", "load-calendar FILE [--request_id=UUID]", 1, 1, {"request_id"}, LoadCalendarCommand},
      // Case subsidies for mediators and their funding.
      {"subsidy standards",
       "subsidy standards [--region=CODE] [--all]",
       0,
       0,
       {"region", "page_size", "page_token", "all"},
       ListSubsidyStandardsCommand},
      {"subsidy standard show",
       "subsidy standard show (ID | --region=CODE [--date=YYYY-MM-DD])",
       0,
       1,
       {"region", "date"},
       ShowSubsidyStandardCommand},
      {"subsidy standard create",
       "subsidy standard create FILE [--request_id=UUID]",
       1,
       1,
       {"request_id"},
       CreateSubsidyStandardCommand},
      {"subsidy tier",
       "subsidy tier CASE_ID simple|ordinary|complex --etag=ETAG --reason=TEXT [--request_id=UUID]",
       2,
       2,
       {"etag", "reason", "request_id"},
       SetCaseTierCommand},
      {"subsidy ledger",
       "subsidy ledger [--region=CODE] [--room=ID] [--mediator=ID] [--case=ID] "
       "[--period=2027-Q1|2027-H1|2027-03|2027] [--unsettled] [--all]",
       0,
       0,
       {"region", "room", "mediator", "case", "period", "unsettled", "page_size", "page_token", "all"},
       ListLedgerCommand},
      {"subsidy reverse",
       "subsidy reverse ENTRY_ID --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"reason", "request_id"},
       ReverseLedgerEntryCommand},
      {"subsidy budget", "subsidy budget REGION YEAR", 2, 2, {}, GetBudgetCommand},
      {"subsidy budget add",
       "subsidy budget add REGION YEAR hrss|union AMOUNT_YUAN --note=TEXT [--request_id=UUID]",
       4,
       4,
       {"note", "request_id"},
       AddBudgetCommand},
      {"subsidy batch draft",
       "subsidy batch draft REGION PERIOD hrss|union [--request_id=UUID]",
       3,
       3,
       {"request_id"},
       DraftBatchCommand},
      {"subsidy batch check", "subsidy batch check BATCH_ID [--request_id=UUID]", 1, 1, {"request_id"},
       CheckBatchCommand},
      {"subsidy batch approve", "subsidy batch approve BATCH_ID [--request_id=UUID]", 1, 1, {"request_id"},
       ApproveBatchCommand},
      {"subsidy batch pay",
       "subsidy batch pay BATCH_ID --reference=TEXT [--request_id=UUID]",
       1,
       1,
       {"reference", "request_id"},
       PayBatchCommand},
      {"subsidy batch cancel",
       "subsidy batch cancel BATCH_ID --reason=TEXT [--request_id=UUID]",
       1,
       1,
       {"reason", "request_id"},
       CancelBatchCommand},
      {"subsidy batch show", "subsidy batch show BATCH_ID", 1, 1, {}, ShowBatchCommand},
      {"subsidy statement", "subsidy statement MEDIATOR_ID PERIOD", 2, 2, {}, MediatorStatementCommand},
  };
  return kCommands;
}

std::vector<std::string> Words(const char* name) { return absl::StrSplit(name, ' '); }

// The command whose name's words begin `pos`, the longest if several; sets
// `words` to their number.
const Command* FindCommand(const Args& pos, size_t& words) {
  const Command* found = nullptr;
  for (const auto& c : Commands()) {
    const std::vector<std::string> w = Words(c.name);
    if (w.size() <= pos.size() && std::equal(w.begin(), w.end(), pos.begin()) &&
        (found == nullptr || w.size() > words)) {
      found = &c;
      words = w.size();
    }
  }
  return found;
}

// For a command line that names no command: the usage of the commands of its
// group ("admin", "report") if the first word is one, else "unknown command".
int UnknownCommand(const Args& pos) {
  std::string usage;
  for (const auto& c : Commands()) {
    if (Words(c.name).size() > 1 && Words(c.name)[0] == pos[0]) absl::StrAppend(&usage, "\n  caitiao ", c.synopsis);
  }
  const std::string line = absl::StrJoin(pos, " ");
  if (usage.empty()) return UsageError(absl::StrCat("unknown command \"", pos[0], "\""));
  if (pos.size() == 1) return UsageError(absl::StrCat(pos[0], " needs a subcommand; usage:", usage));
  return UsageError(absl::StrCat("unknown command \"", line, "\"; usage:", usage));
}

bool Contains(const auto& names, const std::string& name) {
  return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return name == n; });
}

// A flag meant for another command is almost always a mistake (e.g.
// `get --etag=...`), so it is refused rather than ignored.
int CheckFlags(const Command& command, const ParsedArgs& parsed) {
  for (const auto& flag : parsed.flags_given) {
    if (!Contains(kGlobalFlags, flag) && !Contains(command.flags, flag)) {
      return UsageError(absl::StrCat("--", flag, " does not apply to ", command.name));
    }
  }
  return kExitOk;
}

constexpr const char kHelp[] = R"(caitiao — command-line client of caitiaod (labor-dispute arbitration cases)

usage: caitiao [global flags] COMMAND [ARGS] [flags]

global flags:
  --server=HOST:PORT   caitiaod address (default 127.0.0.1:50051)
  --token=TOKEN        API token (ct1.…), sent as `authorization: Bearer TOKEN`;
                       default $CAITIAO_TOKEN
  --token_file=PATH    read the token from the first line of PATH instead;
                       default $CAITIAO_TOKEN_FILE (a file beats showing the
                       token in `ps` and shell history)
  --ca=PEM             root certificate(s) of the server: connect with TLS
                       (without --ca and --cert the connection is plaintext)
  --cert=PEM --key=PEM client certificate and key for mutual TLS; the server
                       maps its subject to a principal (see admin cert map)
  --server_name=NAME   TLS: verify the server certificate for NAME instead of
                       the host of --server
  --json               print protobuf JSON (.proto field names) instead of tables
  --timeout=DURATION   deadline of each call (default 10s; report export and
                       watch have none unless given)

Flag names take "-" or "_" alike: --due-before is --due_before.

Every call needs credentials: a token, or a mapped client certificate. A
token has one role (admin, arbitration_staff, room_staff, reporting) and a
scope; a case outside the scope is NOT_FOUND, a method the role may not use
is PERMISSION_DENIED. The first start of caitiaod writes an admin token to
<data_dir>/admin.token; use it to issue everyone else's (admin token issue).

cases:
  create-case FILE [--commission=ID] [--route_stage=received|filed] [--request_id=UUID]
      Registers the case in FILE, a caitiao.v1.Case in proto3 JSON ("-" reads
      stdin; see clients/examples/case.json). --commission overrides the file's
      commission_id (ids are generated by the server: see `commissions`).
      --route_stage defaults to received.
  get CASE_ID [--unmask]
      Identity numbers and phones come masked (420106********271X). --unmask
      asks for them in full: only for tokens allowed to, and every such read
      is recorded in the audit log.
  list [--filter=F] [--page_size=N] [--page_token=T] [--all]
      e.g. --filter='state = FILED AND region_code = "420100"'
      Fields: commission_id, region_code, state, dispute_type, receive_time,
      party_name (":" = contains), party_resident_id_number (a whole number).
  events CASE_ID [--page_size=N] [--page_token=T] [--all]
  update CASE_ID FILE --etag=ETAG --fields=claims,facts_and_reasons [--request_id=UUID]
      Only the fields named in --fields are taken from FILE (the update mask):
      applicants, respondents, claims, facts_and_reasons, application_date.
      To change parties, start from `get --unmask --json`: a masked identity
      number is refused.
  withdraw CASE_ID --etag=ETAG --reason=TEXT [--request_id=UUID]

directory:
  regions [--parent=CODE] [--all]
  commissions [REGION_CODE] [--all]
      Commissions in the region and below it (all if none).
  create-region CODE NAME LEVEL [--parent=CODE]     (admin; LEVEL: province|city|county)
  create-commission REGION_CODE NAME TEMPLATE      (admin; TEMPLATE with {year} and {seq})

docking — consent, eligibility, delegation (arbitration staff of the case's
commission, and admin; "room staff too": also the room the case is delegated to):
  consent CASE_ID --party=applicant:N|respondent:N --form=written|oral|electronic
          --evidence=REF [--at=RFC3339]
      Records a party's consent to mediation (当事人同意调解). N counts from 0 in
      the order of the case's applicants or respondents (`get` numbers them
      from 1: applicant:0 is applicant 1.). --evidence: the signed form's
      number, the record page, the e-signature id. --at: when the party
      consented, e.g. 2026-11-28T10:00:00+08:00 (default now).
  withdraw-consent CONSENT_ID --reason=TEXT        (room staff too)
  consents CASE_ID                                 (room staff too)
  assess CASE_ID --etag=E --suitable=REASON|--not-suitable=REASON
         [--fail=CODE:WHY]... [--pass=CODE:NOTE]... [--contested] [--infringement=YYYY-MM-DD]
      Records the staff's determinations and prints the verdict, ELIGIBLE or
      NOT ELIGIBLE, with every criterion (✔/✘ and why), the warnings and the
      case etag it was made on. Criteria not named in --fail pass. CODE:
      scope, dispute-type, clear-claim, parties, jurisdiction (or the full
      codes, e.g. WITHIN_ARBITRATION_SCOPE). The server adds consent of every
      party and the labor-relationship exclusion. --contested: the respondent
      contests that a labor relationship exists (never delegable).
      --infringement: the stated date of infringement (limitation warning).
  eligibility CASE_ID
      The latest assessment, as assess prints it.
  propose CASE_ID
      Candidate rooms, best first, with the reasons for each place.
  delegate CASE_ID --room=ID --etag=E --route=before-filing|after-filing [--reason=TEXT]
      Issues the delegation letter (委托调解函); the case becomes DELEGATED and
      the room's acceptance window starts. Prints the letter number, the due
      date with how it was computed, and the case's new etag. Needs an
      assessment at the current etag with every criterion passed; a dispute
      over confirming a labor relationship is never delegated.
  delegations CASE_ID                              (room staff too)

mediation room (room staff: their own room, --room not needed; admin: --room=ID):
  queue [--room=ID] [--state=delegated|in-mediation|agreement-effective|under-review|document-service] [--overdue] [--due-before=YYYY-MM-DD] [--all]
      Delegated cases not yet finished, oldest first, each with its current
      deadline (acceptance while DELEGATED, mediation while IN_MEDIATION, the
      review while UNDER_REVIEW).
  accept CASE_ID --etag=E --mediator=ID
      The mediator must be active, certified, in term, of the room and
      without a declared conflict; the case becomes IN_MEDIATION.
  decline CASE_ID --etag=E --reason=TEXT
      The case returns to the commission.
  conflict CASE_ID --mediator=ID --reason=TEXT
      The mediator declares a conflict of interest (回避) with the case.
  watch [--room=ID] [--after=SEQ] [--once]
      One line per queue event as it commits: sequence, time, kind, case id,
      state. The server ends each watch after at most a minute (or just before
      --timeout); watch then reconnects from the last sequence, so nothing is
      missed or repeated, until Ctrl-C. --once: stop at the first end of the
      stream. On exit, the last sequence goes to stderr: resume with --after.
      With --json, one JSON object per event line.

mediation and its outcome (room staff, their own room's cases; staff read sessions and agreements):
  session CASE_ID --etag=E --place=WHERE --summary=TEXT [--online] [--parties=applicant:0,respondent:0]
          [--mediator-present] [--agents=NAME,...] [--at=TIME]
      Records a session held (调解记录).
  sessions CASE_ID
  extend CASE_ID --etag=E --days=N --consents=applicant:0=REF,respondent:0=REF --reason=TEXT
      Extends the mediation period by N calendar days (within the deadline
      policy, once) with every party's consent and where it is recorded.
  agreement draft CASE_ID FILE --etag=E
      Drafts the agreement (调解协议书) from FILE, JSON with "terms" and
      "obligations" (obligor, obligee, kind OBLIGATION_KIND_MONEY with
      amount_fen or OBLIGATION_KIND_ACT with description, due_date). Prints its
      number and the signature checklist.
  agreement show CASE_ID [--agreement=ID]
  agreement sign CASE_ID --etag=E --agreement=ID --item=ITEM --form=signature|seal|fingerprint|electronic
                 --evidence=REF
      Records one checklist item: APPLICANT/N, RESPONDENT/N, MEDIATOR or
      ROOM_SEAL. The last one makes the agreement effective (the Law Art. 14).
  agreement void CASE_ID --etag=E --agreement=ID --reason=TEXT
      Before it takes effect; then draft a new one.
  perform CASE_ID --etag=E --agreement=ID --obligation=N (--amount=FEN | --act) --evidence=REF [--on=DAY]
      Records a payment (partial payments add up) or an act; when every
      obligation is performed the case is MEDIATED (success, 履行完毕).
  terminate CASE_ID --etag=E --failure=party-refused|room-terminated|period-expired|not-performed [--note=TEXT]
      Ends mediation; the case returns to the commission with a reply letter
      (委托调解复函). A party's withdrawn consent (withdraw-consent) ends it too.

arbitral review of an effective agreement (arbitration staff; path B, the Rules Art. 74-78):
  apply-review CASE_ID --etag=E --evidence=REF [--at=TIME]
      Records the parties' joint application (within 15 days of the agreement
      taking effect, by default); the review runs 5 working days.
  review CASE_ID                              (room staff too)
  extend-review CASE_ID --etag=E --reason=TEXT
      Once, by 5 working days (by default).
  make-document CASE_ID --etag=E
      Makes the arbitral mediation document (仲裁调解书) from the agreement.
  refuse-review CASE_ID --etag=E --ground=GROUND [--note=TEXT]
      GROUND: violates-mandatory-law, harms-other-interests,
      suspected-false-evidence, not-voluntary, unclear, other (with --note).
      The case returns to arbitration.
  serve CASE_ID --etag=E --party=applicant:N|respondent:N --evidence=REF
      A party signed for receipt (签收); after the last one the document is
      in effect and the case is MEDIATED.
  refuse-service CASE_ID --etag=E --party=... --evidence=REF
      A party refused to sign for receipt: the case returns to arbitration.

the commission's decisions (arbitration staff):
  file CASE_ID --etag=E                       立案受理: RECEIVED -> FILED
  refuse-acceptance CASE_ID --etag=E --reason=TEXT
                                              不予受理: RECEIVED -> NOT_ACCEPTED
  close CASE_ID --etag=E --manner=award|tribunal-mediation|terminated [--note=TEXT]
                                              结案: FILED -> CLOSED

documents (whoever may see the case):
  documents CASE_ID
      Delegation letter, agreement and reply letter, with their SHA-256.
  document ID
      One document and its rendering as issued.
  verify NUMBER COPY_FILE
      Whether COPY_FILE (the rendering as printed or sent) is the document as
      issued: exit 0 when it matches, 1 when it does not.

rooms and mediators (admin writes; every token reads):
  rooms [--region=CODE] [--commission=ID] [--active] [--all]
  room ID
  create-room --name=N --kind=joint|union-station|tribunal --region=CODE --host=ORG
              --commission=ID... --capacity=N [--min-mediators=N] --opened=YYYY-MM-DD
  deactivate-room ID --etag=E
      The room takes no new delegations; its cases stay with it.
  mediators [--room=ID] [--status=active|suspended] [--all]
      STATUS also says when an active mediator cannot take a case today
      (CERTIFICATE EXPIRED, OUT OF TERM).
  mediator ID
  create-mediator --name=N --id-number=N --source=SOURCE --certificate=NUM
                  --certificate-expiry=YYYY-MM-DD --term=YYYY-MM-DD..YYYY-MM-DD
                  [--training-hours=N] [--civil-servant] [--room=ID]...
      SOURCE: union-legal-team, lawyer, part-time-arbitrator, peoples-mediator,
      retired-judge, union-cadre, hrss-cadre, other.

deadline policies and holiday calendars (admin writes; every token reads):
  policy REGION [--date=YYYY-MM-DD]
      The policy in force (default today) and where it comes from: the
      region's own version, its city's or province's, or built-in defaults.
  policies [--region=CODE] [--all]
  set-policy REGION --from=YYYY-MM-DD --pre-filing=DAYS --post-filing=DAYS
             --acceptance=WORKING_DAYS --extension=DAYS [--extensions=N] [--decision=WD]
             [--review-window=DAYS] [--review=WD] [--review-extension=WD]
      e.g. set-policy 420100 --from=2027-01-01 --pre-filing=15 --post-filing=10
      --acceptance=3 --extension=15. The bracketed ones default to 1, 5, 15, 5
      and 5. A version already in force is never changed: correct it with one
      from a later day.
  calendars [--all]
  load-calendar FILE
      One year's holiday calendar in the text format of
      deploy/calendars/CN-2026.txt ("-" reads stdin).

case subsidies for mediators and their funding (办案补贴与经费保障; funding officers
(role funding, in the regions of their scope) and admin; every token reads the
standards; arbitration and room staff also read the ledger and statements of
their cases, reporting tokens standards and budgets; amounts in yuan):
  subsidy standards [--region=CODE] [--all]
      Every version of the regions' standards (--region: that region and
      below): per successful case by tier, the collective threshold, what a
      failed case earns, the caps per mediator, the settlement period and the
      published basis.
  subsidy standard show ID
  subsidy standard show --region=CODE [--date=YYYY-MM-DD]
      One version: by id, or the one in force for the region on the day
      (default today; a county falls back on its city's, then its province's).
  subsidy standard create FILE
      Adds a version from FILE, a caitiao.v1.SubsidyStandard in proto3 JSON,
      amounts in fen ("-" reads stdin; see clients/examples/subsidy_standard.json).
      It supersedes the region's version in force from its effective_from,
      which cannot be before today: a version is never edited.
  subsidy tier CASE_ID simple|ordinary|complex --etag=E --reason=TEXT
      (arbitration staff) The case's tier (default ordinary), until its
      mediation has an outcome. Collective is never designated: a case with
      the standard's collective_min_workers worker applicants is collective.
  subsidy ledger [--region=CODE] [--room=ID] [--mediator=ID] [--case=ID]
                 [--period=2027-Q1|2027-H1|2027-03|2027] [--unsettled] [--all]
      Ledger entries, oldest first: one accrual per finished mediation, with
      its amount and the rule that set it or why it earned nothing, and the
      reversals. --period: by outcome day; --unsettled: in no live batch and
      not paid.
  subsidy reverse ENTRY_ID --reason=TEXT
      Writes the reversal (the negated amount) of an accrual: once per entry,
      and not while the entry is in a batch being settled (cancel it first).
  subsidy budget REGION YEAR
      Per source (hrss 人社部门, union 工会): budgeted, approved but not yet
      paid, paid and remaining; then the budget entries.
  subsidy budget add REGION YEAR hrss|union AMOUNT_YUAN --note=TEXT
      An initial budget or a top-up, AMOUNT_YUAN with up to two decimals, e.g.
      subsidy budget add 420100 2027 hrss 500000 --note=2027年度预算
  subsidy batch draft REGION PERIOD hrss|union
      A settlement batch of the region's (and its sub-regions') unsettled
      entries of PERIOD. PERIOD must have ended and be of the kind the
      region's standard settles by (a quarter, or a half-year).
  subsidy batch check BATCH_ID
      Applies each mediator's caps (what exceeds them is held back, with why,
      and freed) and checks the remaining budget: FAILED_PRECONDITION
      (BUDGET_INSUFFICIENT) names the shortfall.
  subsidy batch approve BATCH_ID
      By a second funding officer: not the one who drafted or checked it.
  subsidy batch pay BATCH_ID --reference=TEXT
      Records the payment of an approved batch with its reference (the bank
      transfer number).
  subsidy batch cancel BATCH_ID --reason=TEXT
      A DRAFT or CHECKED batch; its entries are free again.
  subsidy batch show BATCH_ID
      The batch: its status and each step's who and when, its items, and what
      the check held back.
  subsidy statement MEDIATOR_ID PERIOD
      A mediator's entries of PERIOD (by outcome day), what was held back and
      why, and the accrued, paid and unpaid totals.
  PERIOD (and --period): 2027-Q1..2027-Q4 (quarter), 2027-H1 or 2027-H2
  (half-year), 2027-01..2027-12 (month), or 2027 (the year).

reporting (reporting and admin tokens; personal data always masked):
  report summary [--filter=F]
      Cases by region and state, the total, and as of when. --filter as for list.
  report export [--filter=F] [--resume=TOKEN]
      Every matching case, one JSON object per line on stdout, newest first.
      Last, on stderr: "as of TIME" (when the cases were read) and "exported
      N cases; resume token: T". Should the export
      break, repeat it with the same --filter and --resume=T to continue after
      the last case received, with no gaps and no duplicates.
  report docking --region=CODE [--period=P | --from=D --to=D] [--commission=ID] [--room=ID]
                 [--mediator=ID] [--breakdown=DIMENSION] [--by_month] [--format=F] [--output=FILE]
      The docking report (裁调对接统计): applications, eligibility, delegations,
      rooms' answers, outcomes, rates, days to outcome, amounts and subsidies
      of the region (narrowed to a commission, room or mediator if given),
      broken down by region, commission, room or mediator and by month if
      asked. html always shows the months.
  report share --region=CODE [--period=P | --from=D --to=D] [--format=F] [--output=FILE]
      The share of disputes resolved by mediation (调解化解比例): cases closed by
      mediation ÷ all cases closed, by child region and month, with the total.
      The period defaults to the current half-year so far; P as for subsidies
      (2026-H1, 2026-Q3, 2026-07, 2026). F: table, csv (UTF-8 with a byte
      order mark), json or html (one page with charts, opens offline).
  report room-review --region=CODE [--period=P | --from=D --to=D] [--format=F] [--output=FILE]
      Hubei's half-yearly room review: every room of the region ranked by
      success rate and volume, with its figures and flags.
  report changes [--resume=CURSOR] [--follow]
      The change feed: every case event of your regions after CURSOR (from
      the first without it), one JSON object per line, oldest first; last,
      on stderr, "N changes; resume cursor: C". Resuming from C never skips
      or repeats an event. --follow keeps streaming new ones until Ctrl-C.
  report coverage --region=PROVINCE [--date=YYYY-MM-DD] [--format=table|csv|json|html]
                  [--output=FILE] [--chart_js=FILE]
      Pilot coverage of a province (e.g. 420000) on a day (default today):
      cities and counties covered by an active mediation room, pilots and
      the target's milestones, then every city and county with its status.
      csv is UTF-8 with a byte order mark, one line per city or county.
      html is one self-contained page (tables and charts, opens offline)
      with Chart.js inlined from --chart_js, CAITIAO_CHART_JS or Debian's
      libjs-chart.js. --output writes the report to FILE, not stdout.

directory (admin tokens):
  load-regions FILE
      Loads a region list (code,name,level,parent_code; the format of
      deploy/data/cn-regions-2023.csv): adds new codes, renames, never deletes.

access administration (admin tokens):
  admin token issue --role=ROLE --label=L [--commission=ID]... [--room=ID]
                    [--region=CODE]... [--unmask] [--ttl=90d]
      Issues an API token. Scope by role: arbitration_staff needs
      --commission (repeatable, or comma-separated), room_staff --room,
      reporting --region (6-digit codes, sub-regions included); admin none.
      --unmask lets it read personal data in full (never for reporting).
      --ttl: 1h..400d, e.g. 90d (default), 12h. The token itself is printed
      this once and never again: store it at once.
  admin token list [--all]
      Active tokens (never their secrets); --all adds revoked and expired ones
      and follows every page.
  admin token revoke TOKEN_ID
      Calls with the token are UNAUTHENTICATED (TOKEN_REVOKED) from then on.
  admin cert map SUBJECT --role=ROLE --label=L [scope flags as above] [--unmask]
      Maps a client certificate subject, as the server renders it, e.g.
      "CN=wuhan-clerk-01,O=Wuhan Arbitration Commission", to a role and scope.
  admin cert list [--all]
  admin cert revoke MAPPING_ID
  admin audit [--principal=P] [--method=M] [--outcome=CODE] [--resource=R]
              [--refused] [--unmasked] [--limit=N]
      The audit log, newest first (default the newest 50): every change and
      every refused call, and every unmasked read with the fields it revealed.
      --principal=token/ID, --method=CaseService/GetCase, --outcome=NOT_FOUND,
      --resource=cases/ID; --refused: UNAUTHENTICATED and PERMISSION_DENIED
      only; --unmasked: unmasked reads only. With --json, one record per line.

  help                 this text

Changes (create-*, update, withdraw, consent, withdraw-consent, assess,
delegate, accept, decline, conflict, deactivate-room, set-policy,
load-calendar, subsidy standard create, subsidy tier|reverse, subsidy budget
add, subsidy batch draft|check|approve|pay|cancel, admin token issue|revoke,
admin cert map|revoke) carry a request id: a new UUID unless --request_id is
given. A new one is printed on stderr; repeating the command with --request_id=THAT-ID is
safe — the server applies the change once. (A repeated token issue does not
show the secret again.)

Output: tables by default (amounts in yuan, times in UTC+8, identity numbers
and phones as masked by the server). With --json, each response is one
pretty-printed JSON document; with --json --all, the list's items are printed
one compact JSON object per line (JSON Lines), e.g. for `jq -c`. Without
--all, a list shows one page and prints the next --page_token on stderr.

Errors go to stderr as
  error: CODE_NAME (REASON): message
    field FIELD: what is wrong
    request id: ID
e.g. UNAUTHENTICATED (CREDENTIALS_MISSING | TOKEN_MALFORMED | TOKEN_UNKNOWN |
TOKEN_EXPIRED | TOKEN_REVOKED | CERTIFICATE_NOT_MAPPED), PERMISSION_DENIED
(ROLE_NOT_ALLOWED | UNMASK_NOT_ALLOWED), NOT_FOUND (CASE_NOT_FOUND),
ABORTED (ETAG_MISMATCH), FAILED_PRECONDITION (LABOR_RELATIONSHIP_CONFIRMATION |
CONSENT_MISSING | NOT_ELIGIBLE | ELIGIBILITY_STALE | INVALID_STATE |
ROOM_AT_CAPACITY | MEDIATOR_NOT_IN_ROOM | CERTIFICATE_EXPIRED | ...).
Exit status: 0 ok, 1 the call failed, 2 usage error (unknown command, missing
argument, unreadable or invalid JSON file, unreadable token or PEM file).
)";

}  // namespace

void PrintHelp(std::ostream& out) { out << kHelp; }

int UsageError(const std::string& message) {
  std::cerr << "error: " << message << "\n(run `caitiao help` for usage)\n";
  return kExitUsage;
}

int RpcError(const grpc::Status& status, const grpc::ClientContext& ctx) {
  PrintRpcError(status, ctx, std::cerr);
  return kExitRpcError;
}

void PrintListTable(const Table& table, const std::string& next_page_token) {
  table.Print(std::cout);
  if (table.RowCount() == 0) std::cout << "(none)\n";
  // On stderr so that stdout stays the table alone.
  if (!next_page_token.empty()) {
    std::cerr << "more results: repeat with --page_token=" << next_page_token << " (or use --all)\n";
  }
}

int RunCommandLine(const ParsedArgs& parsed) {
  const Args& pos = parsed.positional;
  if (parsed.help || (!pos.empty() && pos[0] == "help")) {
    PrintHelp(std::cout);
    return kExitOk;
  }
  if (pos.empty()) {
    PrintHelp(std::cerr);
    return kExitUsage;
  }
  size_t words = 0;
  const Command* command = FindCommand(pos, words);
  if (command == nullptr) return UnknownCommand(pos);
  const Args args(pos.begin() + static_cast<std::ptrdiff_t>(words), pos.end());
  if (args.size() < command->min_args || args.size() > command->max_args) {
    return UsageError(absl::StrCat("usage: caitiao ", command->synopsis));
  }
  if (int bad = CheckFlags(*command, parsed); bad != kExitOk) return bad;
  auto session = SessionFromFlags();
  if (!session.ok()) return UsageError(std::string(session.status().message()));
  session->timeout_given = parsed.flags_given.count("timeout") > 0;
  return command->run(*session, args);
}

}  // namespace caitiao::cli
