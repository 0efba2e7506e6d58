#!/usr/bin/env bash
# End-to-end through the project's own CLI: the real caitiaod on an ephemeral
# port with a fresh embedded database and the demo tokens, driven by
# `caitiao` as a clerk, an administrator and a reporting job would.
# Usage: cli_test.sh CAITIAOD CAITIAO EXAMPLE_CASE_JSON
set -euo pipefail
caitiaod=$1 caitiao=$2 example=$3
# Only the tokens this script names may be used.
unset CAITIAO_TOKEN CAITIAO_TOKEN_FILE

work=$(mktemp -d /tmp/caitiao-cli-XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- server log (tail) ---" >&2
  tail -20 "$work/server.log" >&2 || true
  exit 1
}

"$caitiaod" --data_dir="$work/data" --listen=127.0.0.1:0 --port_file="$work/port" --demo 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "caitiaod did not start"
server="127.0.0.1:$(cat "$work/port")"

# The tokens --demo wrote, one per file, readable by their owner only.
admin=$work/data/admin.token
staff=$work/data/demo-tokens/arbitration_staff.token            # Wuhan, may unmask
yichang=$work/data/demo-tokens/arbitration_staff_yichang.token  # Yichang
reporting=$work/data/demo-tokens/reporting.token                # Hubei (420000)
room=$work/data/demo-tokens/room_staff.token                    # the Wuhan demo mediation room
funding=$work/data/demo-tokens/funding.token                    # Hubei funding officer
funding2=$work/data/demo-tokens/funding_second.token            # a second one, for four eyes
for t in "$admin" "$staff" "$yichang" "$reporting" "$room" "$funding" "$funding2"; do
  [ -s "$t" ] || fail "no token file $t"
  [ "$(stat -c %a "$t")" = 600 ] || fail "$t is not mode 0600"
done

cli() { "$caitiao" --server="$server" "$@"; }
# as TOKEN_FILE ARGS...: a call with that token.
as() {
  local token_file=$1
  shift
  cli --token_file="$token_file" "$@"
}
# expect_error EXIT_CODE "CODE (REASON)" COMMAND...: the command fails with
# that exit status and reports that code and reason on stderr.
expect_error() {
  local want_rc=$1 want=$2 rc=0
  shift 2
  "$@" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
  [ "$rc" = "$want_rc" ] || fail "exit $rc instead of $want_rc for $*: $(cat "$work/err.txt")"
  grep -qF "error: $want" "$work/err.txt" || fail "no \"$want\" for $* in: $(cat "$work/err.txt")"
}

