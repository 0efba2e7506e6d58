#include "clients/cli_flags.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051", "caitiaod address, host:port");
ABSL_FLAG(std::string, token, "", "API token, sent as `authorization: Bearer TOKEN` (env CAITIAO_TOKEN)");
ABSL_FLAG(std::string, token_file, "", "file whose first line is the API token (env CAITIAO_TOKEN_FILE)");
ABSL_FLAG(std::string, ca, "", "PEM root certificate(s) of the server: connect with TLS");
ABSL_FLAG(std::string, cert, "", "PEM client certificate for mutual TLS (with --key)");
ABSL_FLAG(std::string, key, "", "PEM private key of --cert");
ABSL_FLAG(std::string, server_name, "", "TLS: the name to verify the server certificate against");
ABSL_FLAG(bool, json, false, "print protobuf JSON instead of tables");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10), "deadline of each call, e.g. 10s or 500ms");

ABSL_FLAG(std::string, route_stage, "received", "create-case: received | filed");
ABSL_FLAG(std::string, request_id, "", "idempotency key of a change; a new UUID when empty");
ABSL_FLAG(std::vector<std::string>, commission, {},
          "create-case: commission id overriding the file's commission_id; admin token issue / cert map: "
          "a commission in scope (repeatable)");
ABSL_FLAG(std::string, filter, "", "list, report: AIP-160 filter, e.g. state = FILED AND region_code = \"420100\"");
ABSL_FLAG(int32_t, page_size, 0, "list commands: page size (0 = server default)");
ABSL_FLAG(std::string, page_token, "", "list commands: next_page_token of the previous page");
ABSL_FLAG(bool, all, false,
          "list commands: follow next_page_token to the end; admin token/cert list: also revoked and expired ones");
ABSL_FLAG(std::string, etag, "", "changes: the etag (of the case or room) the change is based on");
ABSL_FLAG(std::string, fields, "", "update: comma-separated Case fields to change (the update_mask)");
ABSL_FLAG(std::string, reason, "",
          "withdraw, withdraw-consent, decline, conflict, subsidy tier|reverse|batch cancel: why; delegate: why this "
          "room");
ABSL_FLAG(std::string, parent, "", "regions: list children of this code; create-region: the parent code");
ABSL_FLAG(bool, unmask, false,
          "get: identity numbers and phones in full (audited); admin token issue / cert map: allow that");

ABSL_FLAG(std::string, role, "", "admin token issue / cert map: admin | arbitration_staff | room_staff | reporting");
ABSL_FLAG(std::string, label, "", "admin token issue / cert map: a name for people, 1..100 characters");
ABSL_FLAG(std::vector<std::string>, room, {},
          "admin token issue / cert map: the mediation room (room_staff); queue, watch, mediators, subsidy ledger: "
          "the room; create-mediator: a room the mediator works for (repeatable)");
ABSL_FLAG(std::vector<std::string>, region, {},
          "admin token issue / cert map: a 6-digit region code in scope (reporting; repeatable); rooms, "
          "policies, subsidy standards|ledger: only this region and below; create-room: the room's region; "
          "subsidy standard show: the standard in force there");
ABSL_FLAG(std::string, ttl, "", "admin token issue: validity, e.g. 90d, 12h, 30m (default 90d; 1h..400d)");
ABSL_FLAG(std::string, principal, "", "admin audit: only this principal, e.g. token/ID");
ABSL_FLAG(std::string, method, "", "admin audit: only this method, e.g. CaseService/GetCase");
ABSL_FLAG(std::string, outcome, "", "admin audit: only this status code, e.g. PERMISSION_DENIED");
ABSL_FLAG(std::string, resource, "", "admin audit: only this resource, e.g. cases/ID");
ABSL_FLAG(bool, refused, false, "admin audit: only refusals (UNAUTHENTICATED, PERMISSION_DENIED)");
ABSL_FLAG(bool, unmasked, false, "admin audit: only unmasked reads of personal data");
ABSL_FLAG(int32_t, limit, 50, "admin audit: at most this many records, newest first");

