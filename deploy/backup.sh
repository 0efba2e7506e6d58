#!/usr/bin/env bash
# Online backup of caitiaod's embedded PostgreSQL cluster. See docs/backups.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/backup.sh [--with-key] [--data_key_file=PATH] DATA_DIR OUT_DIR

Backs up the embedded cluster of a RUNNING caitiaod (--data_dir=DATA_DIR)
while it serves: pg_basebackup over the cluster's Unix socket (plain format,
WAL streamed, fast checkpoint), then pg_verifybackup. Writes
OUT_DIR/caitiao-backup-<UTC time>/ (mode 0700) and prints its path on stdout:

  pgdata/            the base backup, with its backup_manifest
  tokens/            admin.token and demo-tokens/ (bearer tokens: secrets too)
  MANIFEST           when, which PostgreSQL, WAL range, the data key's check value
  secrets/data.key   ONLY with --with-key

The data key (DATA_DIR/secrets/data.key, or --data_key_file / CAITIAO_DATA_KEY
as given to caitiaod) is checked against the database but, by default, NOT
copied: identity numbers are encrypted with it, so a backup without it is
unreadable to whoever steals it, and so is a restore if you lose the key.
Keep one copy of the key apart from the backups (it never changes). With
--with-key the backup is as secret as the key: encrypt it or keep it offline.

Run as the user caitiaod runs as. As root, the PostgreSQL tools run as
$CAITIAO_PG_USER (default postgres); $CAITIAO_PG_BIN_DIR is where they are
(default /usr/lib/postgresql/15/bin).
EOF
}

me=backup
# shellcheck source=deploy/backup_common.sh
. "$(dirname "$(readlink -f "$0")")/backup_common.sh"

with_key=0 key_file=
args=()
for a in "$@"; do
  case $a in
    -h | --help) usage; exit 0 ;;
    --with-key) with_key=1 ;;
    --data_key_file=*) key_file=${a#*=} ;;
    -*) usage >&2; die "unknown option $a" ;;
    *) args+=("$a") ;;
  esac
