#!/usr/bin/env bash
# Back up the production database: a compressed custom-format dump, named by date and time,
# private (0600, in a 0700 directory), optionally encrypted, with the row count of every
# table taken in the dump's own snapshot written beside it (DUMP.counts), for
# scripts/restore-check.sh.
#   scripts/backup.sh [DIRECTORY]          (DATABASE_URL from the environment)
# DIRECTORY defaults to /var/backups/phuly. BACKUP_KEEP_DAYS (default 30) days of dumps are
# kept. Encryption (docs/deploy.md, section 7), at most one of:
#   BACKUP_GPG_RECIPIENT=KEY   gpg --encrypt to that public key       -> DUMP.gpg
#   BACKUP_AGE_RECIPIENT=KEY   age --encrypt to that recipient        -> DUMP.age
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:5432/name}"
directory="${1:-/var/backups/phuly}"
keep_days="${BACKUP_KEEP_DAYS:-30}"
if [ -n "${BACKUP_GPG_RECIPIENT:-}" ] && [ -n "${BACKUP_AGE_RECIPIENT:-}" ]; then
  echo "Set BACKUP_GPG_RECIPIENT or BACKUP_AGE_RECIPIENT, not both." >&2
  exit 2
fi
umask 077
mkdir -p "$directory"
chmod 700 "$directory"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$directory/phuly-$stamp.dump"
work="$(mktemp -d "$directory/.backup-XXXXXX")"
cleanup() {
  [ -n "${snapshot_pid:-}" ] && kill "$snapshot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# One session holds a repeatable-read transaction open: its snapshot is exported to pg_dump,
# and the row counts are taken in it, so the counts are those of the dump, however busy the
# database is meanwhile.
coproc SNAPSHOT { psql -X -q -At -v ON_ERROR_STOP=1 "$DATABASE_URL"; }
snapshot_pid=$SNAPSHOT_PID
exec {to_psql}>&"${SNAPSHOT[1]}" {from_psql}<&"${SNAPSHOT[0]}"
printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;" \
  "SELECT pg_export_snapshot();" >&"$to_psql"
read -r -t 60 -u "$from_psql" snapshot
printf '%s\n' "SELECT format('%s %s', table_name,
    (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name),
     false, true, '')))[1]::text)
  FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
  ORDER BY table_name;" "SELECT 'end-of-counts';" >&"$to_psql"
: >"$work/counts"
while read -r -t 300 -u "$from_psql" line && [ "$line" != "end-of-counts" ]; do
  echo "$line" >>"$work/counts"
done
pg_dump --snapshot="$snapshot" --format=custom --compress=6 --no-owner --no-privileges \
  --file="$work/dump" "$DATABASE_URL"
printf '%s\n' "COMMIT;" '\q' >&"$to_psql"
wait "$snapshot_pid" || true
snapshot_pid=""

if [ -n "${BACKUP_GPG_RECIPIENT:-}" ]; then
  gpg --batch --yes --trust-model always --encrypt --recipient "$BACKUP_GPG_RECIPIENT" \
    --output "$work/dump.enc" "$work/dump"
  file="$file.gpg"
elif [ -n "${BACKUP_AGE_RECIPIENT:-}" ]; then
  age --encrypt --recipient "$BACKUP_AGE_RECIPIENT" --output "$work/dump.enc" "$work/dump"
  file="$file.age"
else
  mv "$work/dump" "$work/dump.enc"
fi
{
  echo "# taken $(date -u +%Y-%m-%dT%H:%M:%SZ) $(date -u +%s)"
  echo "# sha256 $(sha256sum "$work/dump.enc" | cut -d' ' -f1)"
  cat "$work/counts"
} >"$work/counts.final"
chmod 600 "$work/dump.enc" "$work/counts.final"
mv "$work/counts.final" "$file.counts"
mv "$work/dump.enc" "$file"
find "$directory" -maxdepth 1 -name 'phuly-*.dump*' -mtime "+$keep_days" -delete
echo "$file"
