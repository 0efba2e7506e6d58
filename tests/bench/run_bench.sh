#!/usr/bin/env bash
# Caitiao benchmark: caitiaod's throughput and latency next to baselines
# measured in the same run, on the same machine, at the same concurrency.
#
#   tests/bench/run_bench.sh [BUILD_DIR] [--concurrency=16] [--duration=5] [--pairs=3] [--scale-duration=5]
#                            [--open-load=50] [--big] [--strict] [--server-arg=ARG]... [--keep]
#
# BUILD_DIR defaults to <repo>/build; nothing is built here (build caitiaod and
# caitiao_bench first, e.g. cmake --build build -j2). Run as root (as
# deploy/run.sh does) or as any user that can run PostgreSQL; data goes to
# fresh folders under /tmp that are removed at the end.
#
# In order:
#   1. database baseline: pgbench running the statements of one CreateCase
#      transaction (create_case.pgbench) at the same concurrency, once;
#   2. create (spread over the 7 demo commissions) and pgbench of the same
#      statements at the server's connection pool size, --pairs rounds;
#   3. create, all into one commission (case numbers are allocated per
#      commission);
#   4. in --pairs rounds: the transport baseline (grpc.health.v1.Health/Check
#      on the same server, through the same load generator, caitiao_bench),
#      get, list with no filter (first page and a deep page), each followed
#      by its pgbench baseline;
#   5. list (first page) and list-deep (pages 1-20) with a filter, mixed (20%
#      create, 60% get, 20% list), closed loop at the fixed concurrency;
#      then create, get and mixed open loop at --open-load percent of the
#      throughput just measured, for latency at a fixed offered rate;
#   6. scale: a fresh server, bulk-loaded with SQL (bulk_load.sql) to 10^4,
#      then 10^5 (and 10^6 with --big) cases; get, list and a deep page (half
#      way through the filter's matches) at each size;
#      and at each size the reports (docking report by region, room review,
#      coverage): the rollups built from the loaded events (as caitiaod does
#      at start), then caitiao_report_bench reading a province's half-year
#      from the rollups and by scanning every event of it, interleaved, with
#      both ways' figures compared; and the RPCs through caitiao;
#   7. memory: caitiaod's peak RSS (VmHWM) after the mixed run.
# Then a table with the absolute figures and their ratios to the baselines,
# and the targets of issue 12 with PASS/FAIL (see below).
# About 5 minutes with the defaults (--big adds several minutes of loading).
#
# --pairs=N: the comparisons of the server with its pgbench baselines run in
# N interleaved rounds (server, baseline, server, baseline, ...): create and
# pgbench of the CreateCase statements (create_case.pgbench); then, per round,
# health, get, pgbench of GetCase's SELECTs (get_case.pgbench), list with no
# filter (first page), pgbench of the same query (list_cases.pgbench), a deep
# page (pages D..D+9, half way through the cases), pgbench of it. Every
# pgbench baseline runs at the server's pool size (-c pool, -j min(pool,
# CPUs), -M prepared). Each ratio is reported as the median and min-max over
# the rounds; the table of absolute figures shows the median round.
# The targets table lists every target of issue 12 with its goal, the median
# (min-max) and PASS/FAIL on the median; targets the script cannot measure
# yet say "not measured". The exit status is 0 whatever the targets' results
# (it is a report); --strict makes a FAIL exit 1.
#
# --server-arg passes a flag on to caitiaod (repeatable), e.g.
#   --server-arg=--max_threads=64
# Everything else is the server as shipped: its default pool and threads.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_DIR="$REPO/tests/bench"
BUILD="$REPO/build"
CONC=16
DUR=5
PAIRS=3
STRICT=0
SCALE_DUR=5
OPEN_LOAD=50
BIG=0
KEEP=0
SERVER_ARGS=()
PGBIN=/usr/lib/postgresql/15/bin
PAGE_SIZE=50
FILTER='state = RECEIVED AND region_code = "420100"'

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

need_value() { [[ -n "${2:-}" ]] || { echo "run_bench: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --concurrency=*) CONC=${1#*=} ;;
    --concurrency) need_value "$@"; CONC=$2; shift ;;
    --duration=*) DUR=${1#*=} ;;
    --duration) need_value "$@"; DUR=$2; shift ;;
    --pairs=*) PAIRS=${1#*=} ;;
    --pairs) need_value "$@"; PAIRS=$2; shift ;;
    --scale-duration=*) SCALE_DUR=${1#*=} ;;
    --scale-duration) need_value "$@"; SCALE_DUR=$2; shift ;;
    --open-load=*) OPEN_LOAD=${1#*=} ;;
    --open-load) need_value "$@"; OPEN_LOAD=$2; shift ;;
    --server-arg=*) SERVER_ARGS+=("${1#*=}") ;;
    --server-arg) need_value "$@"; SERVER_ARGS+=("$2"); shift ;;
    --big) BIG=1 ;;
    --strict) STRICT=1 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run_bench: unknown flag $1 (see --help)" >&2; exit 2 ;;
    *) BUILD=$1 ;;
  esac
  shift
done
for n in "$CONC" "$DUR" "$PAIRS" "$SCALE_DUR" "$OPEN_LOAD"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "run_bench: counts and durations are positive integers (seconds)" >&2; exit 2; }
done

BUILD=$(cd "$BUILD" && pwd)
CAITIAOD="$BUILD/services/caitiaod"
BENCH="$BUILD/clients/bench/caitiao_bench"
REPORT_BENCH="$BUILD/tests/caitiao_report_bench"
CAITIAO="$BUILD/clients/caitiao"
for f in "$CAITIAOD" "$BENCH" "$REPORT_BENCH" "$CAITIAO" "$PGBIN/pgbench" "$PGBIN/psql"; do
  [[ -x "$f" ]] || { echo "run_bench: $f is missing (build first: cmake --build $BUILD -j2)" >&2; exit 2; }
