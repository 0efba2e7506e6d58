#!/usr/bin/env bash
# The HTML coverage report in a real browser: the demo caitiaod on an
# ephemeral port, `caitiao report coverage --format=html` as the reporting
# job, then the file opened in headless Chromium (Debian's chromium, from
# deploy/setup.sh) with the network off. It passes when the page raised no
# console message or error, every chart drew non-blank pixels (the page's
# marker <p id="charts-drawn">), and a screenshot was taken; the page and the
# screenshot stay in OUT_DIR.
# Usage: html_report_test.sh CAITIAOD CAITIAO OUT_DIR
set -euo pipefail
caitiaod=$1 caitiao=$2 out=$3
unset CAITIAO_TOKEN CAITIAO_TOKEN_FILE CAITIAO_CHART_JS

work=$(mktemp -d /tmp/caitiao-html-XXXXXX)
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
  exit 1
}

chromium=$(command -v chromium || true)
[ -n "$chromium" ] || fail "no chromium: deploy/setup.sh installs it (apt-get install --no-install-recommends chromium)"
mkdir -p "$out"
rm -f "$out"/coverage.html "$out"/coverage.png

"$caitiaod" --data_dir="$work/data" --listen=127.0.0.1:0 --port_file="$work/port" --demo 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 600); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || fail "caitiaod did not start: $(tail -5 "$work/server.log")"
reporting=$work/data/demo-tokens/reporting.token
cli() { "$caitiao" --server="127.0.0.1:$(cat "$work/port")" --token_file="$reporting" "$@"; }

# --- The page: written whole to --output, tables and chart data inside.
html=$out/coverage.html
cli report coverage --region=420000 --date=2024-07-01 --format=html --output="$html" 2>"$work/err.txt" ||
  fail "report coverage --format=html: $(cat "$work/err.txt")"
# The province's figures render on the same layout (two charts each).
rm -f "$out"/share.html "$out"/room-review.html "$out"/docking.html
for report in share room-review docking; do
  cli report "$report" --region=420000 --format=html --output="$out/$report.html" 2>"$work/err-$report.txt" ||
    fail "report $report --format=html: $(cat "$work/err-$report.txt")"
done
grep -qF "wrote $html" "$work/err.txt" || fail "no 'wrote FILE' on stderr: $(cat "$work/err.txt")"
[ ! -e "$html.tmp" ] || fail "the temporary file was left behind"
grep -q '<title>Pilot coverage: 湖北省 (420000) on 2024-07-01</title>' "$html" || fail "no title in $html"
grep -q '<caption>Covered (2)</caption>' "$html" || fail "no covered table"
grep -q '<caption>Uncovered (116)</caption>' "$html" || fail "no uncovered table"
grep -q '<caption>Pilots without an active room (0)</caption>' "$html" || fail "no pilot table"
grep -q '<td>江岸区</td>' "$html" || fail "no Jiang'an row"
grep -q 'data-expected="2"' "$html" || fail "two charts expected"
grep -q 'Chart.js v' "$html" || fail "Chart.js is not inlined"
grep -Eq '(src|href)="(https?:)?//' "$html" && fail "the page refers to the network"

# --- Bad input: an unknown format, a missing Chart.js, an unwritable file.
rc=0
cli report coverage --region=420000 --format=pdf 2>"$work/err.txt" >/dev/null || rc=$?
[ "$rc" = 2 ] && grep -qF -- "--format must be table, csv, json or html" "$work/err.txt" || fail "--format=pdf: $rc"
rc=0
cli report coverage --region=420000 --format=html --chart_js=/nonexistent/chart.js --output="$work/x.html" \
  2>"$work/err.txt" || rc=$?
[ "$rc" = 2 ] && grep -qF "cannot read Chart.js from /nonexistent/chart.js" "$work/err.txt" ||
  fail "a missing Chart.js: exit $rc, $(cat "$work/err.txt")"
[ ! -e "$work/x.html" ] || fail "a file was written without Chart.js"
rc=0
CAITIAO_CHART_JS=/nonexistent/env.js cli report coverage --region=420000 --format=html >/dev/null 2>"$work/err.txt" ||
  rc=$?
[ "$rc" = 2 ] && grep -qF "/nonexistent/env.js" "$work/err.txt" || fail "CAITIAO_CHART_JS is not used"
rc=0
cli report coverage --region=420000 --output=/nonexistent/dir/c.txt 2>"$work/err.txt" || rc=$?
[ "$rc" = 2 ] && grep -qF "cannot write /nonexistent/dir/c.txt" "$work/err.txt" || fail "unwritable --output: $rc"
# --output serves the other formats too.
cli report coverage --region=420000 --format=csv --output="$work/c.csv" 2>/dev/null || fail "csv --output failed"
[ "$(wc -l <"$work/c.csv")" = 119 ] || fail "csv --output: a header and 118 lines expected"

kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=

# --- The browser: as root on a closed network, a fresh profile each time.
browse() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --user-data-dir="$(mktemp -d "$work/profile-XXXXXX")" --enable-logging=stderr --v=0 "$@"
}
for page in "$html" "$out/share.html" "$out/room-review.html" "$out/docking.html"; do
  browse --dump-dom "file://$page" >"$work/dom.html" 2>"$work/chromium.log" ||
    fail "chromium --dump-dom failed on $page: $(tail -5 "$work/chromium.log")"
  marker=$(grep -o '<p id="charts-drawn"[^>]*>' "$work/dom.html" || true)
  [ -n "$marker" ] || fail "no charts-drawn marker in the DOM of $page"
  echo "$marker" | grep -q 'data-count="2"' || fail "not every chart of $page drew: $marker"
  echo "$marker" | grep -q 'data-errors="0"' || fail "$page raised errors: $marker"
  # The page writes nothing to the console, so any console line is a failure
  # (Chromium logs them all as INFO:CONSOLE, whatever their level).
  if grep -E 'CONSOLE|Uncaught' "$work/chromium.log" >"$work/console.txt"; then
    fail "console messages on $page: $(cat "$work/console.txt")"
  fi
done

browse --screenshot="$out/coverage.png" --window-size=1280,1800 --hide-scrollbars "file://$html" \
  >/dev/null 2>"$work/chromium.log" || fail "chromium --screenshot failed: $(tail -5 "$work/chromium.log")"
[ "$(head -c 8 "$out/coverage.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "no PNG screenshot"
[ "$(stat -c %s "$out/coverage.png")" -gt 20000 ] || fail "the screenshot looks blank"
echo "html_report_test: all checks passed; page and screenshot in $out"
