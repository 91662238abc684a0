#!/usr/bin/env bash
# Prove a backup can be restored: restore DUMP into a scratch database on the same server,
# compare the row count of every table with the source database, drop the scratch database.
# Exits non-zero if the restore fails or any count differs.
#   scripts/restore-check.sh DUMP          (DATABASE_URL: the database the dump was taken of)
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:5432/name}"
dump="${1:?give the dump file}"
server="${DATABASE_URL%/*}"
scratch="phuly_restore_check_$$"
cleanup() { psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
psql -q "$server/postgres" -c "CREATE DATABASE $scratch" >/dev/null
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$server/$scratch" "$dump"

counts() {
  psql -At "$1" -c "
    SELECT string_agg(format('%s %s', table_name,
             (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text),
           E'\n' ORDER BY table_name)
    FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
}
source_counts="$(counts "$DATABASE_URL")"
restored_counts="$(counts "$server/$scratch")"
if [ "$source_counts" != "$restored_counts" ]; then
  echo "Restore check FAILED: row counts differ" >&2
  diff <(echo "$source_counts") <(echo "$restored_counts") >&2 || true
  exit 1
fi
tables=$(echo "$restored_counts" | wc -l)
rows=$(echo "$restored_counts" | awk '{s += $2} END {print s}')
echo "Restore check passed: $tables tables, $rows rows, the same as the source."
