#!/usr/bin/env bash
# End-to-end through the project's own CLI: the real caitiaod on an ephemeral
# port with a fresh embedded database, driven by `caitiao` as a clerk would.
# Usage: cli_test.sh CAITIAOD CAITIAO EXAMPLE_CASE_JSON
set -euo pipefail
caitiaod=$1 caitiao=$2 example=$3

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
cli() { "$caitiao" --server="$server" "$@"; }

# The Wuhan commission from the demo directory.
wuhan=$(cli --role=admin commissions 420100 --json | /usr/bin/python3 -c '
import json, sys
doc = json.load(sys.stdin)
print(next(c["id"] for c in doc["commissions"] if c["region_code"] == "420100"))')
[ -n "$wuhan" ] || fail "no Wuhan commission in the demo directory"

# Create, then retry with the same request id: one case, same answer.
cli create-case "$example" --commission="$wuhan" --request_id=11111111-2222-4333-8444-555555555555 --json \
  >"$work/created.json" 2>/dev/null || fail "create-case failed"
cli create-case "$example" --commission="$wuhan" --request_id=11111111-2222-4333-8444-555555555555 --json \
  >"$work/retried.json" 2>/dev/null || fail "retry failed"
cmp -s "$work/created.json" "$work/retried.json" || fail "a retry must return the original response"
read -r id number etag state < <(/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
print(c["id"], c["case_number"], c["etag"], c["state"])' "$work/created.json")
year=$(TZ=Asia/Shanghai date +%Y)
[ "$number" = "鄂武劳人仲案字〔${year}〕第1号" ] || fail "unexpected case number $number"
[ "$etag" = v1 ] && [ "$state" = CASE_STATE_RECEIVED ] || fail "unexpected etag/state $etag $state"

# The readable views.
cli get "$id" | grep -q "state:            RECEIVED" || fail "get does not show the state"
cli get "$id" | grep -q "42010619880315271X" && fail "get must mask resident identity numbers"
[ "$(cli list --filter="commission_id = \"$wuhan\"" | grep -c "$id")" = 1 ] || fail "list shows the case once"

# Bad input: exit 1, the reason and the field on stderr, nothing stored.
sed 's/42010619880315271X/420106198803152719/' "$example" >"$work/bad.json"
if cli create-case "$work/bad.json" --commission="$wuhan" 2>"$work/err.txt" >/dev/null; then
  fail "a wrong check character must be refused"
fi
grep -q "INVALID_ARGUMENT (FIELD_INVALID)" "$work/err.txt" || fail "no reason in: $(cat "$work/err.txt")"
grep -q "field case.applicants\[0\].resident_id_number" "$work/err.txt" || fail "no field in: $(cat "$work/err.txt")"
[ "$(cli list --all --json | grep -c '"id"')" = 1 ] || fail "the refused case must not be stored"

# Stale etag, then a real withdrawal, then its history.
cli withdraw "$id" --etag=v9 --reason="申请人撤回" 2>"$work/err.txt" >/dev/null && fail "stale etag accepted"
grep -q "ABORTED (ETAG_MISMATCH)" "$work/err.txt" || fail "stale etag: $(cat "$work/err.txt")"
cli withdraw "$id" --etag=v1 --reason="双方已自行和解" >/dev/null 2>&1 || fail "withdraw failed"
cli get "$id" --json | grep -q '"state": "CASE_STATE_WITHDRAWN"' || fail "not withdrawn"
events=$(cli events "$id" --json)
echo "$events" | grep -q '"kind": "CASE_CREATED"' || fail "no CASE_CREATED event"
echo "$events" | grep -q '"kind": "CASE_WITHDRAWN"' || fail "no CASE_WITHDRAWN event"

# Unknown case; unknown command (usage error, exit 2).
cli get 00000000-0000-4000-8000-000000000000 2>"$work/err.txt" && fail "unknown case found"
grep -q "NOT_FOUND (CASE_NOT_FOUND)" "$work/err.txt" || fail "unknown case: $(cat "$work/err.txt")"
set +e
cli frobnicate >/dev/null 2>&1
[ $? = 2 ] || fail "an unknown command must exit 2"
set -e

# SIGTERM: clean stop, exit 0, PostgreSQL stopped.
kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=
grep -q 'msg=stopped' "$work/server.log" || fail "no clean stop in the log"
[ ! -e "$work/data/pgdata/postmaster.pid" ] || fail "PostgreSQL left running"
# --database: an external PostgreSQL (here the same cluster, started by hand)
# is used as it is; caitiaod starts and stops nothing, and the data persists.
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
pg_bin=/usr/lib/postgresql/15/bin
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" -l "$work/data/external.log" -w \
  -o "-c listen_addresses='' -k $work/data/run" start >/dev/null || fail "cannot start PostgreSQL by hand"
stop_external() { "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" -m fast -w stop >/dev/null 2>&1 || true; }
trap 'stop_external; cleanup' EXIT
rm -f "$work/port"
CAITIAO_DATABASE_URL="host=$work/data/run port=5432 user=postgres dbname=caitiao" \
  "$caitiaod" --data_dir="$work/unused" --listen=127.0.0.1:0 --port_file="$work/port" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "caitiaod did not start on --database"
server="127.0.0.1:$(cat "$work/port")"
cli get "$id" --json | grep -q '"state": "CASE_STATE_WITHDRAWN"' || fail "the case did not survive the restart"
[ ! -e "$work/unused" ] || fail "with a database URL no embedded cluster may be created"
kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data/pgdata" status >/dev/null || fail "caitiaod stopped a database it did not start"
stop_external
echo "cli_test: all checks passed"
