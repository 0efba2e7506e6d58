#!/usr/bin/env bash
# buf lint over the API: the .proto files under PROTO_DIR against the rules
# of PROTO_DIR/buf.yaml (buf's STANDARD set less two rules that contradict
# Google's API style; see there). buf comes from npm (@bufbuild/buf, which
# ships the binary) into NODE_DIR, a folder of the build tree, once.
# Usage: buf_lint_test.sh NODE_DIR PROTO_DIR
set -euo pipefail
node_dir=$1 proto_dir=$2
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck source-path=SCRIPTDIR source=node_deps.sh
. "$here/node_deps.sh"
node_install "$node_dir" @bufbuild/buf@1
buf=$node_dir/node_modules/.bin/buf

[ -f "$proto_dir/buf.yaml" ] || { echo "FAIL: no buf.yaml in $proto_dir" >&2; exit 1; }
echo "buf $("$buf" --version) lint $proto_dir"
if ! "$buf" lint "$proto_dir"; then
  echo "FAIL: buf lint found the problems above" >&2
  exit 1
fi
echo "buf_lint_test: all checks passed"
