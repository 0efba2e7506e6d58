# shellcheck shell=bash disable=SC2034,SC2154
# Shared by deploy/backup.sh and deploy/restore.sh (sourced, not run).
# Expects $me (the script's name, for messages) to be set.

say() { echo "$me: $*" >&2; }
die() {
  echo "$me: error: $*" >&2
  exit 1
}

pg_user=${CAITIAO_PG_USER:-postgres}             # as caitiaod's --pg_user
pg_bin=${CAITIAO_PG_BIN_DIR:-/usr/lib/postgresql/15/bin}  # as caitiaod's --pg_bin_dir

# As root, the PostgreSQL tools run as the unprivileged user (as caitiaod runs
# PostgreSQL); otherwise as ourselves.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id -u "$pg_user" >/dev/null 2>&1 ||
    die "user $pg_user does not exist (set CAITIAO_PG_USER to the --pg_user caitiaod runs PostgreSQL as)"
  as_pg=(runuser -u "$pg_user" --)
fi

# The check value caitiaod keeps of its data key (table data_key_check, see
# storage/personal_data_cipher.cc): HMAC-SHA256 under the key's lookup-hash
# subkey. It tells whether a key belongs to a database without decrypting
# anything. stdin: a key (64 hex characters, as in secrets/data.key or
# CAITIAO_DATA_KEY); stdout: the check value in hex. The key never appears on a
# command line.
key_check_of() {
  /usr/bin/python3 -c '
import hashlib, hmac, sys
try:
    key = bytes.fromhex(sys.stdin.read().strip())
except ValueError:
    key = b""
if len(key) != 32:
    sys.exit("not a data key (64 hex characters)")
lookup = hmac.new(key, b"caitiao/v1/lookup-hash", hashlib.sha256).digest()
print(hmac.new(lookup, b"data_key_check\0caitiao data key check v1", hashlib.sha256).hexdigest())'
}

# The pid of a live postmaster whose data directory is $1, or nothing.
running_postmaster() {
  local pid
  pid=$(head -1 "$1/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && [ "$(readlink -f "/proc/$pid/cwd" 2>/dev/null)" = "$(readlink -f "$1")" ]; then
    echo "$pid"
  fi
}

seconds_since() {  # $1: a start time from date +%s%N
  local ms=$((($(date +%s%N) - $1) / 1000000))
  printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}