ABSL_FLAG(std::string, resume, "",
          "report export: continue after the case that carried this resume token; report changes: after this cursor");
ABSL_FLAG(bool, follow, false, "report changes: keep streaming new changes until Ctrl-C");
ABSL_FLAG(std::string, format, "table",
          "report coverage, share and room-review: table, csv (UTF-8 with a byte order mark), json or html (one "
          "self-contained page with charts)");
ABSL_FLAG(std::string, breakdown, "", "report docking: region | commission | room | mediator");
ABSL_FLAG(bool, by_month, false, "report docking: each group's figures month by month too");
ABSL_FLAG(std::string, output, "", "report coverage, share and room-review: write the report to this file instead of stdout");
ABSL_FLAG(std::string, chart_js, "",
          "--format=html: the Chart.js file to inline (env CAITIAO_CHART_JS; default Debian's libjs-chart.js, "
          "/usr/share/javascript/chart.js/chart.min.js)");

// Optional numbers are -1 when not given.
ABSL_FLAG(std::string, party, "", "consent: applicant:N or respondent:N (0-based position in the case)");
ABSL_FLAG(std::string, form, "", "consent: written | oral | electronic");
ABSL_FLAG(std::string, evidence, "", "consent: where the evidence is (form number, record page, e-signature id)");
ABSL_FLAG(std::string, at, "", "consent: when the party consented, RFC 3339 (default now)");
ABSL_FLAG(std::vector<std::string>, fail, {}, "assess: CODE:EXPLANATION of a failed criterion (repeatable)");
ABSL_FLAG(std::vector<std::string>, pass, {}, "assess: CODE:EXPLANATION of a passed criterion (optional)");
ABSL_FLAG(std::string, suitable, "", "assess: why the case is suitable for mediation");
ABSL_FLAG(std::string, not_suitable, "", "assess: why the case is not suitable for mediation");
ABSL_FLAG(bool, contested, false, "assess: the respondent contests that a labor relationship exists");
ABSL_FLAG(std::string, infringement, "", "assess: the stated date of infringement, YYYY-MM-DD");
ABSL_FLAG(std::string, route, "", "delegate: before-filing | after-filing");

ABSL_FLAG(std::string, state, "", "queue: delegated | in-mediation | agreement-effective | under-review | document-service");
ABSL_FLAG(bool, overdue, false, "queue: only entries past their current deadline");
ABSL_FLAG(std::string, due_before, "", "queue: only entries due before this day, YYYY-MM-DD");
ABSL_FLAG(std::string, mediator, "", "accept, conflict: the mediator id; subsidy ledger: only this mediator's entries");
ABSL_FLAG(int64_t, after, 0, "watch: resume after this event sequence");
ABSL_FLAG(bool, once, false, "watch: stop at the first end of stream instead of reconnecting");

ABSL_FLAG(bool, active, false, "rooms: only active rooms");
ABSL_FLAG(std::string, name, "", "create-room, create-mediator: the name");
ABSL_FLAG(std::string, kind, "", "create-room: joint | union-station | tribunal");
ABSL_FLAG(std::string, host, "", "create-room: the host organization");
ABSL_FLAG(int32_t, capacity, -1, "create-room: open cases the room can hold");
ABSL_FLAG(int32_t, min_mediators, -1, "create-room: active mediators the room must have (default 0)");
ABSL_FLAG(std::string, opened, "", "create-room: the day the room opened, YYYY-MM-DD");
ABSL_FLAG(std::string, status, "", "mediators: active | suspended");
ABSL_FLAG(std::string, id_number, "", "create-mediator: resident identity number (18 characters)");
ABSL_FLAG(std::string, source, "", "create-mediator: where the mediator was selected from, e.g. lawyer");
ABSL_FLAG(std::string, certificate, "", "create-mediator: the certificate number");
ABSL_FLAG(std::string, certificate_expiry, "", "create-mediator: the certificate is valid through, YYYY-MM-DD");
ABSL_FLAG(std::string, term, "", "create-mediator: the term of appointment, YYYY-MM-DD..YYYY-MM-DD");
ABSL_FLAG(int32_t, training_hours, -1, "create-mediator: hours of training (default 0)");
ABSL_FLAG(bool, civil_servant, false, "create-mediator: an established civil servant (在编公职人员)");