done

AS_PG=()
if [[ $(id -u) -eq 0 ]]; then AS_PG=(runuser -u postgres --); fi

NPROC=$(nproc)
POOL=$((2 * NPROC))   # caitiaod's default --pool_size
for a in "${SERVER_ARGS[@]}"; do
  if [[ "$a" == --pool_size=* ]]; then POOL=${a#*=}; fi
done

# The work folder holds the pgbench script, its logs and id lists; the
# PostgreSQL user must be able to read and write it.
WORK=$(mktemp -d /tmp/caitiao-bench-work-XXXXXX)
chmod 755 "$WORK"
if [[ ${#AS_PG[@]} -gt 0 ]]; then chown postgres "$WORK"; fi
cd "$WORK"

DATA=""
SERVER_PID=""
PORT=""

stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "run_bench: caitiaod did not stop in 30 s; killing it" >&2
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  if [[ -n "$DATA" && $KEEP -eq 0 ]]; then rm -rf "$DATA"; fi
  DATA=""
}

cleanup() {
  stop_server
  if [[ $KEEP -eq 0 ]]; then rm -rf "$WORK"; else echo "run_bench: kept $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
  DATA=$(mktemp -d /tmp/caitiao-bench-XXXXXX)
  rm -f "$WORK/port"
  "$CAITIAOD" --data_dir="$DATA" --listen=127.0.0.1:0 --port_file="$WORK/port" --demo --log_level=warn \
    "${SERVER_ARGS[@]}" >>"$WORK/caitiaod.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1800); do
    [[ -s "$WORK/port" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "run_bench: caitiaod exited during start-up:" >&2
      cat "$WORK/caitiaod.log" >&2
      SERVER_PID=""
      exit 1
    fi
    sleep 0.1
  done
  [[ -s "$WORK/port" ]] || { echo "run_bench: caitiaod wrote no port in 180 s" >&2; cat "$WORK/caitiaod.log" >&2; exit 1; }
  PORT=$(tr -d '[:space:]' <"$WORK/port")
}

psql_db() {
  "${AS_PG[@]}" "$PGBIN/psql" -h "$DATA/run" -p 5432 -U postgres -d caitiao -X -q -v ON_ERROR_STOP=1 "$@"
}

# Results: R[name/op/key] from the RESULT lines of caitiao_bench, and the same
# keys for pgbench.
declare -A R
WARNINGS=()

fmt() { awk -v x="${1:-}" 'BEGIN { if (x == "") print "-"; else printf "%.1f", x }'; }
fmt3() { awk -v x="${1:-}" 'BEGIN { if (x == "") print "-"; else printf "%.2f", x }'; }
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

# bench NAME ARGS...: one caitiao_bench run; its summary is echoed indented.
bench() {
  local name=$1
  shift
  local out rc=0
  # The admin token of this server (written at its first start): its scope
  # covers every commission the workloads touch.
  out=$("$BENCH" --target="127.0.0.1:$PORT" --token_file="$DATA/admin.token" --concurrency="$CONC" \
    --duration="${DUR}s" --label="$name" "$@" 2>&1) || rc=$?
  printf '%s\n' "$out" | grep -v '^RESULT' | sed 's/^/    /'
  if [[ $rc -ne 0 ]]; then
    WARNINGS+=("$name: caitiao_bench failed (exit $rc)")
    return 0
  fi
  local line tok op
  while IFS= read -r line; do
    op=$(sed -n 's/.* op=\([^ ]*\).*/\1/p' <<<"$line")
    for tok in $line; do
      [[ "$tok" == *=* ]] && R["$name/$op/${tok%%=*}"]=${tok#*=}
    done
  done < <(printf '%s\n' "$out" | grep '^RESULT' || true)
  if [[ "${R[$name/all/errors]:-0}" != 0 ]]; then
    WARNINGS+=("$name: ${R[$name/all/errors]} calls failed: $(printf '%s\n' "$out" | grep -m3 'error x' | sed 's/^ *//' | paste -sd ';' -)")
  fi
}

# pgbench_run NAME CLIENTS [SCRIPT]: a pgbench script (default the CreateCase
# transaction) after a 1 s warm-up.
pgbench_run() {
  local name=$1 clients=$2 script=${3:-create_case.sql}
  local threads=$((clients < NPROC ? clients : NPROC))
  local pgb=("${AS_PG[@]}" "$PGBIN/pgbench" -h "$DATA/run" -p 5432 -U postgres -n -M prepared
             -c "$clients" -j "$threads" -f "$WORK/$script")
  "${pgb[@]}" -T 1 caitiao >/dev/null 2>&1 || true
  rm -f "$WORK/$name".*
  local out
  if ! out=$("${pgb[@]}" -T "$DUR" -l --log-prefix="$WORK/$name" caitiao 2>&1); then
    printf '%s\n' "$out" | sed 's/^/    /'
    WARNINGS+=("$name: pgbench failed")
    return 0
  fi
  local tps failed
  tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
  # Per-transaction log: client, transaction, latency in microseconds, ...
  cat "$WORK/$name".* | awk '{ print $3 }' | sort -n >"$WORK/$name.sorted"
  local stats
  stats=$(awk '{ v[NR] = $1; s += $1 }
    function pct(q,  r) { r = int(q * NR); if (r < q * NR) r++; if (r < 1) r = 1; return v[r] / 1000 }
    END { printf "%.3f %.3f %.3f %.3f %.3f", pct(0.5), pct(0.99), pct(0.999), v[NR] / 1000, s / NR / 1000 }' \
    "$WORK/$name.sorted")
  read -r p50 p99 p999 max mean <<<"$stats"
  R["$name/all/rps"]=$tps
  R["$name/all/p50_ms"]=$p50
  R["$name/all/p99_ms"]=$p99
  R["$name/all/p999_ms"]=$p999
  R["$name/all/errors"]=${failed:-0}
  printf '    pgbench: %s clients, %s s: %s tps, latency ms: p50 %s  p99 %s  p99.9 %s  max %s  mean %s, %s failed\n' \
    "$clients" "$DUR" "$tps" "$p50" "$p99" "$p999" "$max" "$mean" "${failed:-0}"
  [[ "${failed:-0}" == 0 ]] || WARNINGS+=("$name: $failed pgbench transactions failed")
}

vm_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$SERVER_PID/status"; }

# The plan of the list query as the server sends it (storage::ListCases),
# boiled down to its scan nodes and time.
list_plan() {
  psql_db -At -c "EXPLAIN (ANALYZE, FORMAT TEXT) SELECT c.id FROM cases c WHERE TRUE
      AND c.region_code LIKE '4201%' AND c.state = 'RECEIVED'
      ORDER BY c.received_at DESC, c.id DESC LIMIT $((PAGE_SIZE + 1))" |
    awk '/Scan|Sort  / { sub(/^ *(->)? */, ""); sub(/  \(cost.*/, ""); nodes = nodes (nodes ? " > " : "") $0 }
         /Execution Time/ { t = $3 }
         END { printf "%s; %.2f ms", nodes, t }'
}

cases_count() { psql_db -At -c "SELECT count(*) FROM cases"; }

# ids.txt: random case ids for get and mixed.
sample_ids() {
  psql_db -At -c "SELECT id FROM cases ORDER BY random() LIMIT 20000" >"$WORK/ids.txt"
}

echo "== Caitiao benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n "$(git -C "$REPO" status --porcelain 2>/dev/null | head -1)" ]]; then COMMIT="$COMMIT (with local changes)"; fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $NPROC CPUs ($CPU), $MEM_GIB GiB RAM, Linux $(uname -r); load average before: $LOAD_BEFORE"
echo "build:   $BUILD (${BUILD_TYPE:-?}), commit $COMMIT; $("$PGBIN/pgbench" --version)"
echo "server:  caitiaod --listen=127.0.0.1:0 --demo --log_level=warn ${SERVER_ARGS[*]} (pool $POOL connections)"
echo "load:    concurrency $CONC, ${DUR} s measured after 1 s warm-up, 1 client thread; scale runs ${SCALE_DUR} s"
T0=$(date +%s)

start_server
echo "-- caitiaod on 127.0.0.1:$PORT, data in $DATA"

# The pgbench script, with this database's commissions and the current year
# in China.
COMMISSIONS=$(psql_db -At -c "SELECT string_agg(quote_literal(id::text), ',' ORDER BY region_code, id) FROM commissions")
NCOMM=$(psql_db -At -c "SELECT count(*) FROM commissions")
YEAR=$(TZ=Asia/Shanghai date +%Y)
sed -e "s/@COMMISSIONS@/ARRAY[$COMMISSIONS]/" -e "s/@NCOMM@/$NCOMM/" -e "s/@YEAR@/$YEAR/g" \
  "$BENCH_DIR/create_case.pgbench" >"$WORK/create_case.sql"
chmod 644 "$WORK/create_case.sql"

# --- helpers for the interleaved pairs
# alias_median NAME: NAME/... gets the figures of the round NAME.1 .. NAME.N
# whose throughput is the median (the lower middle one for an even N), so
# the table of absolute figures shows a typical round.
alias_median() {
  local name=$1 i pick key
  pick=$(for i in $(seq "$PAIRS"); do
    [[ -n "${R[$name.$i/all/rps]:-}" ]] && echo "${R[$name.$i/all/rps]} $i"
  done | sort -g | awk '{ v[NR] = $2 } END { if (NR) print v[int((NR + 1) / 2)] }')
  [[ -n "$pick" ]] || return 0
  for key in "${!R[@]}"; do
    [[ "$key" == "$name.$pick/"* ]] && R["$name/${key#"$name.$pick/"}"]=${R[$key]}
  done
  return 0
}
# PAIRRATIO[KEY]: the per-round values of a ratio, space separated.
declare -A PAIRRATIO
# pair_ratio KEY A B [FIELD]: appends round i's A.i/FIELD over B.i/FIELD, for
# every round, to PAIRRATIO[KEY] (FIELD defaults to all/rps).
pair_ratio() {
  local key=$1 a=$2 b=$3 field=${4:-all/rps} i vals=()
  for i in $(seq "$PAIRS"); do
    vals+=("$(ratio "${R[$a.$i/$field]:-}" "${R[$b.$i/$field]:-}")")
  done
  PAIRRATIO[$key]="${vals[*]}"
}

echo "-- 1. database baseline: pgbench, the CreateCase statements, $CONC clients (once)"
pgbench_run pgbench "$CONC"
echo "-- 2. create and its pgbench baseline at the pool size, $PAIRS interleaved pairs"
for i in $(seq "$PAIRS"); do
  echo "   pair $i/$PAIRS"
  bench "create.$i" --workload=create
  pgbench_run "pgbench_pool.$i" "$POOL"
done
alias_median create
alias_median pgbench_pool
pair_ratio create create pgbench_pool
echo "-- 3. through caitiaod"
bench create-one --workload=create --commission_region=420102
# The tables grew from nothing to tens of thousands of rows in a minute,
# faster than autovacuum's first look (its naptime is a minute). Until
# something analyzes them the planner has no statistics and reads would run
# on plans made for empty tables (e.g. a sequential scan of case_parties per
# list), which is not the steady state this measures.
# The checkpoint keeps the writes' flush out of the read runs, as after the
# bulk loads.
psql_db -c "VACUUM ANALYZE cases, case_parties, case_agents, case_claims, case_events, idempotency_keys" \
  -c "CHECKPOINT"
NCASES=$(cases_count)
echo "    (VACUUM ANALYZE of the case tables, as autovacuum would do, and a checkpoint: $NCASES cases)"
sample_ids
# The get baseline's ids: the same ones caitiao_bench reads.
NIDS=$(wc -l <"$WORK/ids.txt")
# (\copy cannot number the rows: a staging table, numbered.)
psql_db -c "DROP TABLE IF EXISTS bench_get_ids" -c "CREATE TABLE bench_get_ids_in (id uuid NOT NULL)" \
  -c "\\copy bench_get_ids_in FROM '$WORK/ids.txt'" \
  -c "CREATE TABLE bench_get_ids AS SELECT row_number() OVER ()::int AS n, id FROM bench_get_ids_in" \
  -c "ALTER TABLE bench_get_ids ADD PRIMARY KEY (n)" -c "DROP TABLE bench_get_ids_in" -c "ANALYZE bench_get_ids"
sed -e "s/@NIDS@/$NIDS/" "$BENCH_DIR/get_case.pgbench" >"$WORK/get_case.sql"
# The list baselines' pages, for an empty filter (what an admin sees first):
# the first page and a deep one half way through, as caitiao_bench walks
# them (pages DEEP_MAIN .. DEEP_MAIN+9).
NPAGES=$(((NCASES + PAGE_SIZE - 1) / PAGE_SIZE))
DEEP_MAIN=$((NPAGES / 2))
((DEEP_MAIN > 1000)) && DEEP_MAIN=1000
((DEEP_MAIN > NPAGES - 10)) && DEEP_MAIN=$((NPAGES - 10))
((DEEP_MAIN < 2)) && DEEP_MAIN=0   # too few cases for a deep page
psql_db -v ps=$PAGE_SIZE -v d=$DEEP_MAIN <<'SQL'
DROP TABLE IF EXISTS bench_list_pages;
CREATE TABLE bench_list_pages AS
WITH o AS MATERIALIZED (
  SELECT id, received_at, row_number() OVER (ORDER BY received_at DESC, id DESC) AS rn FROM cases),
pages AS (SELECT 1 AS page UNION ALL SELECT generate_series(:d, :d + 9) WHERE :d >= 2)
SELECT page,
       (SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM o
         WHERE rn = (page - 1) * :ps) AS after_time,
       (SELECT id::text FROM o WHERE rn = (page - 1) * :ps) AS after_id,
       (SELECT '{' || string_agg(id::text, ',' ORDER BY rn) || '}' FROM o
         WHERE rn BETWEEN (page - 1) * :ps + 1 AND page * :ps + 1) AS ids
  FROM pages;
ALTER TABLE bench_list_pages ADD PRIMARY KEY (page);
ANALYZE bench_list_pages;
SQL
# Check that the stored pages are the ones the list query returns (a cursor
# that missed would make pgbench read the wrong rows without failing).
BAD_PAGES=$(psql_db -At -c "SELECT count(*) FROM bench_list_pages p WHERE p.ids IS DISTINCT FROM (
    SELECT '{' || string_agg(id::text, ',' ORDER BY received_at DESC, id DESC) || '}' FROM (
      SELECT c.id, c.received_at FROM cases c
       WHERE p.page = 1 OR (c.received_at, c.id) < (p.after_time::timestamptz, p.after_id::uuid)
       ORDER BY c.received_at DESC, c.id DESC LIMIT $((PAGE_SIZE + 1))) s)")
[[ "$BAD_PAGES" == 0 ]] || WARNINGS+=("list baselines: $BAD_PAGES stored pages differ from the list query's rows")
sed -e "s/@PAGE_FROM@/1/" -e "s/@PAGE_TO@/1/" "$BENCH_DIR/list_cases.pgbench" >"$WORK/list_first.sql"
sed -e "s/@PAGE_FROM@/$DEEP_MAIN/" -e "s/@PAGE_TO@/$((DEEP_MAIN + 9))/" "$BENCH_DIR/list_cases.pgbench" \
  >"$WORK/list_deep.sql"
chmod 644 "$WORK"/*.sql
echo "-- 4. get, list (empty filter: first page; pages $DEEP_MAIN-$((DEEP_MAIN + 9))) and their pgbench baselines;"
echo "      health (transport baseline) with each get; $PAIRS interleaved rounds"
for i in $(seq "$PAIRS"); do
  echo "   round $i/$PAIRS"
  bench "health.$i" --workload=health
  bench "get.$i" --workload=get --ids_file="$WORK/ids.txt"
  pgbench_run "pgbench_get.$i" "$POOL" get_case.sql
  bench "list-all.$i" --workload=list --filter= --page_size=$PAGE_SIZE
  pgbench_run "pgbench_list.$i" "$POOL" list_first.sql
  if [[ $DEEP_MAIN -ge 2 ]]; then
    bench "deep-all.$i" --workload=list-deep --filter= --page_size=$PAGE_SIZE --start_page=$DEEP_MAIN --pages=10
    pgbench_run "pgbench_deep.$i" "$POOL" list_deep.sql
  fi
done
for n in health get pgbench_get list-all pgbench_list deep-all pgbench_deep; do alias_median "$n"; done
pair_ratio get get pgbench_get
pair_ratio list list-all pgbench_list
pair_ratio deep deep-all pgbench_deep
# Server overhead: the time per call outside PostgreSQL, 1/get - 1/pgbench
# (both saturating the same machine), over the health check's 1/health.
vals=()
for i in $(seq "$PAIRS"); do
  vals+=("$(awk -v g="${R[get.$i/all/rps]:-}" -v p="${R[pgbench_get.$i/all/rps]:-}" -v h="${R[health.$i/all/rps]:-}" \
    'BEGIN { if (g == "" || p == "" || h == "" || g + 0 == 0 || p + 0 == 0) print "-"; else printf "%.2f", h * (1 / g - 1 / p) }')")
done
PAIRRATIO[overhead]="${vals[*]}"
echo "-- 5. the filtered list, mixed load, open loop"
bench list --workload=list --filter="$FILTER" --page_size=$PAGE_SIZE
bench list-deep --workload=list-deep --filter="$FILTER" --page_size=$PAGE_SIZE --pages=20
bench mixed --workload=mixed --ids_file="$WORK/ids.txt" --filter="$FILTER" --page_size=$PAGE_SIZE \
  --mix=create=20,get=60,list=20
HWM_MIXED=$(vm_kib VmHWM)
RSS_MIXED=$(vm_kib VmRSS)
for w in create get mixed; do
  r=${R[$w/all/rps]:-0}
  rate=$(awk -v r="$r" -v p="$OPEN_LOAD" 'BEGIN { printf "%.0f", r * p / 100 }')
  if [[ "$rate" -gt 0 ]]; then
    extra=()
    [[ $w == get ]] && extra=(--ids_file="$WORK/ids.txt")
    [[ $w == mixed ]] && extra=(--ids_file="$WORK/ids.txt" --filter="$FILTER" "--mix=create=20,get=60,list=20")
    bench "open-$w" --workload=$w --rate="$rate" "${extra[@]}"
    R["open-$w/all/rate"]=$rate
  fi
done
CASES_AFTER=$(cases_count)
HWM_END1=$(vm_kib VmHWM)
stop_server

echo "-- 6. scale: a fresh server, bulk-loaded"
start_server
echo "-- caitiaod on 127.0.0.1:$PORT, data in $DATA"
SIZES=(10000 100000)
[[ $BIG -eq 1 ]] && SIZES+=(1000000)
declare -A DEEP PLAN LOAD_S
# The reports' half-year: the second half of last year, the bulk load's
# busiest (its cases are received in the three years before this one).
REPORT_YEAR=$((YEAR - 1))
REPORT_FROM="$REPORT_YEAR-07-01"
REPORT_TO="$REPORT_YEAR-12-31"
# rpc_ms ARGS...: the median wall time of 5 runs of caitiao ARGS (a new
# process and channel each, as a reporting job's script would run it).
rpc_ms() {
  local times=() t0 t1
  for _ in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$CAITIAO" --server="127.0.0.1:$PORT" --token_file="$DATA/admin.token" "$@" --format=json >/dev/null
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk 'NR == 3 { printf "%.1f", $1 / 1000 }'
}
for n in "${SIZES[@]}"; do
  t=$(date +%s)
  psql_db -v target="$n" <"$BENCH_DIR/bulk_load.sql"
  LOAD_S[$n]=$(($(date +%s) - t))
  have=$(cases_count)
  matching=$(psql_db -At -c "SELECT count(*) FROM cases WHERE region_code LIKE '4201%' AND state = 'RECEIVED'")
  deep=$((matching / PAGE_SIZE / 2))
  ((deep < 2)) && deep=2
  ((deep > 1000)) && deep=1000
  DEEP[$n]=$deep
  PLAN[$n]=$(list_plan)
  echo "   $have cases ($matching match the filter), loaded in ${LOAD_S[$n]} s; deep page: $deep"
  sample_ids
  bench "get@$n" --workload=get --ids_file="$WORK/ids.txt" --duration="${SCALE_DUR}s"
  bench "list@$n" --workload=list --filter="$FILTER" --page_size=$PAGE_SIZE --duration="${SCALE_DUR}s"
  bench "deep@$n" --workload=list-deep --filter="$FILTER" --page_size=$PAGE_SIZE --start_page="$deep" \
    --pages=10 --duration="${SCALE_DUR}s"
  echo "   reports, $REPORT_FROM .. $REPORT_TO, Hubei (420000):"
  if out=$("$REPORT_BENCH" --dsn="host=$DATA/run port=5432 user=postgres dbname=caitiao" --region=420000 \
      --from="$REPORT_FROM" --to="$REPORT_TO" --repeats=5 2>&1); then :; else
    WARNINGS+=("reports@$n: caitiao_report_bench failed")
  fi
  printf '%s\n' "$out" | sed 's/^/    /'
  while IFS= read -r line; do
    name=$(sed -n 's/.*name=\([^ ]*\).*/\1/p' <<<"$line")
    for tok in $line; do [[ "$tok" == *=* ]] && R["rep@$n/$name/${tok%%=*}"]=${tok#*=}; done
  done < <(printf '%s\n' "$out" | grep '^RESULT' || true)
  R["rep@$n/rpc_docking/ms"]=$(rpc_ms report docking --region=420000 --from="$REPORT_FROM" --to="$REPORT_TO" \
    --breakdown=region --by_month)
  R["rep@$n/rpc_review/ms"]=$(rpc_ms report room-review --region=420000 --from="$REPORT_FROM" --to="$REPORT_TO")
  R["rep@$n/rpc_coverage/ms"]=$(rpc_ms report coverage --region=420000)
  echo "    RPC through caitiao (median of 5, ms): docking ${R[rep@$n/rpc_docking/ms]}, room review" \
    "${R[rep@$n/rpc_review/ms]}, coverage ${R[rep@$n/rpc_coverage/ms]}"
done
HWM_END2=$(vm_kib VmHWM)
stop_server
ELAPSED=$(($(date +%s) - T0))

# ---------------------------------------------------------------- the report
v() { echo "${R[$1]:-}"; }
row() {  # row LABEL NAME [OP]
  local label=$1 n=$2 op=${3:-all}
  printf '%-44s %10s %9s %9s %9s %8s\n' "$label" "$(fmt "$(v "$n/$op/rps")")" "$(fmt3 "$(v "$n/$op/p50_ms")")" \
    "$(fmt3 "$(v "$n/$op/p99_ms")")" "$(fmt3 "$(v "$n/$op/p999_ms")")" "$(v "$n/$op/errors")"
}
ratio_row() { printf '  %-62s %8s\n' "$1" "$2"; }

echo
echo "================================ results ================================"
echo "machine: $NPROC CPUs ($CPU), $MEM_GIB GiB RAM; build ${BUILD_TYPE:-?}, commit $COMMIT"
echo "concurrency $CONC (closed loop unless marked), ${DUR} s each; 1 client thread; caitiaod pool $POOL"
echo "(runs repeated in $PAIRS interleaved rounds show the round with the median throughput)"
echo
printf '%-44s %10s %9s %9s %9s %8s\n' "workload" "calls/s" "p50 ms" "p99 ms" "p99.9 ms" "errors"
row "health (transport baseline)" health
row "pgbench CreateCase SQL, $CONC clients" pgbench
row "pgbench CreateCase SQL, $POOL clients (=pool)" pgbench_pool
row "create" create
row "create, all into one commission (420102)" create-one
row "pgbench GetCase SQL, $POOL clients" pgbench_get
row "get" get
row "pgbench ListCases SQL, first page, $POOL cl." pgbench_list
row "list, no filter, first page" list-all
row "pgbench ListCases SQL, pages $DEEP_MAIN-$((DEEP_MAIN + 9)), $POOL cl." pgbench_deep
row "list, no filter, pages $DEEP_MAIN-$((DEEP_MAIN + 9))" deep-all
row "list, first page of $PAGE_SIZE" list
row "list-deep, pages 1-20" list-deep
row "mixed 20% create / 60% get / 20% list" mixed
row "  mixed: create" mixed create
row "  mixed: get" mixed get
row "  mixed: list" mixed list
row "create, open loop at $(v open-create/all/rate)/s" open-create
row "get, open loop at $(v open-get/all/rate)/s" open-get
row "mixed, open loop at $(v open-mixed/all/rate)/s" open-mixed
echo
echo "ratios"
ratio_row "create throughput / pgbench tps ($CONC clients)" "$(ratio "$(v create/all/rps)" "$(v pgbench/all/rps)")"
ratio_row "create throughput / pgbench tps ($POOL clients = pool)" "$(ratio "$(v create/all/rps)" "$(v pgbench_pool/all/rps)")"
ratio_row "create p50 / pgbench p50 ($CONC clients)" "$(ratio "$(v create/all/p50_ms)" "$(v pgbench/all/p50_ms)")"
ratio_row "create p50 / health p50" "$(ratio "$(v create/all/p50_ms)" "$(v health/all/p50_ms)")"
ratio_row "create throughput, one commission / spread over $NCOMM" "$(ratio "$(v create-one/all/rps)" "$(v create/all/rps)")"
ratio_row "get p50 / health p50" "$(ratio "$(v get/all/p50_ms)" "$(v health/all/p50_ms)")"
ratio_row "list p50 / health p50" "$(ratio "$(v list/all/p50_ms)" "$(v health/all/p50_ms)")"
ratio_row "list-deep p50 / list p50" "$(ratio "$(v list-deep/all/p50_ms)" "$(v list/all/p50_ms)")"
ratio_row "health throughput / create throughput" "$(ratio "$(v health/all/rps)" "$(v create/all/rps)")"
ratio_row "health throughput / get throughput" "$(ratio "$(v health/all/rps)" "$(v get/all/rps)")"
ratio_row "open-loop create p99 / closed-loop create p99" "$(ratio "$(v open-create/all/p99_ms)" "$(v create/all/p99_ms)")"
echo
echo "scale: fresh server, bulk-loaded past cases; ${SCALE_DUR} s per run, concurrency $CONC"
printf '%-9s %8s %8s %8s  %8s %8s %8s  %5s %8s %8s %8s\n' "cases" "get/s" "get p50" "get p99" \
  "list/s" "list p50" "list p99" "page" "deep/s" "deep p50" "deep p99"
for n in "${SIZES[@]}"; do
  printf '%-9s %8s %8s %8s  %8s %8s %8s  %5s %8s %8s %8s\n' "$n" \
    "$(fmt "$(v "get@$n/all/rps")")" "$(fmt3 "$(v "get@$n/all/p50_ms")")" "$(fmt3 "$(v "get@$n/all/p99_ms")")" \
    "$(fmt "$(v "list@$n/all/rps")")" "$(fmt3 "$(v "list@$n/all/p50_ms")")" "$(fmt3 "$(v "list@$n/all/p99_ms")")" \
    "${DEEP[$n]}" "$(fmt "$(v "deep@$n/all/rps")")" "$(fmt3 "$(v "deep@$n/all/p50_ms")")" \
    "$(fmt3 "$(v "deep@$n/all/p99_ms")")"
done
first=${SIZES[0]}
for n in "${SIZES[@]:1}"; do
  ratio_row "get p50 at $n / at $first" "$(ratio "$(v "get@$n/all/p50_ms")" "$(v "get@$first/all/p50_ms")")"
  ratio_row "list p50 at $n / at $first" "$(ratio "$(v "list@$n/all/p50_ms")" "$(v "list@$first/all/p50_ms")")"
  ratio_row "deep-page p50 at $n / at $first" "$(ratio "$(v "deep@$n/all/p50_ms")" "$(v "deep@$first/all/p50_ms")")"
done
for n in "${SIZES[@]}"; do
  ratio_row "deep page ${DEEP[$n]} p50 / first page p50, at $n" "$(ratio "$(v "deep@$n/all/p50_ms")" "$(v "list@$n/all/p50_ms")")"
done
echo
echo "reports over a province's half-year ($REPORT_FROM .. $REPORT_TO, 420000): rollups vs scanning every event"
echo "(ms: median of 5 interleaved rounds; x: scanning's time over the rollups'; rpc: the caitiao command, process start included)"
printf '%-9s %9s %11s %11s %7s %11s %11s %7s %8s %8s %8s\n' "cases" "events" "docking ms" "scan ms" "x" \
  "review ms" "scan ms" "x" "rpc dock" "rpc rev" "rpc cov"
for n in "${SIZES[@]}"; do
  printf '%-9s %9s %11s %11s %7s %11s %11s %7s %8s %8s %8s\n' "$n" "$(v "rep@$n/rebuild/events")" \
    "$(v "rep@$n/docking_by_region_rollups/median_ms")" "$(v "rep@$n/docking_by_region_scan/median_ms")" \
    "$(ratio "$(v "rep@$n/docking_by_region_scan/median_ms")" "$(v "rep@$n/docking_by_region_rollups/median_ms")")" \
    "$(v "rep@$n/room_review_rollups/median_ms")" "$(v "rep@$n/room_review_scan/median_ms")" \
    "$(ratio "$(v "rep@$n/room_review_scan/median_ms")" "$(v "rep@$n/room_review_rollups/median_ms")")" \
    "$(v "rep@$n/rpc_docking/ms")" "$(v "rep@$n/rpc_review/ms")" "$(v "rep@$n/rpc_coverage/ms")"
done
for n in "${SIZES[@]:1}"; do
  ratio_row "docking report (rollups) at $n / at $first" \
    "$(ratio "$(v "rep@$n/docking_by_region_rollups/median_ms")" "$(v "rep@$first/docking_by_region_rollups/median_ms")")"
  ratio_row "docking report RPC at $n / at $first" "$(ratio "$(v "rep@$n/rpc_docking/ms")" "$(v "rep@$first/rpc_docking/ms")")"
done
for n in "${SIZES[@]}"; do
  ratio_row "figures from rollups equal the scan's at $n (docking, review)" \
    "$(v "rep@$n/docking_by_region_rollups_equal/value")/$(v "rep@$n/room_review_rollups_equal/value")"
  echo "  rollups built from $(v "rep@$n/rebuild/events") events in $(v "rep@$n/rebuild/seconds") s at $n"
done
echo "list query plan (first page, EXPLAIN ANALYZE):"
for n in "${SIZES[@]}"; do echo "  $n: ${PLAN[$n]}"; done
echo
echo "memory: caitiaod peak RSS (VmHWM) after the mixed run: $((HWM_MIXED / 1024)) MiB (VmRSS then $((RSS_MIXED / 1024)) MiB);"
echo "        after the open-loop runs: $((HWM_END1 / 1024)) MiB ($CASES_AFTER cases); scale server at the end: $((HWM_END2 / 1024)) MiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); total ${ELAPSED} s"
LOG_LINES=$(grep -c 'level=\(warn\|error\)' "$WORK/caitiaod.log" || true)
echo "caitiaod log (--log_level=warn): ${LOG_LINES:-0} warning/error lines"
grep 'level=\(warn\|error\)' "$WORK/caitiaod.log" | head -5 | sed 's/^/  /' || true
if [[ ${#WARNINGS[@]} -gt 0 ]]; then
  echo
  echo "WARNINGS (figures with errors understate the server):"
  for w in "${WARNINGS[@]}"; do echo "  $w"; done
  if printf '%s\n' "${WARNINGS[@]}" | grep -q 'Server Threadpool Exhausted'; then
    echo "  'Server Threadpool Exhausted' is gRPC refusing calls once caitiaod's handler threads"
    echo "  (--max_threads, default 4 x pool size) are all taken; the server neither logs these calls nor"
    echo "  attaches an ErrorDetail. To measure past it: --server-arg=--max_threads=$((4 * CONC))"
  fi
fi

# ------------------------------------------------------------ the targets
# Issue 12's targets, each a ratio (or figure) of this run. A ratio measured
# in interleaved rounds shows its median and min-max over the rounds; PASS
# and FAIL judge the median. What this script cannot measure yet says so.
# stats VALUES...: "median min max n" of the numeric values ("-" skipped).
stats() {
  printf '%s\n' "$@" | awk '$1 != "-" && $1 != ""' | sort -g |
    awk '{ v[NR] = $1 } END { if (!NR) { print "- - - 0"; exit }
           m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
           printf "%.2f %.2f %.2f %d\n", m, v[1], v[NR], NR }'
}
FAILS=0
target_row() {  # target_row LABEL OP GOAL VALUES... (OP: ge, le, lt, within)
  local label=$1 op=$2 goal=$3
  shift 3
  local med lo hi n shown result goal_text
  read -r med lo hi n <<<"$(stats "$@")"
  case $op in
    ge) goal_text=">= $goal" ;;
    le) goal_text="<= $goal" ;;
    lt) goal_text="< $goal" ;;
    within) goal_text="1/$goal..$goal" ;;
  esac
  if [[ "$n" == 0 ]]; then
    printf '  %-62s %-11s %-22s %s\n' "$label" "$goal_text" "-" "FAIL (no figure)"
    FAILS=$((FAILS + 1))
    return 0
  fi
  if [[ "$n" -gt 1 ]]; then shown="$med ($lo-$hi)"; else shown="$med"; fi
  if awk -v m="$med" -v g="$goal" -v op="$op" 'BEGIN {
      ok = (op == "ge") ? m >= g : (op == "le") ? m <= g : (op == "lt") ? m < g : (m <= g && m * g >= 1)
      exit !ok }'; then
    result=PASS
  else
    result=FAIL
    FAILS=$((FAILS + 1))
  fi
  printf '  %-62s %-11s %-22s %s\n' "$label" "$goal_text" "$shown" "$result"
}
not_measured() { printf '  %-62s %-11s %-22s %s\n' "$1" "$2" "not measured" "${3:-}"; }
# mib KIB: KiB as MiB with one decimal.
mib() { awk -v k="${1:-}" 'BEGIN { if (k == "") print "-"; else printf "%.1f", k / 1024 }'; }

echo
echo "================================ targets (issue 12) ================================"
echo "ratios: server over its pgbench baseline ($POOL clients = pool, -j $((POOL < NPROC ? POOL : NPROC)), -M prepared)"
echo "in $PAIRS interleaved rounds (server run, baseline run, ...), ${DUR} s each; median (min-max); PASS/FAIL on the median"
printf '  %-62s %-11s %-22s %s\n' "target" "goal" "measured" "result"
target_row "CreateCase / pgbench of its statements (throughput)" ge 1.0 ${PAIRRATIO[create]:-}
not_measured "docking writes (consent, assess, delegate, accept," ">= 0.85" "(no baseline yet)"
not_measured "  agreement steps, performance) / pgbench of theirs" ">= 0.85"
target_row "GetCase / pgbench of its SELECTs (throughput)" ge 0.9 ${PAIRRATIO[get]:-}
target_row "ListCases first page / pgbench, same query (throughput)" ge 0.8 ${PAIRRATIO[list]:-}
if [[ $DEEP_MAIN -ge 2 ]]; then
  target_row "ListCases pages $DEEP_MAIN-$((DEEP_MAIN + 9)) / pgbench, same query (throughput)" ge 0.8 ${PAIRRATIO[deep]:-}
else
  not_measured "ListCases deep page / pgbench, same query" ">= 0.8" "(too few cases)"
fi
target_row "server overhead (GetCase: 1/get - 1/pgbench) / (1/health)" le 2.0 ${PAIRRATIO[overhead]:-}
if [[ $OPEN_LOAD -eq 50 ]]; then
  target_row "GetCase p99 ms, open loop at half its throughput ($(v open-get/all/rate)/s)" lt 5 "$(v open-get/all/p99_ms)"
  target_row "CreateCase p99 ms, open loop at half ($(v open-create/all/rate)/s)" lt 15 "$(v open-create/all/p99_ms)"
else
  not_measured "GetCase p99 ms, open loop at half its throughput" "< 5" "(--open-load=$OPEN_LOAD, not 50)"
  not_measured "CreateCase p99 ms, open loop at half its throughput" "< 15" "(--open-load=$OPEN_LOAD, not 50)"
fi
if [[ $BIG -eq 1 ]]; then
  target_row "scale: get p50 at 10^6 / at 10^4" within 1.5 "$(ratio "$(v get@1000000/all/p50_ms)" "$(v get@10000/all/p50_ms)")"
  target_row "scale: list first page p50 at 10^6 / at 10^4" within 1.5 \
    "$(ratio "$(v list@1000000/all/p50_ms)" "$(v list@10000/all/p50_ms)")"
  target_row "scale: deep page p50 at 10^6 / at 10^4" within 1.5 \
    "$(ratio "$(v deep@1000000/all/p50_ms)" "$(v deep@10000/all/p50_ms)")"
  target_row "scale: docking report (rollups) at 10^6 / at 10^4" within 1.5 \
    "$(ratio "$(v rep@1000000/docking_by_region_rollups/median_ms)" "$(v rep@10000/docking_by_region_rollups/median_ms)")"
else
  for what in "get p50" "list first page p50" "deep page p50" "docking report (rollups)"; do
    not_measured "scale: $what at 10^6 / at 10^4" "1/1.5..1.5" "(needs --big)"
  done
fi
target_row "caitiaod peak RSS MiB after the mixed load" lt 150 "$(mib "$HWM_MIXED")"
echo "  (scale ratios from single runs of ${SCALE_DUR} s; open-loop p99 and RSS from single runs)"
echo "  per round: create ${PAIRRATIO[create]:-}; get ${PAIRRATIO[get]:-}; list ${PAIRRATIO[list]:-};" \
  "deep ${PAIRRATIO[deep]:--}; overhead ${PAIRRATIO[overhead]:-}"
if [[ $FAILS -gt 0 ]]; then
  echo "$FAILS target(s) FAIL$([[ $STRICT -eq 1 ]] && echo '; --strict: exit 1')"
  [[ $STRICT -eq 1 ]] && exit 1
fi
exit 0
