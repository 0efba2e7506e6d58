#!/usr/bin/env bash
# Lays a backup made by deploy/backup.sh back into a caitiaod data folder.
# See docs/backups.md.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: deploy/restore.sh [--key=FILE] BACKUP_DIR DATA_DIR

Restores BACKUP_DIR (made by deploy/backup.sh) into DATA_DIR, the folder
caitiaod is then started with (--data_dir). caitiaod must not be running on
it, and DATA_DIR/pgdata must not exist or be empty (move an old data folder
aside yourself: mv DATA_DIR DATA_DIR.old). It checks the backup with
pg_verifybackup, then puts back:

  DATA_DIR/pgdata            the cluster (owner: the PostgreSQL user, mode 0700)
  DATA_DIR/admin.token       and demo-tokens/: the tokens, if the backup has them
  DATA_DIR/secrets/data.key  the data key: --key=FILE (the copy you kept
                             apart), else the backup's own if made --with-key

A key is checked against the backup's data key check value before it is put
in place. With no key, the cluster is restored but caitiaod will refuse to
start on it (DATA_KEY_MISMATCH) until it is given the right key
(--data_key_file=PATH or CAITIAO_DATA_KEY).

At caitiaod's next start PostgreSQL replays the WAL in the backup: the data
are as they were when the backup ended.
EOF
}

me=restore
# shellcheck source=deploy/backup_common.sh
. "$(dirname "$(readlink -f "$0")")/backup_common.sh"

key=
args=()
for a in "$@"; do
  case $a in
    -h | --help) usage; exit 0 ;;
    --key=*) key=$(realpath -- "${a#*=}") || die "no key file ${a#*=}" ;;
    -*) usage >&2; die "unknown option $a" ;;
    *) args+=("$a") ;;
  esac
done
[ ${#args[@]} = 2 ] || { usage >&2; exit 2; }

backup=$(realpath -m -- "${args[0]}")
data_dir=$(realpath -m -- "${args[1]}")
pgdata=$data_dir/pgdata
key_file=$data_dir/secrets/data.key

# --- Check everything before touching anything.
[ -f "$backup/MANIFEST" ] && [ -f "$backup/pgdata/backup_label" ] ||
  die "$backup is not a backup made by deploy/backup.sh (no MANIFEST or pgdata/backup_label)"
manifest() { sed -n "s/^$1: //p" "$backup/MANIFEST" | head -1; }
expected=$(manifest "data key check")
[ -n "$expected" ] || die "$backup/MANIFEST has no data key check"
[ -x "$pg_bin/pg_verifybackup" ] || die "no pg_verifybackup in $pg_bin (set CAITIAO_PG_BIN_DIR)"
case $data_dir/ in "$backup"/*) die "DATA_DIR $data_dir is inside the backup" ;; esac
if [ -d "$data_dir" ]; then
  # DATA_DIR is handed to the PostgreSQL user (as caitiaod does): it must be
  # new, empty or a caitiaod data folder, never a folder like /tmp or /home.
  for entry in "$data_dir"/* "$data_dir"/.[!.]*; do
    [ -e "$entry" ] || continue
    case ${entry##*/} in
      pgdata | pgdata.restoring | run | postgresql.log | admin.token | demo-tokens | secrets) ;;
      *) die "$data_dir holds ${entry##*/}, which a caitiaod data folder does not: restore into a new or empty folder" ;;
    esac
  done
elif [ -e "$data_dir" ]; then
  die "$data_dir exists and is not a folder"
fi
pid=$(running_postmaster "$pgdata")
[ -z "$pid" ] || die "PostgreSQL (pid $pid) is running on $data_dir: stop caitiaod first"
if [ -d "$pgdata" ] && [ -n "$(ls -A "$pgdata")" ]; then
  die "$pgdata exists and is not empty: this would overwrite a cluster. Restore into a new folder, or move the old one aside first (mv $data_dir $data_dir.old)"
fi

# The key: --key, else the backup's own. Either must match the backup.
source_key=$key
[ -n "$source_key" ] || [ ! -f "$backup/secrets/data.key" ] || source_key=$backup/secrets/data.key
if [ -n "$source_key" ]; then
  check=$(key_check_of <"$source_key") || die "$source_key does not hold a data key"
  [ "$check" = "$expected" ] ||
    die "the key in $source_key is not the one this backup was sealed with (its check value is ${check:0:16}..., the backup's ${expected:0:16}...)"
  if [ -e "$key_file" ] && ! cmp -s "$source_key" "$key_file"; then
    die "another key is already at $key_file: move it away first (the restored cluster needs the backup's key)"
  fi
fi

say "checking $backup/pgdata with pg_verifybackup"
"$pg_bin/pg_verifybackup" --quiet "$backup/pgdata" >&2 || die "pg_verifybackup found the backup damaged; nothing restored"

# --- Lay it down: copied beside, then renamed into place.
t0=$(date +%s%N)
mkdir -p -m 0700 -- "$data_dir"
[ ${#as_pg[@]} = 0 ] || chown "$pg_user:" "$data_dir"
[ ! -d "$pgdata" ] || rmdir -- "$pgdata"
staging=$data_dir/pgdata.restoring
rm -rf -- "$staging"
trap 'rm -rf -- "$staging"' EXIT
cp -R --preserve=mode,timestamps -- "$backup/pgdata" "$staging"
rm -f -- "$staging/backup_manifest"  # the backup's, not the cluster's
[ ${#as_pg[@]} = 0 ] || chown -R "$pg_user:" "$staging"
chmod 0700 "$staging"
sync -f "$staging" 2>/dev/null || sync
mv -- "$staging" "$pgdata"
trap - EXIT
say "cluster restored into $pgdata in $(seconds_since "$t0") s"

put_secret() {  # SOURCE DEST: mode 0600 in a 0700 folder
  mkdir -p -m 0700 -- "$(dirname -- "$2")"
  install -m 0600 -- "$1" "$2"
}
for t in "$backup"/tokens/admin.token "$backup"/tokens/demo-tokens/*.token; do
  [ -f "$t" ] || continue
  put_secret "$t" "$data_dir/${t#"$backup"/tokens/}"
  say "put back ${t#"$backup"/tokens/}"
done
if [ -n "$source_key" ]; then
  put_secret "$source_key" "$key_file"
  say "data key put back: $key_file (from $source_key; it matches the backup)"
else
  cat >&2 <<EOF
restore: WARNING: no data key was put back (the backup holds none; give --key=FILE).
restore:   caitiaod needs the key this backup was sealed with (check value
restore:   $expected).
restore:   Started without it, caitiaod creates a NEW key at $key_file,
restore:   then refuses to start (DATA_KEY_MISMATCH). Give it the original key:
restore:   --data_key_file=PATH or CAITIAO_DATA_KEY, or put it at $key_file
restore:   (mode 0600, replacing any other).
EOF
fi
say "restored $(manifest name), as it was at its end ($(manifest finished)); anything written later is not in it"
say "start caitiaod on it as before: caitiaod --data_dir=$data_dir ..."