# The example's first applicant's identity number, in full.
full_id=$(/usr/bin/python3 -c '
import json, sys
print(json.load(open(sys.argv[1]))["applicants"][0]["resident_id_number"])' "$example")
[ ${#full_id} = 18 ] || fail "no resident id number in $example"

# The Wuhan commission from the demo directory (the admin token).
wuhan=$(as "$admin" commissions 420100 --json | /usr/bin/python3 -c '
import json, sys
doc = json.load(sys.stdin)
print(next(c["id"] for c in doc["commissions"] if c["region_code"] == "420100"))')
[ -n "$wuhan" ] || fail "no Wuhan commission in the demo directory"

# --- Wuhan staff: create, then retry with the same request id: one case, same answer.
as "$staff" create-case "$example" --commission="$wuhan" --request_id=11111111-2222-4333-8444-555555555555 --json \
  >"$work/created.json" 2>/dev/null || fail "create-case failed"
as "$staff" create-case "$example" --commission="$wuhan" --request_id=11111111-2222-4333-8444-555555555555 --json \
  >"$work/retried.json" 2>/dev/null || fail "retry failed"
cmp -s "$work/created.json" "$work/retried.json" || fail "a retry must return the original response"
read -r id number etag state < <(/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(c["id"], c["case_number"], c["etag"], c["state"])' "$work/created.json")
year=$(TZ=Asia/Shanghai date +%Y)
[ "$number" = "鄂武劳人仲案字〔${year}〕第1号" ] || fail "unexpected case number $number"
[ "$etag" = v1 ] && [ "$state" = CASE_STATE_RECEIVED ] || fail "unexpected etag/state $etag $state"
grep -qF "$full_id" "$work/created.json" && fail "create-case must answer with personal data masked"

# The readable views: masked by default, in full with --unmask.
as "$staff" get "$id" >"$work/get.txt" || fail "get failed"
grep -q "state:            RECEIVED" "$work/get.txt" || fail "get does not show the state"
grep -qF "$full_id" "$work/get.txt" && fail "get must mask resident identity numbers"
grep -qF "${full_id:0:6}********${full_id:14:4}" "$work/get.txt" || fail "no masked identity number: $(cat "$work/get.txt")"
grep -q "personal data:    masked" "$work/get.txt" || fail "get does not say the personal data is masked"
as "$staff" get "$id" --unmask >"$work/get.txt" || fail "get --unmask failed"
grep -q "resident id:   $full_id\$" "$work/get.txt" || fail "get --unmask must show the identity number"
grep -q "personal data:    UNMASKED" "$work/get.txt" || fail "get --unmask does not say so"
as "$staff" get "$id" --unmask --json | grep -q '"personal_data_masked": true' && fail "--unmask --json still masked"
[ "$(as "$staff" list --filter="commission_id = \"$wuhan\"" | grep -c "$id")" = 1 ] || fail "list shows the case once"

# Bad input: exit 1, the reason and the field on stderr, nothing stored.
sed "s/$full_id/${full_id:0:17}9/" "$example" >"$work/bad.json"
expect_error 1 "INVALID_ARGUMENT (FIELD_INVALID)" as "$staff" create-case "$work/bad.json" --commission="$wuhan"
grep -q "field case.applicants\[0\].resident_id_number" "$work/err.txt" || fail "no field in: $(cat "$work/err.txt")"
[ "$(as "$staff" list --all --json | grep -c '"id"')" = 1 ] || fail "the refused case must not be stored"

# Update the facts (the rest of the file is ignored by the mask).
/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
c["facts_and_reasons"] = "补充：被申请人已于2026年11月支付部分工资。"
json.dump(c, open(sys.argv[2], "w"), ensure_ascii=False)' "$example" "$work/update.json"
as "$staff" update "$id" "$work/update.json" --etag=v1 --fields=facts_and_reasons >"$work/out.txt" 2>/dev/null ||
  fail "update failed"
grep -q "etag:             v2" "$work/out.txt" || fail "update: no new etag in $(cat "$work/out.txt")"
as "$staff" get "$id" --json | grep -q '"facts_and_reasons": "补充' || fail "the update was not stored"

# Stale etag, then a real withdrawal, then its history.
expect_error 1 "ABORTED (ETAG_MISMATCH)" as "$staff" withdraw "$id" --etag=v1 --reason="申请人撤回"
as "$staff" withdraw "$id" --etag=v2 --reason="双方已自行和解" >/dev/null 2>&1 || fail "withdraw failed"
as "$staff" get "$id" --json | grep -q '"state": "CASE_STATE_WITHDRAWN"' || fail "not withdrawn"
events=$(as "$staff" events "$id" --json)
echo "$events" | grep -q '"kind": "CASE_CREATED"' || fail "no CASE_CREATED event"
echo "$events" | grep -q '"kind": "CASE_WITHDRAWN"' || fail "no CASE_WITHDRAWN event"

# --- Scope and roles.
# Another commission's staff: the case does not exist for them.
expect_error 1 "NOT_FOUND (CASE_NOT_FOUND)" as "$yichang" get "$id"
[ "$(as "$yichang" list --all --json | grep -c '"id"' || true)" = 0 ] || fail "Yichang staff list Wuhan's case"
# Reporting jobs may not read single cases.
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$reporting" get "$id"
# Nor may staff administer tokens.
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$staff" admin token list

# --- Credentials.
expect_error 1 "UNAUTHENTICATED (CREDENTIALS_MISSING)" cli get "$id"
expect_error 1 "UNAUTHENTICATED (TOKEN_MALFORMED)" cli --token=not-a-caitiao-token get "$id"
expect_error 1 "UNAUTHENTICATED (TOKEN_UNKNOWN)" cli --token="ct1.$(printf 'A%.0s' $(seq 43))" get "$id"
expect_error 2 "cannot read the token file" cli --token_file="$work/no-such.token" get "$id"
expect_error 2 "give --token or --token_file, not both" cli --token=x --token_file="$staff" get "$id"
# The environment works as the flags do.
CAITIAO_TOKEN_FILE=$staff cli get "$id" >/dev/null || fail "CAITIAO_TOKEN_FILE is not used"
CAITIAO_TOKEN=$(cat "$staff") cli get "$id" >/dev/null || fail "CAITIAO_TOKEN is not used"

# --- Token administration: issue, use, revoke.
as "$admin" admin token issue --role=arbitration_staff --label=e2e-desk --commission="$wuhan" --ttl=2h \
  >"$work/issued.txt" 2>/dev/null || fail "admin token issue failed"
grep -q "will not be shown again" "$work/issued.txt" || fail "issue: no warning in $(cat "$work/issued.txt")"
grep -q "role:     arbitration_staff" "$work/issued.txt" || fail "issue: no role in $(cat "$work/issued.txt")"
token_id=$(sed -n 's/^Token \([0-9a-f-]\{36\}\) .*/\1/p' "$work/issued.txt")
[ -n "$token_id" ] || fail "issue: no token id in $(cat "$work/issued.txt")"
(umask 077 && grep -E '^ct1\.[A-Za-z0-9_-]{43}$' "$work/issued.txt" >"$work/new.token") || fail "issue: no secret"
as "$work/new.token" get "$id" | grep -q "state:            WITHDRAWN" || fail "the new token cannot read the case"
expect_error 1 "PERMISSION_DENIED (UNMASK_NOT_ALLOWED)" as "$work/new.token" get "$id" --unmask
as "$admin" admin token list | grep "$token_id" | grep -q active || fail "token list does not show it active"
as "$admin" admin token revoke "$token_id" 2>/dev/null | grep -q "status:   revoked" || fail "revoke failed"
expect_error 1 "UNAUTHENTICATED (TOKEN_REVOKED)" as "$work/new.token" get "$id"
as "$admin" admin token list | grep -q "$token_id" && fail "a revoked token is listed as active"
as "$admin" admin token list --all | grep "$token_id" | grep -q revoked || fail "token list --all: not revoked"
expect_error 2 "--role is required" as "$admin" admin token issue --label=x
expect_error 1 "INVALID_ARGUMENT (FIELD_INVALID)" as "$admin" admin token issue --role=reporting --label=x \
  --region=420000 --unmask

# --- The audit log: the refusals above, and the unmasked read.
as "$admin" admin audit --refused --limit=100 >"$work/audit.txt" || fail "admin audit failed"
for reason in CREDENTIALS_MISSING TOKEN_MALFORMED TOKEN_UNKNOWN TOKEN_REVOKED ROLE_NOT_ALLOWED UNMASK_NOT_ALLOWED; do
  grep -q "$reason" "$work/audit.txt" || fail "audit --refused lacks $reason: $(cat "$work/audit.txt")"
done
grep -v '^TIME' "$work/audit.txt" | grep -vq 'UNAUTHENTICATED\|PERMISSION_DENIED' &&
  fail "audit --refused lists more than refusals: $(cat "$work/audit.txt")"
as "$admin" admin audit --unmasked --json >"$work/audit.json" || fail "admin audit --unmasked failed"
grep -q "\"resource\":\"cases/$id\".*applicants\[0\].resident_id_number" "$work/audit.json" ||
  fail "the unmasked read is not audited: $(cat "$work/audit.json")"
as "$admin" admin audit --method=AccessService/RevokeToken | grep -q "tokens/$token_id" ||
  fail "the revocation is not audited"

# --- Reporting.
as "$reporting" report summary >"$work/summary.txt" || fail "report summary failed"
grep -Eq '^420100 +WITHDRAWN +1$' "$work/summary.txt" || fail "summary: $(cat "$work/summary.txt")"
grep -q '^total: 1 cases$' "$work/summary.txt" || fail "summary total: $(cat "$work/summary.txt")"
grep -Eq '^as of [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} \(UTC\+8\)$' "$work/summary.txt" || fail "summary: no as of"
as "$reporting" report export >"$work/export.jsonl" 2>"$work/export.err" || fail "report export failed"
[ "$(wc -l <"$work/export.jsonl")" = 1 ] || fail "export: one line per case expected: $(cat "$work/export.jsonl")"
grep -q "\"id\":\"$id\"" "$work/export.jsonl" || fail "export lacks the case"
grep -qF "$full_id" "$work/export.jsonl" && fail "export must not contain unmasked identity numbers"
grep -q '"personal_data_masked":true' "$work/export.jsonl" || fail "export not marked masked"
resume=$(sed -n 's/^exported 1 cases; resume token: \(.*\)$/\1/p' "$work/export.err")
[ -n "$resume" ] || fail "export: no resume token in $(cat "$work/export.err")"
as "$reporting" report export --resume="$resume" >"$work/export.jsonl" 2>/dev/null || fail "export --resume failed"
[ ! -s "$work/export.jsonl" ] || fail "export --resume repeated a case"
# No progress line when stderr is no terminal: as of when, and the summary
# line. On a terminal (script(1) gives stderr one) with stdout in a file, a
# progress line of the cases counted by SummarizeCases is drawn and erased
# before them.
[ "$(sed -n 2p "$work/export.err")" = "exported 1 cases; resume token: $resume" ] &&
  [ "$(wc -l <"$work/export.err")" = 2 ] && grep -Eq '^as of .* \(UTC\+8\)$' <(sed -n 1p "$work/export.err") ||
  fail "export: more than as of and the summary on stderr: $(cat "$work/export.err")"
script -qec "$(printf '%q ' "$caitiao" --server="$server" --token_file="$reporting" report export) >$work/tty.jsonl" \
  /dev/null >"$work/tty.txt" </dev/null || fail "report export on a terminal failed: $(cat "$work/tty.txt")"
grep -q "1 of 1 cases (100%), [0-9,]*/s, about 0s left" "$work/tty.txt" || fail "no progress line: $(cat -v "$work/tty.txt")"
grep -q "exported 1 cases; resume token: $resume" "$work/tty.txt" || fail "no summary on a terminal"
[ "$(wc -l <"$work/tty.jsonl")" = 1 ] || fail "export on a terminal: one line per case expected"
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$staff" report summary
# Pilot coverage of Hubei: the region list loaded at first start, the demo rooms and target.
as "$reporting" report coverage --region=420000 --date=2024-07-01 >"$work/coverage.txt" || fail "report coverage failed"
grep -q '^湖北省 (420000) on 2024-07-01: 2 of 118 cities and counties covered, 0 pilots$' "$work/coverage.txt" ||
  fail "coverage: $(head -3 "$work/coverage.txt")"
grep -q '^  \* at least 50 covered by 2024-06-01 (12 months): missed$' "$work/coverage.txt" ||
  fail "coverage milestone: $(cat "$work/coverage.txt")"
grep -Eq '^covered +420102 +江岸区 +county +1' "$work/coverage.txt" || fail "coverage rows: $(cat "$work/coverage.txt")"
as "$reporting" report coverage --region=420000 --format=csv >"$work/coverage.csv" || fail "report coverage csv failed"
[ "$(head -c 3 "$work/coverage.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "coverage csv: no UTF-8 BOM"
[ "$(wc -l <"$work/coverage.csv")" = 119 ] || fail "coverage csv: a header and 118 lines expected"
grep -q '^420000,[0-9-]*,uncovered,429021,神农架林区,county,0,'$'\r''$' "$work/coverage.csv" || fail "coverage csv rows"
as "$reporting" report coverage --region=420000 --format=json >"$work/coverage.json" || fail "coverage json failed"
grep -q '"total": 118' "$work/coverage.json" || fail "coverage json: $(head -5 "$work/coverage.json")"
expect_error 1 "NOT_FOUND (REGION_NOT_FOUND)" as "$reporting" report coverage --region=430000
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$staff" report coverage --region=420000
expect_error 2 "--format must be table, csv, json or html" as "$reporting" report coverage --region=420000 --format=pdf
printf 'code,name,level,parent_code\n420000,湖北省,province,\n420198,测试新区,county,420100\n' >"$work/regions.csv"
as "$admin" load-regions "$work/regions.csv" >"$work/load.txt" || fail "load-regions failed"
grep -q '^regions loaded: 1 added, 0 renamed, 0 moved, 1 unchanged; 3338 in the directory but not in the file (kept); 3340 in the directory$' \
  "$work/load.txt" || fail "load-regions: $(cat "$work/load.txt")"

# Unknown case; unknown commands (usage errors, exit 2).
expect_error 1 "NOT_FOUND (CASE_NOT_FOUND)" as "$staff" get 00000000-0000-4000-8000-000000000000
set +e
cli frobnicate >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown command must exit 2"
cli admin token frobnicate >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown admin command must exit 2"
set -e

# --- Docking: consent, assessment, proposal, delegation, the room's queue and acceptance.
demo_room=7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201  # the Wuhan demo joint docking room
json_field() { /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# Every party must consent: the example has two applicants and one respondent.
parties=$(/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(len(c["applicants"]), len(c["respondents"]))' "$example")
[ "$parties" = "2 1" ] || fail "the example should have 2 applicants and 1 respondent, not $parties"
did=$(as "$staff" create-case "$example" --commission="$wuhan" --json 2>/dev/null | json_field id) ||
  fail "create-case (docking) failed"
expect_error 1 "FAILED_PRECONDITION (CONSENT_MISSING)" as "$staff" delegate "$did" --room="$demo_room" --etag=v1 \
  --route=before-filing
# A consent retried with its request id is recorded once.
as "$staff" consent "$did" --party=applicant:0 --form=written --evidence=同意书-001 \
  --request_id=22222222-3333-4444-8555-666666666666 --json >"$work/consent.json" 2>/dev/null || fail "consent failed"
as "$staff" consent "$did" --party=applicant:0 --form=written --evidence=同意书-001 \
  --request_id=22222222-3333-4444-8555-666666666666 --json >"$work/consent2.json" 2>/dev/null || fail "retry failed"
cmp -s "$work/consent.json" "$work/consent2.json" || fail "a consent retry must return the original consent"
as "$staff" consent "$did" --party=applicant:1 --form=oral --evidence=笔录第3页 --at=2026-11-28T10:00:00+08:00 \
  >/dev/null 2>&1 || fail "consent applicant:1 failed"
as "$staff" consent "$did" --party=respondent:0 --form=electronic --evidence=ESIGN-7781 >"$work/out.txt" \
  2>"$work/err.txt" || fail "consent respondent:0 failed: $(cat "$work/err.txt")"
grep -q "^note: to retry this change safely, repeat it with --request_id=" "$work/err.txt" || fail "consent: no retry note"
grep -q "party:        respondent 0" "$work/out.txt" || fail "consent: $(cat "$work/out.txt")"
[ "$(as "$staff" consents "$did" | grep -c ' current$')" = 3 ] || fail "consents: three current ones expected"
expect_error 1 "INVALID_ARGUMENT (FIELD_INVALID)" as "$staff" consent "$did" --party=respondent:1 --form=written \
  --evidence=x
expect_error 2 "--party=applicant:x: expected applicant:N" as "$staff" consent "$did" --party=applicant:x --form=written \
  --evidence=x
# Consents change the case: assess it as it is now.
detag=$(as "$staff" get "$did" --json | json_field etag)
expect_error 2 "assess needs --suitable=REASON or --not-suitable=REASON" as "$staff" assess "$did" --etag="$detag"
as "$staff" assess "$did" --etag="$detag" --suitable="双方均有调解意愿，争议金额明确" >"$work/assess.txt" 2>/dev/null ||
  fail "assess failed"
grep -q ": ELIGIBLE for delegation" "$work/assess.txt" || fail "assess: $(cat "$work/assess.txt")"
[ "$(grep -c '^✔ PASS' "$work/assess.txt")" = 8 ] || fail "assess: 8 passed criteria expected: $(cat "$work/assess.txt")"
grep -q "^✔ PASS  BOTH_PARTIES_CONSENT .*all 2 applicants and 1 respondent consent" "$work/assess.txt" ||
  fail "assess: no consent criterion in $(cat "$work/assess.txt")"
grep -q "case etag:  $detag " "$work/assess.txt" || fail "assess: no case etag in $(cat "$work/assess.txt")"
as "$staff" eligibility "$did" | grep -q ": ELIGIBLE for delegation" || fail "eligibility does not show the assessment"
# The Wuhan demo room is proposed first.
as "$staff" propose "$did" >"$work/propose.txt" || fail "propose failed"
[ "$(awk 'NR == 2 {print $1, $2}' "$work/propose.txt")" = "1 $demo_room" ] ||
  fail "propose: the demo room should rank first: $(cat "$work/propose.txt")"
as "$staff" delegate "$did" --room="$demo_room" --etag="$detag" --route=before-filing --reason=同区调解室 \
  >"$work/delegated.txt" 2>/dev/null || fail "delegate failed"
grep -q "letter number:   鄂武劳人仲委调字〔${year}〕第1号$" "$work/delegated.txt" || fail "delegate: $(cat "$work/delegated.txt")"
grep -q "status:          PENDING" "$work/delegated.txt" || fail "delegate: not pending"
grep -Eq "acceptance due:  [0-9]{4}-[0-9]{2}-[0-9]{2} \(3 working days after " "$work/delegated.txt" ||
  fail "delegate: no acceptance due date in $(cat "$work/delegated.txt")"
grep -q "policy: built-in defaults" "$work/delegated.txt" || fail "delegate: no policy source"
detag=$(sed -n 's/^  case etag: *//p' "$work/delegated.txt")
[ -n "$detag" ] || fail "delegate: no new case etag"
# Another commission's staff cannot see the case; the room can.
expect_error 1 "NOT_FOUND (CASE_NOT_FOUND)" as "$yichang" delegations "$did"
expect_error 1 "NOT_FOUND (CASE_NOT_FOUND)" as "$yichang" get "$did"
as "$room" queue >"$work/queue.txt" || fail "queue failed"
grep "$did" "$work/queue.txt" | grep -q " DELEGATED .*$detag\$" || fail "queue: $(cat "$work/queue.txt")"
as "$room" queue --overdue | grep -q '^(none)$' || fail "queue --overdue lists a case on time"
# The room's events: --once stops at the end of the first stream (which --timeout makes 3 s).
as "$room" watch --once --timeout=3s >"$work/watch.txt" 2>"$work/watch.err" || fail "watch: $(cat "$work/watch.err")"
grep -Eq "^#[0-9]+  .*  CASE_DELEGATED +$did  DELEGATED\$" "$work/watch.txt" || fail "watch: $(cat "$work/watch.txt")"
grep -q "^last sequence: [0-9]" "$work/watch.err" || fail "watch: no last sequence in $(cat "$work/watch.err")"
# An active mediator of the room who can take a case today (the admin reads the directory).
mediator=$(as "$admin" mediators --room="$demo_room" --status=active | awk 'NR > 1 && $NF == "active" {print $1; exit}')
[ -n "$mediator" ] || fail "no active mediator in the demo room"
expect_error 1 "ABORTED (ETAG_MISMATCH)" as "$room" accept "$did" --etag=v1 --mediator="$mediator"
as "$room" accept "$did" --etag="$detag" --mediator="$mediator" >"$work/accepted.txt" 2>/dev/null ||
  fail "accept failed"
grep -q "status:          ACCEPTED" "$work/accepted.txt" || fail "accept: $(cat "$work/accepted.txt")"
as "$staff" get "$did" | grep -q "state:            IN_MEDIATION" || fail "the case is not IN_MEDIATION"
as "$room" queue --state=in-mediation | grep "$did" | grep -q "$mediator" || fail "queue: no mediator on the case"
# Mediation to success through the CLI: a session, an agreement signed item
# by item, performance in full, and the agreement verified as a document.
etag_of() { as "$staff" get "$1" --json | json_field etag; }
as "$room" session "$did" --etag="$(etag_of "$did")" --place=调解室 --summary=首次调解 --parties=applicant:0,respondent:0 \
  --mediator-present >/dev/null 2>&1 || fail "session failed"
expect_error 1 "FAILED_PRECONDITION (EXTENSION_CONSENT_MISSING)" as "$room" extend "$did" --etag="$(etag_of "$did")" \
  --days=5 --consents=applicant:0=同意书 --reason=双方同意延期
as "$room" extend "$did" --etag="$(etag_of "$did")" --days=5 --reason=双方同意延期 \
  --consents=applicant:0=同意书,applicant:1=同意书,respondent:0=同意书 2>/dev/null | grep -q "^Extended: " || fail "extend"
as "$staff" sessions "$did" >"$work/sessions.txt" 2>&1; grep -q "applicant 0, respondent 0, mediator" "$work/sessions.txt" || fail "sessions: $(cat "$work/sessions.txt")"
/usr/bin/python3 -c '
import datetime, json, sys
due = datetime.date.today() + datetime.timedelta(days=30)
d = {"year": due.year, "month": due.month, "day": due.day}
party = lambda side: {"side": "PARTY_SIDE_" + side, "position": 0}
json.dump({"terms": "双方自愿达成协议。", "obligations": [
    {"obligor": party("RESPONDENT"), "obligee": party("APPLICANT"), "kind": "OBLIGATION_KIND_MONEY",
     "amount_fen": "500000", "due_date": d}]}, open(sys.argv[1], "w"), ensure_ascii=False)' "$work/agreement.json"
as "$room" agreement draft "$did" "$work/agreement.json" --etag="$(etag_of "$did")" >"$work/draft.txt" 2>/dev/null ||
  fail "agreement draft failed"
grep -q "^Agreement 鄂武劳人仲调协字〔${year}〕第1号$" "$work/draft.txt" || fail "draft: $(cat "$work/draft.txt")"
agreement=$(as "$room" agreement show "$did" --json | json_field id)
for item in APPLICANT/0 APPLICANT/1 RESPONDENT/0 MEDIATOR ROOM_SEAL; do
  as "$room" agreement sign "$did" --etag="$(etag_of "$did")" --agreement="$agreement" --item="$item" --form=seal \
    --evidence=原件 >"$work/signed.txt" 2>/dev/null || fail "agreement sign $item failed"
done
grep -q "case state:  AGREEMENT_EFFECTIVE" "$work/signed.txt" || fail "sign: $(cat "$work/signed.txt")"
expect_error 1 "FAILED_PRECONDITION (PERFORMANCE_EXCEEDS_OBLIGATION)" as "$room" perform "$did" \
  --etag="$(etag_of "$did")" --agreement="$agreement" --obligation=0 --amount=500001 --evidence=流水
as "$room" perform "$did" --etag="$(etag_of "$did")" --agreement="$agreement" --obligation=0 --amount=500000 \
  --evidence=流水 2>/dev/null | grep -q "mediation SUCCEEDED" || fail "perform: no success"
as "$staff" get "$did" | grep -q "mediation:        SUCCEEDED_PERFORMED" || fail "the case did not succeed"
doc=$(as "$staff" documents "$did" | awk '/调解协议书/ {print $NF}')
[ -n "$doc" ] || fail "documents: no agreement"
as "$staff" document "$doc" --json | /usr/bin/python3 -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["rendering"])' \
  >"$work/copy.txt"
as "$staff" verify "鄂武劳人仲调协字〔${year}〕第1号" "$work/copy.txt" | grep -q "^MATCHES" || fail "verify: the copy"
echo "改" >>"$work/copy.txt"
rc=0
as "$staff" verify "鄂武劳人仲调协字〔${year}〕第1号" "$work/copy.txt" >"$work/verify.txt" || rc=$?
[ "$rc" = 1 ] && grep -q "^DOES NOT MATCH" "$work/verify.txt" || fail "verify: a tampered copy passed (exit $rc)"
# Path B through the CLI: a second case to an effective agreement, then the
# commission's review, the arbitral mediation document and its service.
bid=$(as "$staff" create-case "$example" --commission="$wuhan" --json 2>/dev/null | json_field id) || fail "create-case (B)"
for p in applicant:0 applicant:1 respondent:0; do
  as "$staff" consent "$bid" --party=$p --form=written --evidence=同意书 >/dev/null 2>&1 || fail "consent (B) $p"
done
as "$staff" assess "$bid" --etag="$(etag_of "$bid")" --suitable=可调解 >/dev/null 2>&1 || fail "assess (B)"
as "$staff" delegate "$bid" --room="$demo_room" --etag="$(etag_of "$bid")" --route=before-filing >/dev/null 2>&1 ||
  fail "delegate (B)"
as "$room" accept "$bid" --etag="$(etag_of "$bid")" --mediator="$mediator" >/dev/null 2>&1 || fail "accept (B)"
as "$room" agreement draft "$bid" "$work/agreement.json" --etag="$(etag_of "$bid")" >/dev/null 2>&1 || fail "draft (B)"
bagreement=$(as "$room" agreement show "$bid" --json | json_field id)
for item in APPLICANT/0 APPLICANT/1 RESPONDENT/0 MEDIATOR ROOM_SEAL; do
  as "$room" agreement sign "$bid" --etag="$(etag_of "$bid")" --agreement="$bagreement" --item="$item" \
    --form=signature --evidence=原件 >/dev/null 2>&1 || fail "sign (B) $item"
done
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$room" apply-review "$bid" --etag="$(etag_of "$bid")" \
  --evidence=联合申请书
as "$staff" apply-review "$bid" --etag="$(etag_of "$bid")" --evidence=联合申请书 2>/dev/null |
  grep -q "case state:  UNDER_REVIEW" || fail "apply-review"
as "$staff" make-document "$bid" --etag="$(etag_of "$bid")" 2>/dev/null |
  grep -q "document:    鄂武劳人仲调字〔${year}〕第1号" || fail "make-document"
for p in applicant:0 applicant:1 respondent:0; do
  as "$staff" serve "$bid" --etag="$(etag_of "$bid")" --party=$p --evidence=送达回证 >"$work/served.txt" 2>/dev/null ||
    fail "serve $p"
done
grep -q "case state:  MEDIATED" "$work/served.txt" || fail "serve: $(cat "$work/served.txt")"
as "$room" review "$bid" | grep -c "✔ received" | grep -qx 3 || fail "review: not every receipt"
as "$staff" get "$bid" | grep -q "mediation:        SUCCEEDED_DOCUMENT" || fail "the case did not succeed by path B"
# The subsidies of both successes, under the demo's Hubei standard: path A
# had a session (500 yuan), path B none, which that standard requires.
as "$staff" subsidy ledger --case="$did" | grep "$did\|鄂武" | grep -q " 500.00 " || fail "ledger: path A did not accrue 500"
as "$staff" subsidy ledger --case="$bid" --json | grep -q '"no_subsidy": "NO_SUBSIDY_NO_SESSION"' ||
  fail "ledger: path B is not a zero entry for want of a session"
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$reporting" subsidy ledger
expect_error 1 "FAILED_PRECONDITION (TIER_LOCKED)" as "$staff" subsidy tier "$did" complex --etag="$(etag_of "$did")" \
  --reason=案情复杂
as "$funding" subsidy standard show --region=420100 | grep -q "ordinary case.*500.00 yuan" || fail "standard show"
# The year and quarter in China, where the entries' days are counted.
read -r cn_year quarter < <(/usr/bin/python3 -c '
import datetime
d = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
print(d.year, f"{d.year}-Q{(d.month - 1) // 3 + 1}")')
expect_error 2 "PERIOD: \"$cn_year-Q5\" is not a period" as "$funding" subsidy batch draft 420100 "$cn_year-Q5" hrss
as "$funding" subsidy budget add 420100 "$cn_year" hrss 300.00 --note=年度预算 >/dev/null 2>&1 || fail "budget add"
batch=$(as "$funding" subsidy batch draft 420100 "$quarter" hrss --json 2>/dev/null | json_field id) || fail "batch draft"
expect_error 1 "FAILED_PRECONDITION (BUDGET_INSUFFICIENT)" as "$funding" subsidy batch check "$batch"
as "$funding" subsidy budget add 420100 "$cn_year" hrss 200 --note=追加 >/dev/null 2>&1 || fail "budget top-up"
as "$funding" subsidy batch check "$batch" 2>/dev/null | grep -q "status:     CHECKED" || fail "batch check"
expect_error 1 "FAILED_PRECONDITION (FOUR_EYES_REQUIRED)" as "$funding" subsidy batch approve "$batch"
as "$funding2" subsidy batch approve "$batch" 2>/dev/null | grep -q "status:     APPROVED" || fail "batch approve"
as "$funding" subsidy batch pay "$batch" --reference=转账0001 2>/dev/null | grep -q "status:     PAID" || fail "batch pay"
as "$funding" subsidy budget 420100 "$cn_year" | grep -q "500.00.*0.00.*500.00.*0.00" || fail "budget after payment"
as "$room" subsidy statement "$mediator" "$quarter" | grep -q "unpaid:   0.00 yuan" || fail "statement"
# The change feed: everything so far, then nothing more from its cursor.
as "$reporting" report changes >"$work/changes.txt" 2>"$work/changes.err" || fail "report changes"
grep -q '"kind":"SUBSIDY_ACCRUED"' "$work/changes.txt" || fail "report changes: no SUBSIDY_ACCRUED"
cursor=$(sed -n 's/.*resume cursor: //p' "$work/changes.err")
[ -n "$cursor" ] || fail "report changes: no cursor in $(cat "$work/changes.err")"
as "$reporting" report changes --resume="$cursor" 2>&1 >/dev/null | grep -q "^0 changes" || fail "report changes: resumed"
# The docking report of the quarter: the cases above, their outcomes by path and what was paid.
as "$reporting" report docking --region=420100 --period="$quarter" --breakdown=room >"$work/docking.txt" ||
  fail "report docking: $(cat "$work/docking.txt")"
grep -Eq "^subsidies paid \(yuan\) +0\.00 +500\.00 +500\.00$" "$work/docking.txt" ||
  fail "report docking: 500.00 paid through the demo room, in all: $(cat "$work/docking.txt")"
as "$reporting" report docking --region=420100 --period="$quarter" --format=json >"$work/docking.json" ||
  fail "report docking json"
/usr/bin/python3 - "$work/docking.json" <<'PY' || fail "report docking json: $(cat "$work/docking.json")"
import json, sys
total = {k: int(v) for k, v in json.load(open(sys.argv[1]))["rows"][-1]["figures"].items()
         if isinstance(v, str) and v.isdigit()}  # proto JSON writes int64 as strings
assert total["succeeded_performed"] >= 1 and total["succeeded_document"] >= 1, total
assert total["subsidy_paid_fen"] == 50000, total
assert total["succeeded"] == total["succeeded_performed"] + total["succeeded_document"], total
PY
as "$reporting" report docking --region=420100 --period="${quarter/-/}" --breakdown=room >"$work/docking-nodash.txt" ||
  fail "report docking --period=${quarter/-/}"
# The two answers are read a moment apart: their "as of" lines may differ.
diff -q <(tail -n +2 "$work/docking.txt" | grep -v '^as of ') \
  <(tail -n +2 "$work/docking-nodash.txt" | grep -v '^as of ') >/dev/null ||
  fail "report docking: --period=${quarter/-/} and --period=$quarter differ"
as "$reporting" report docking --region=420100 --period="$quarter" --format=csv >"$work/docking.csv" ||
  fail "report docking csv"
head -c 3 "$work/docking.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "report docking csv: no byte order mark"
expect_error 1 "INVALID_ARGUMENT (FIELD_INVALID)" as "$reporting" report docking --region=420100 \
  --room="$demo_room" --breakdown=commission
expect_error 2 "--breakdown must be region, commission, room or mediator" as "$reporting" report docking \
  --region=420100 --breakdown=month
# A dispute over confirming a labor relationship is never delegated, whatever else holds.
/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
c["claims"][2]["dispute_type"] = "DISPUTE_TYPE_LABOR_RELATIONSHIP_CONFIRMATION"
json.dump(c, open(sys.argv[2], "w"), ensure_ascii=False)' "$example" "$work/labor.json"
lid=$(as "$staff" create-case "$work/labor.json" --commission="$wuhan" --json 2>/dev/null | json_field id) ||
  fail "create-case (labor relationship) failed"
expect_error 1 "FAILED_PRECONDITION (LABOR_RELATIONSHIP_CONFIRMATION)" as "$staff" delegate "$lid" \
  --room="$demo_room" --etag=v1 --route=before-filing
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$room" delegate "$lid" --room="$demo_room" --etag=v1 \
  --route=before-filing
expect_error 1 "PERMISSION_DENIED (ROLE_NOT_ALLOWED)" as "$staff" set-policy 420100 --from=2030-01-01 \
  --pre-filing=15 --post-filing=10 --acceptance=3 --extension=15
as "$staff" policy 420100 | grep -q "source:                 built-in defaults" || fail "policy: no source"

# SIGTERM: clean stop, exit 0, PostgreSQL stopped.
kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=
grep -q 'msg=stopped' "$work/server.log" || fail "no clean stop in the log"
[ ! -e "$work/data/pgdata/postmaster.pid" ] || fail "PostgreSQL left running"
# --database: an external PostgreSQL (here the same cluster, started by hand)
# is used as it is; caitiaod starts and stops nothing, and the data persists.
# The data key that encrypts identity numbers comes along, as an operator
# would bring it; the tokens are in the database.
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
pg_bin=/usr/lib/postgresql/15/bin
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" -l "$work/data/external.log" -w \
  -o "-c listen_addresses='' -k $work/data/run" start >/dev/null || fail "cannot start PostgreSQL by hand"
stop_external() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'stop_external; cleanup' EXIT
rm -f "$work/port"
CAITIAO_DATABASE_URL="host=$work/data/run port=5432 user=postgres dbname=caitiao" \
  "$caitiaod" --data_dir="$work/unused" --data_key_file="$work/data/secrets/data.key" --listen=127.0.0.1:0 \
  --port_file="$work/port" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "caitiaod did not start on --database"
server="127.0.0.1:$(cat "$work/port")"
as "$staff" get "$id" --json | grep -q '"state": "CASE_STATE_WITHDRAWN"' || fail "the case did not survive the restart"
as "$staff" get "$id" --unmask | grep -q "resident id:   $full_id\$" || fail "identity numbers unreadable after restart"
expect_error 1 "UNAUTHENTICATED (TOKEN_REVOKED)" as "$work/new.token" get "$id"
[ ! -e "$work/unused" ] || fail "with a database URL no embedded cluster may be created"
kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" status >/dev/null || fail "caitiaod stopped a database it did not start"
stop_external
echo "cli_test: all checks passed"