ABSL_FLAG(std::string, date, "", "policy, subsidy standard show: the day to ask about, YYYY-MM-DD (default today)");
ABSL_FLAG(std::string, from, "",
          "set-policy: the first day in force, YYYY-MM-DD; report share and room-review: the first day reported");
ABSL_FLAG(std::string, to, "", "report share and room-review: the last day reported, YYYY-MM-DD");
ABSL_FLAG(int32_t, pre_filing, -1, "set-policy: pre-filing mediation period, calendar days");
ABSL_FLAG(int32_t, post_filing, -1, "set-policy: post-filing mediation period, calendar days");
ABSL_FLAG(int32_t, acceptance, -1, "set-policy: working days a room has to accept or decline");
ABSL_FLAG(int32_t, extension, -1, "set-policy: calendar days one agreed extension may add (0: none)");
ABSL_FLAG(int32_t, extensions, -1, "set-policy: agreed extensions one mediation period may have (default 1)");
ABSL_FLAG(int32_t, decision, -1, "set-policy: working days to decide acceptance after a failed mediation (default 5)");
ABSL_FLAG(int32_t, review_window, -1, "set-policy: calendar days to apply for arbitral review (default 15)");
ABSL_FLAG(int32_t, review, -1, "set-policy: working days for the arbitral review (default 5)");
ABSL_FLAG(int32_t, review_extension, -1, "set-policy: working days the review's one extension adds (default 5)");

ABSL_FLAG(std::string, case, "", "subsidy ledger: only the entries of this case id");
ABSL_FLAG(std::string, period, "", "subsidy ledger: only outcomes in this period, 2027-Q1 | 2027-H1 | 2027-03 | 2027");
ABSL_FLAG(bool, unsettled, false, "subsidy ledger: only entries in no live batch and not paid");
ABSL_FLAG(std::string, reference, "", "subsidy batch pay: the payment's reference (bank transfer number)");

// Per command: mediation, agreements, outcomes and documents.
ABSL_FLAG(std::string, place, "", "session: where it was held (the platform, with --online)");
ABSL_FLAG(std::string, summary, "", "session: what happened");
ABSL_FLAG(bool, online, false, "session: held online");
ABSL_FLAG(std::vector<std::string>, parties, {}, "session: parties present, applicant:N,respondent:N");
ABSL_FLAG(std::vector<std::string>, agents, {}, "session: agents present, by name");
ABSL_FLAG(bool, mediator_present, false, "session: the mediator attended");
ABSL_FLAG(std::string, agreement, "", "agreement, perform: the agreement id");
ABSL_FLAG(std::string, item, "", "agreement sign: APPLICANT/N, RESPONDENT/N, MEDIATOR or ROOM_SEAL");
ABSL_FLAG(int32_t, obligation, -1, "perform: the obligation's number");
ABSL_FLAG(int64_t, amount, 0, "perform: the amount paid now, in fen");
ABSL_FLAG(bool, act, false, "perform: the obligation's act is done");
ABSL_FLAG(std::string, on, "", "perform: the day it was performed, YYYY-MM-DD (default today)");
ABSL_FLAG(std::string, failure, "", "terminate: party-refused | room-terminated | period-expired | not-performed");
ABSL_FLAG(std::string, note, "",
          "terminate, close: a note (required for room-terminated); subsidy budget add: what the entry is, e.g. "
          "2027年度预算 or 追加");
ABSL_FLAG(std::string, manner, "", "close: award | tribunal-mediation | terminated");
ABSL_FLAG(int32_t, days, 0, "extend: calendar days to add to the mediation period");
ABSL_FLAG(std::vector<std::string>, consents, {}, "extend: every party's consent, applicant:0=REF,respondent:0=REF");
ABSL_FLAG(std::string, ground, "",
          "refuse-review: the Rules Art. 78 ground, e.g. violates-mandatory-law; decline: no-capacity | "
          "conflict-of-interest | outside-competence | parties-unreachable | other");
