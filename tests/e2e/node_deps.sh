# shellcheck shell=bash
# Sourced by the tests that need npm packages (node_client_test.sh,
# buf_lint_test.sh): installs them into a folder of the build tree, never
# into the source tree, and only what is not there yet, so reruns are quick
# and need no network.
#
#   node_install NODE_DIR NAME@MAJOR...   e.g. node_install "$dir" @grpc/grpc-js@1
#
# MAJOR is what npm gets as the version range (1 means >=1.0.0 <2.0.0; for a
# 0.x package give the minor too, e.g. 0.8). A package counts as present when
# NODE_DIR/node_modules/NAME is at that version. Tests run in parallel
# (ctest -j) share NODE_DIR, so the check and the install hold a lock.

node_install() {
  local dir=$1
  shift
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "node_install: no node or npm on PATH: deploy/setup.sh installs them (Debian's nodejs and npm)" >&2
    return 1
  fi
  mkdir -p "$dir"
  (
    flock 9
    missing=()
    for spec in "$@"; do
      name=${spec%@*} want=${spec##*@}
      have=$(node -p 'require(process.argv[1]).version' "$dir/node_modules/$name/package.json" 2>/dev/null || true)
      case "$have" in
        "$want" | "$want".*) ;;
        *) missing+=("$spec") ;;
      esac
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "node_install: npm install ${missing[*]} into $dir" >&2
      # Saved to NODE_DIR/package.json: a later install into the same folder
      # would otherwise prune what an earlier one brought.
      npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${missing[@]}" >&2
    fi
  ) 9>"$dir/.install.lock"
}
