#!/usr/bin/env bash
# Builds Caitiao and runs the whole test suite through CTest, twice: domain
# unit tests, storage integration tests, end-to-end tests and drills against
# real PostgreSQL clusters started in fresh folders under /tmp; first the
# release build (build/), then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/). Exits non-zero on any failure.
#   CAITIAO_SANITIZE=0  the release pass only (about 13 minutes from clean)
#   CAITIAO_SANITIZE=1  the sanitizer pass only (about 20 minutes from clean)
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/setup.sh

# run_pass BUILD_DIR CMAKE_FLAGS...
run_pass() {
  local build=$1
  shift
  echo "== deploy/test.sh: building and testing in $build/"
  cmake -S . -B "$build" "$@" >/dev/null
  cmake --build "$build" -j"$(nproc)"
  ctest --test-dir "$build" --output-on-failure --timeout 600
}

mode=${CAITIAO_SANITIZE:-both}
case "$mode" in
  0 | both) run_pass build -DCMAKE_BUILD_TYPE=Release ;;
  1) ;;
  *) echo "deploy/test.sh: CAITIAO_SANITIZE must be 0, 1 or unset (both passes), not '$mode'" >&2; exit 2 ;;
esac
if [ "$mode" = 1 ] || [ "$mode" = both ]; then
  # -O1 and line tables only: ASan's usual setting, with file and line in
  # every report, and a build about a third faster than -O2 -g.
  run_pass build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAITIAO_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
fi
