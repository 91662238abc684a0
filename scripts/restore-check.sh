#!/usr/bin/env bash
# Prove a backup can be restored: restore DUMP into a scratch database on the same server and
# compare the row count of every table with the counts scripts/backup.sh took in the dump's
# own snapshot (DUMP.counts), then drop the scratch database. Passes on a database that has
# moved on since (it only reports by how much); fails, non-zero, when the restore fails, when
# any count differs, when DUMP is not the file the counts were written for, or when the dump
# is stale: taken more than BACKUP_MAX_AGE_HOURS (default 48) hours ago.
#   scripts/restore-check.sh DUMP          (DATABASE_URL: the database the dump was taken of)
# An encrypted dump (DUMP.gpg, DUMP.age) is decrypted into a private temporary directory:
# gpg with the keyring of GNUPGHOME, age with the identity file BACKUP_AGE_IDENTITY.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:5432/name}"
dump="${1:?give the dump file}"
counts_file="$dump.counts"
max_age_hours="${BACKUP_MAX_AGE_HOURS:-48}"
server="${DATABASE_URL%/*}"
scratch="phuly_restore_check_$$"
umask 077
work="$(mktemp -d)"
cleanup() {
  psql -X -q "$server/postgres" -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "Restore check FAILED: $*" >&2; exit 1; }

[ -f "$counts_file" ] || fail "no row counts beside the dump ($counts_file)"
recorded_sha="$(sed -n 's/^# sha256 //p' "$counts_file")"
taken="$(sed -n 's/^# taken [^ ]* //p' "$counts_file")"
[ "$(sha256sum "$dump" | cut -d' ' -f1)" = "$recorded_sha" ] ||
  fail "$dump is not the dump its row counts were taken with"
age_hours=$((($(date -u +%s) - taken) / 3600))
[ "$age_hours" -lt "$max_age_hours" ] ||
  fail "the dump is stale: taken $age_hours hours ago (BACKUP_MAX_AGE_HOURS=$max_age_hours)"

case "$dump" in
  *.gpg) gpg --batch --quiet --decrypt --output "$work/dump" "$dump" ;;
  *.age) age --decrypt --identity "${BACKUP_AGE_IDENTITY:?set BACKUP_AGE_IDENTITY}" --output "$work/dump" "$dump" ;;
  *) ln -s "$(realpath "$dump")" "$work/dump" ;;
esac

psql -X -q "$server/postgres" -c "CREATE DATABASE $scratch" >/dev/null
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$server/$scratch" "$work/dump"

counts() {
  psql -X -At "$1" -c "
    SELECT format('%s %s', table_name,
             (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text)
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name"
}
snapshot_counts="$(grep -v '^#' "$counts_file")"
restored_counts="$(counts "$server/$scratch")"
if [ "$snapshot_counts" != "$restored_counts" ]; then
  echo "Restore check FAILED: row counts differ from those taken with the dump" >&2
  diff <(echo "$snapshot_counts") <(echo "$restored_counts") >&2 || true
  exit 1
fi
tables=$(echo "$restored_counts" | wc -l)
rows=$(echo "$restored_counts" | awk '{s += $2} END {print s}')
echo "Restore check passed: $tables tables, $rows rows, the same as when the dump was taken ($age_hours hours ago)."
# What the live database has done since, for information only.
live_counts="$(counts "$DATABASE_URL")"
moved="$(LC_ALL=C join <(echo "$snapshot_counts" | LC_ALL=C sort) \
  <(echo "$live_counts" | LC_ALL=C sort) | awk '$2 != $3 {printf "%s %+d\n", $1, $3 - $2}')"
if [ -n "$moved" ]; then
  echo "Since then, on the live database:"
  echo "$moved"
fi
