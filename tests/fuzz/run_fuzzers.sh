#!/usr/bin/env bash
# Builds and runs Caitiao's libFuzzer targets (clang 14, ASan + UBSan).
#
#   tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET=20] [BUILD_DIR=/tmp/caitiao-fuzz-build]
#   tests/fuzz/run_fuzzers.sh --runs N [BUILD_DIR]     # N inputs per target, no time limit
#   (TARGETS="request_fuzzer" tests/fuzz/run_fuzzers.sh ... runs only those)
#
# CTest runs `run_fuzzers.sh 15`: a smoke run to catch regressions quickly.
# Before a release, or after touching a parser, validator or a request's
# Read function (services/*/*_requests.cc), do the long form, 10^7 inputs
# per target (libFuzzer -runs; roughly 15-30 min per target on one core):
#   tests/fuzz/run_fuzzers.sh --runs 10000000
# The targets: case_filter_fuzzer, create_case_fuzzer, identity_fuzzer, and
# request_fuzzer, which reads the request of every RPC (its first byte picks
# the method from tests/fuzz/request_table.cc).
# Targets run one after another (one core each). Seeds come from
# tests/fuzz/corpus/<target>/ and tests/fuzz/seeds/*.textproto and are copied
# to a scratch dir, so the repo is never written. Exits non-zero if any target
# crashes or breaks an invariant; the input is saved as
# BUILD_DIR/artifacts/<target>-crash-* (replay: BUILD_DIR/<target> <file>).
set -euo pipefail

RUNS=""
if [[ "${1:-}" == "--runs" ]]; then
  RUNS=${2:?--runs needs a number of inputs}
  shift 2
  SECONDS_PER_TARGET=0
else
  SECONDS_PER_TARGET=${1:-20}
  shift || true
fi
BUILD=${1:-/tmp/caitiao-fuzz-build}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ALL_TARGETS=(case_filter_fuzzer create_case_fuzzer identity_fuzzer request_fuzzer)
read -r -a TARGETS <<<"${TARGETS:-${ALL_TARGETS[*]}}"

mkdir -p "$BUILD/artifacts"
BUILD=$(cd "$BUILD" && pwd)

# Two jobs at most: a 2-core machine that is usually building something else.
start=$(date +%s)
make -s -j2 -f "$HERE/fuzz.mk" ROOT="$ROOT" BUILD="$BUILD" all
echo "build: $(($(date +%s) - start)) s"

work=$(mktemp -d "$BUILD/run.XXXXXX")
trap 'rm -rf "$work"' EXIT

for t in "${TARGETS[@]}"; do
  mkdir -p "$work/corpus/$t"
  if [[ -d "$HERE/corpus/$t" ]]; then cp -R "$HERE/corpus/$t/." "$work/corpus/$t/"; fi
done
# Binary seeds are encoded from text here rather than committed, so they
# follow changes to the .proto files.
if [[ -d "$work/corpus/create_case_fuzzer" ]]; then
  for seed in "$HERE"/seeds/create_case*.textproto; do
    protoc -I "$ROOT/proto" --encode=caitiao.v1.CreateCaseRequest caitiao/v1/case_service.proto \
      <"$seed" >"$work/corpus/create_case_fuzzer/$(basename "$seed" .textproto)"
  done
fi
# Request seeds are seeds/request/<Method>.textproto: the fuzzer's table gives
# the method's index (the first byte) and request type; the second byte picks
# the caller (0: admin).
if [[ -d "$work/corpus/request_fuzzer" ]]; then
  methods=$(CAITIAO_LIST_METHODS=1 "$BUILD/request_fuzzer")
  protos=$(cd "$ROOT/proto" && ls caitiao/v1/*.proto)
  for seed in "$HERE"/seeds/request/*.textproto; do
    name=$(basename "$seed" .textproto)
    read -r index _ type < <(grep -E "^[0-9]+ [^ ]+/$name " <<<"$methods") || {
      echo "seed $seed: no RPC $name in the request table" >&2
      exit 1
    }
    out="$work/corpus/request_fuzzer/$name"
    printf "\\x$(printf %02x "$index")\\x00" >"$out"
    # shellcheck disable=SC2086
    (cd "$ROOT/proto" && protoc -I . --encode="$type" $protos) <"$seed" >>"$out"
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for t in "${TARGETS[@]}"; do
  args=(-max_len=4096 -timeout=30 -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t-")
  if [[ -n "$RUNS" ]]; then args+=(-runs="$RUNS"); else args+=(-max_total_time="$SECONDS_PER_TARGET"); fi
  [[ -f "$HERE/$t.dict" ]] && args+=(-dict="$HERE/$t.dict")
  log="$BUILD/$t.log"
  t0=$(date +%s)
  rc=0
  "$BUILD/$t" "${args[@]}" "$work/corpus/$t" >"$log" 2>&1 || rc=$?
  secs=$(($(date +%s) - t0))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(ls "$work/corpus/$t" | wc -l)
  if [[ $rc -eq 0 ]]; then
    echo "$t: ok, ${execs:-?} executions in $secs s ($(( ${execs:-0} / (secs > 0 ? secs : 1) )) exec/s), corpus $corpus inputs"
  else
    failed+=("$t")
    echo "$t: FAILED (exit $rc) after ${execs:-?} executions in $secs s; log $log"
    { grep -E 'ERROR:|FUZZ_CHECK|runtime error|SUMMARY' "$log" | head -5 | sed 's/^/  /'; } || true
    for a in $(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log"); do
      echo "  input $a (hex, first 200 bytes): $(od -An -v -tx1 -N200 "$a" | tr -d ' \n')"
    done
  fi
done

if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
