#!/usr/bin/env bash
# Back up the production database: a compressed custom-format dump, named by date and time.
#   scripts/backup.sh [DIRECTORY]          (DATABASE_URL from the environment)
# Keeps BACKUP_KEEP_DAYS (default 30) days of dumps in DIRECTORY (default /var/backups/phuly).
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL=postgres://user@host:5432/name}"
directory="${1:-/var/backups/phuly}"
keep_days="${BACKUP_KEEP_DAYS:-30}"
mkdir -p "$directory"
file="$directory/phuly-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file.part" "$DATABASE_URL"
mv "$file.part" "$file"
find "$directory" -name 'phuly-*.dump' -mtime "+$keep_days" -delete
echo "$file"
