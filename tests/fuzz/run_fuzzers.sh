#!/usr/bin/env bash
# Builds and runs Caitiao's libFuzzer targets (clang 14, ASan + UBSan).
#
#   tests/fuzz/run_fuzzers.sh [SECONDS_PER_TARGET=20] [BUILD_DIR=/tmp/caitiao-fuzz-build]
#
# CTest runs `run_fuzzers.sh 15`: a smoke run to catch regressions quickly.
# Before a release, or after touching a parser or validator, do a long run:
#   tests/fuzz/run_fuzzers.sh 600
# Targets run one after another (one core each). Seeds come from
# tests/fuzz/corpus/<target>/ and tests/fuzz/seeds/*.textproto and are copied
# to a scratch dir, so the repo is never written. Exits non-zero if any target
# crashes or breaks an invariant; the input is saved as
# BUILD_DIR/artifacts/<target>-crash-* (replay: BUILD_DIR/<target> <file>).
set -euo pipefail

SECONDS_PER_TARGET=${1:-20}
BUILD=${2:-/tmp/caitiao-fuzz-build}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TARGETS=(case_filter_fuzzer create_case_fuzzer identity_fuzzer)

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
for seed in "$HERE"/seeds/create_case*.textproto; do
  protoc -I "$ROOT/proto" --encode=caitiao.v1.CreateCaseRequest caitiao/v1/case_service.proto \
    <"$seed" >"$work/corpus/create_case_fuzzer/$(basename "$seed" .textproto)"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for t in "${TARGETS[@]}"; do
  args=(-max_len=4096 -max_total_time="$SECONDS_PER_TARGET" -timeout=30 -print_final_stats=1
        -artifact_prefix="$BUILD/artifacts/$t-")
  [[ -f "$HERE/$t.dict" ]] && args+=(-dict="$HERE/$t.dict")
  log="$BUILD/$t.log"
  t0=$(date +%s)
  rc=0
  "$BUILD/$t" "${args[@]}" "$work/corpus/$t" >"$log" 2>&1 || rc=$?
  secs=$(($(date +%s) - t0))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(ls "$work/corpus/$t" | wc -l)
  if [[ $rc -eq 0 ]]; then
    echo "$t: ok, ${execs:-?} executions in $secs s, corpus $corpus inputs"
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