done
[ ${#args[@]} = 2 ] || { usage >&2; exit 2; }

data_dir=$(realpath -m -- "${args[0]}")
out_dir=$(realpath -m -- "${args[1]}")
pgdata=$data_dir/pgdata
[ -f "$pgdata/PG_VERSION" ] || die "$data_dir holds no embedded cluster (no $pgdata/PG_VERSION)"
[ -x "$pg_bin/pg_basebackup" ] || die "no pg_basebackup in $pg_bin (set CAITIAO_PG_BIN_DIR)"
case $out_dir/ in
  "$data_dir"/*) die "OUT_DIR $out_dir is inside the data folder: a backup must not share its fate" ;;
esac
key_file=${key_file:-${CAITIAO_DATA_KEY_FILE:-$data_dir/secrets/data.key}}
cd /  # the PostgreSQL user need not be able to enter the caller's folder

# The running postmaster tells its port and socket folder (postmaster.pid lines
# 4 and 5): DATA_DIR/run, or /tmp/caitiao-<hash> for long paths.
pm_pid=$(running_postmaster "$pgdata")
[ -n "$pm_pid" ] || die "the cluster in $pgdata is not running: this is an online backup, start caitiaod --data_dir=$data_dir first"
port=$(sed -n 4p "$pgdata/postmaster.pid") socket_dir=$(sed -n 5p "$pgdata/postmaster.pid")
[ -S "$socket_dir/.s.PGSQL.$port" ] || die "no PostgreSQL socket $socket_dir/.s.PGSQL.$port (from postmaster.pid)"
conn=(-h "$socket_dir" -p "$port" -U postgres)
sql() { "${as_pg[@]}" "$pg_bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 "${conn[@]}" -d caitiao -c "$1"; }

# The key must be the one this database was sealed with, or the backup is
# worth nothing the day it is needed.
db_check=$(sql "SELECT encode(key_check, 'hex') FROM data_key_check") ||
  die "cannot query the cluster through $socket_dir (as user ${as_pg[2]:-$(id -un)})"
[ -n "$db_check" ] || die "the database holds no data key check: caitiaod has not finished its first start on it"
if [ -n "${CAITIAO_DATA_KEY:-}" ]; then
  key_source=CAITIAO_DATA_KEY
  key_check=$(printf '%s' "$CAITIAO_DATA_KEY" | key_check_of) || die "CAITIAO_DATA_KEY is not a data key"
else
  key_source=$key_file
  [ -f "$key_file" ] || die "no data key at $key_file: give --data_key_file=PATH as given to caitiaod"
  key_check=$(key_check_of <"$key_file") || die "$key_file does not hold a data key"
fi
[ "$key_check" = "$db_check" ] ||
  die "the key from $key_source is not the one this database was sealed with (caitiaod would refuse it: DATA_KEY_MISMATCH); give the right one with --data_key_file"

# Written as OUT_DIR/.NAME.partial, renamed when complete.
mkdir -p -m 0700 -- "$out_dir"
name=caitiao-backup-$(date -u +%Y%m%dT%H%M%SZ)
n=1
while [ -e "$out_dir/$name" ] || [ -e "$out_dir/.$name.partial" ]; do
  n=$((n + 1)) name=caitiao-backup-$(date -u +%Y%m%dT%H%M%SZ)-$n
done
dest=$out_dir/$name partial=$out_dir/.$name.partial
trap '[ -z "$partial" ] || rm -rf -- "$partial"' EXIT
mkdir -m 0700 -- "$partial"
if [ ${#as_pg[@]} -gt 0 ]; then
  # pg_basebackup writes as the PostgreSQL user: let it through the parents
  # it cannot enter (an ACL entry for it alone, traversal only), as caitiaod
  # does for its data folder.
  chown "$pg_user" "$partial"
  p=$out_dir parents=()
  while [ "$p" != / ]; do parents=("$p" "${parents[@]}") p=$(dirname -- "$p"); done
  for p in "${parents[@]}"; do
    "${as_pg[@]}" test -x "$p" && continue
    setfacl -m "u:$pg_user:x" -- "$p" || die "user $pg_user cannot enter $p and setfacl could not grant it"
    say "granted user $pg_user traversal of $p (ACL u:$pg_user:--x)"
  done
fi

started=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
cases=$(sql "SELECT count(*) FROM cases")
say "backing up $pgdata ($cases cases) through $socket_dir into $dest"
t0=$(date +%s%N)
if ! "${as_pg[@]}" "$pg_bin/pg_basebackup" "${conn[@]}" -D "$partial/pgdata" -F plain -X stream \
  --checkpoint=fast --manifest-checksums=SHA256 --label="$name" --verbose 2>"$partial/pg_basebackup.log"; then
  cat "$partial/pg_basebackup.log" >&2
  die "pg_basebackup failed (the embedded cluster allows it over its socket: initdb -A trust writes 'local replication all trust')"
fi
"$pg_bin/pg_verifybackup" --quiet "$partial/pgdata" >&2 || die "pg_verifybackup found the new backup damaged"
took=$(seconds_since "$t0")
finished=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
wal_start=$(sed -n 's/.*write-ahead log start point: \([^ ]*\) on timeline \([0-9]*\).*/\1 (timeline \2)/p' "$partial/pg_basebackup.log")
wal_end=$(sed -n 's/.*write-ahead log end point: \([^ ]*\).*/\1/p' "$partial/pg_basebackup.log")
# The backup belongs to whoever took it, not to the database server.
[ ${#as_pg[@]} = 0 ] || chown -R "$(id -u):$(id -g)" "$partial"
chmod 0700 "$partial/pgdata"

key_line="NOT included: restore needs the key with the check value above, kept apart"
if [ "$with_key" = 1 ]; then
  mkdir -m 0700 "$partial/secrets"
  (umask 077 && if [ "$key_source" = CAITIAO_DATA_KEY ]; then printf '%s\n' "$CAITIAO_DATA_KEY"; else cat -- "$key_file"; fi \
    >"$partial/secrets/data.key")
  key_line="included (--with-key): secrets/data.key; this backup is as secret as the key"
fi
tokens=()
for t in "$data_dir/admin.token" "$data_dir"/demo-tokens/*.token; do
  [ -f "$t" ] || continue
  rel=${t#"$data_dir"/}
  mkdir -p -m 0700 "$(dirname -- "$partial/tokens/$rel")"
  install -m 0600 -- "$t" "$partial/tokens/$rel"
  tokens+=("$rel")
done
size=$(du -sb "$partial/pgdata" | cut -f1)

cat >"$partial/MANIFEST" <<EOF
# Caitiao backup by deploy/backup.sh; restore with deploy/restore.sh (docs/backups.md)
name: $name
data dir: $data_dir on $(hostname)
started: $started
finished: $finished
postgresql: $(sql "SHOW server_version")
schema: $(sql "SELECT count(*) || ' migrations, the last ' || max(name) FROM schema_migrations")
wal: start $wal_start, end $wal_end
restores to: the end of the backup (WAL $wal_end, about $finished); no WAL archive, no later point
cases: $cases when it started (those committed during the backup are in it too)
pgdata bytes: $size
data key check: $db_check
data key: $key_line
tokens: ${tokens[*]:-none}
EOF
chmod 0600 "$partial/MANIFEST" "$partial/pg_basebackup.log"
sync -f "$partial/pgdata" 2>/dev/null || sync
mv -- "$partial" "$dest"
partial=

say "done in $took s: $(numfmt --to=iec-i --suffix=B "$size") of cluster, WAL $wal_start .. $wal_end"
if [ "$with_key" = 1 ]; then
  say "WARNING: this backup holds the DATA KEY: whoever has it can read every identity number. Encrypt it or keep it offline."
else
  say "the data key is NOT in this backup. Keep a copy of $key_source apart (its check value: ${db_check:0:16}...); without it caitiaod refuses to start on the restored cluster (DATA_KEY_MISMATCH) and identity numbers are lost."
fi
echo "$dest"
