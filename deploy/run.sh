#!/usr/bin/env bash
# Builds Caitiao (Release) and runs caitiaod on 127.0.0.1:50051 with its
# embedded PostgreSQL cluster under ./var/caitiao. Extra arguments go to
# caitiaod, e.g. `./deploy/run.sh --demo` loads the demo directory.
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target caitiaod caitiao

cat >&2 <<MSG
caitiao: data lives in $(pwd)/var/caitiao (PostgreSQL cluster in var/caitiao/pgdata,
         its log in var/caitiao/postgresql.log); delete that folder to start afresh.
caitiao: stop with Ctrl-C; the server drains calls and stops PostgreSQL.
MSG
exec ./build/services/caitiaod --data_dir=./var/caitiao "$@"
