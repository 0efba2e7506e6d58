#!/usr/bin/env bash
# End-to-end through an independent client in another language: Node.js with
# @grpc/grpc-js, the project's .proto files read at run time by
# @grpc/proto-loader (no generated code), against the real caitiaod on an
# ephemeral port with a fresh embedded database and the demo tokens. The
# client walks one case from intake to a mediator in the demo room and reads
# a refusal's ErrorDetail (node_client_test.js).
# The npm packages go into NODE_DIR (a folder of the build tree), once.
# Usage: node_client_test.sh CAITIAOD NODE_DIR
set -euo pipefail
caitiaod=$1 node_dir=$2
here=$(cd "$(dirname "$0")" && pwd)
proto_dir=$(cd "$here/../../proto" && pwd)

# shellcheck source-path=SCRIPTDIR source=node_deps.sh
. "$here/node_deps.sh"
# protobufjs (proto-loader's own parser) decodes the status details.
node_install "$node_dir" @grpc/grpc-js@1 @grpc/proto-loader@0.8 protobufjs@7

work=$(mktemp -d /tmp/caitiao-node-XXXXXX)
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

NODE_PATH="$node_dir/node_modules" node "$here/node_client_test.js" --server="127.0.0.1:$(cat "$work/port")" \
  --proto_dir="$proto_dir" --token_dir="$work/data" || fail "the Node.js client's checks failed"

kill -TERM "$server_pid"
wait "$server_pid" || fail "caitiaod exited non-zero on SIGTERM"
server_pid=
echo "node_client_test: all checks passed"
