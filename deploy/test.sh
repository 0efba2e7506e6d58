#!/usr/bin/env bash
# Builds Caitiao and runs the whole test suite through CTest: domain unit
# tests, storage integration tests and end-to-end tests against real
# PostgreSQL clusters started in fresh folders under /tmp. Exits non-zero on
# any failure. CAITIAO_SANITIZE=1 builds with ASan+UBSan into build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/setup.sh
build=build
flags=(-DCMAKE_BUILD_TYPE=Release)
if [ "${CAITIAO_SANITIZE:-0}" = 1 ]; then
  build=build-asan
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAITIAO_SANITIZE=ON)
fi
cmake -S . -B "$build" "${flags[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure --timeout 600
