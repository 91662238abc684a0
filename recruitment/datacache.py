"""Figures kept between requests while the data they come from is unchanged.

The dashboard's figures and the deadlines page's list are worked out from thousands of rows;
fifty staff opening them ask for the same figures again and again. Each process keeps what
it worked out under the *data version* it read first: the number of transactions that ever
wrote to the application's tables. On PostgreSQL a statement trigger on every such table
(migration 0018, ``TRACKED_EXCLUDED`` names the few left out) adds one row for the writing
transaction to ``recruitment_datachange`` inside that transaction (a transaction-local
setting marks it counted; a savepoint rolled back takes row and mark back together), so the
row becomes visible exactly when the data does, and no two writers wait for each other: each
adds its own row, numbered by the table's own sequence.

Why the sum of the rows is a version: rows are only ever added (readers fold old rows into
one of the same total weight, ``_compact``), and what a new snapshot sees only grows; so two
readers that find the same sum see the same committed writes. The newest row's number and
the newest transaction id are part of the version as well: a database emptied, or restored
from a dump and written to again as many times, is not taken for the one seen before (the
sequence goes on from the dump's value; transaction ids are never given twice by a server).
A reader reads the version before the data, so what it keeps under a version is never older
than that version (at worst newer, which later readers of the same version may be given:
never older data). A transaction that has written itself (or is about to roll back) neither
reads nor keeps anything here: its view is not one any other reader has. What a view keeps
holds no object the request read before the version (``views.dashboard``).

SQLite (development and the tests' first database) has no statement triggers: there every
request works its figures out afresh (``data_version`` is ``None``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import DatabaseError, connection, transaction
from django.utils.translation import get_language

#: Entries each process keeps (the oldest used goes first); entries of an older version go as
#: soon as a newer one is read.
MAX_ENTRIES = 32
#: Rows of the change table beyond which a reader folds them into one.
COMPACT_AT = 500
#: Tables of the application whose writes do not move the version: the processing log (written
#: when records are only viewed; no figure reads it) and the change table itself.
TRACKED_EXCLUDED = ("recruitment_processingrecord", "recruitment_datachange")

VERSION_SQL = (
    "SELECT coalesce(sum(weight), 0), count(*), max(id), max(txid), "
    "txid_current_if_assigned() FROM recruitment_datachange"
)
#: One folder at a time (others skip folding rather than wait): an advisory lock's key.
FOLD_LOCK = 0x5048_554C_59  # "PHULY"
#: Every row but the newest folded into the row numbered 0: the sum of the weights, the
#: newest number and the newest transaction id stay as they were.
COMPACT_SQL = (
    "WITH gone AS (DELETE FROM recruitment_datachange WHERE id <> 0 "
    "AND id < (SELECT max(id) FROM recruitment_datachange) RETURNING txid, weight) "
    "INSERT INTO recruitment_datachange (id, txid, weight) "
    "SELECT 0, max(txid), sum(weight) FROM gone HAVING count(*) > 0 "
    "ON CONFLICT (id) DO UPDATE SET "
    "weight = recruitment_datachange.weight + excluded.weight, "
    "txid = greatest(recruitment_datachange.txid, excluded.txid)"
)
TRIGGER_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION recruitment_data_changed() RETURNS trigger AS $$
DECLARE
    this_transaction text := txid_current()::text;
BEGIN
    IF coalesce(current_setting('recruitment.counted_transaction', true), '')
            <> this_transaction THEN
        INSERT INTO recruitment_datachange (txid, weight)
        VALUES (this_transaction::bigint, 1);
        PERFORM set_config('recruitment.counted_transaction', this_transaction, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER_NAME = "recruitment_data_changed"

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_entries: OrderedDict[tuple, object] = OrderedDict()
#: What each process keeps of its own (the top committees, the working-day overrides), to
#: be read again once the data has changed, before a figure is worked out from it.
_hooks: list[Callable[[], None]] = []
_last_seen: tuple[int, int, int] | None = None


def when_data_changes(hook: Callable[[], None]) -> None:
    """Call ``hook`` (which forgets a copy this process keeps) before the first figure worked
    out under a new data version: another process's write is then seen at once, not when
    the copy expires."""
    if hook not in _hooks:
        _hooks.append(hook)


def install_triggers(schema_editor, tables: list[str]) -> None:
    """The function and, on each of ``tables`` but ``TRACKED_EXCLUDED``, the statement
    trigger that counts a write (PostgreSQL; a migration's ``schema_editor``)."""
    schema_editor.execute(TRIGGER_FUNCTION_SQL)
    for table in sorted(set(tables) - set(TRACKED_EXCLUDED)):
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {TRIGGER_NAME} "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {schema_editor.quote_name(table)} "
            "FOR EACH STATEMENT EXECUTE FUNCTION recruitment_data_changed()"
        )


def remove_triggers(schema_editor, tables: list[str]) -> None:
    for table in tables:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {schema_editor.quote_name(table)}"
        )
    schema_editor.execute("DROP FUNCTION IF EXISTS recruitment_data_changed()")


def data_version() -> tuple[int, int, int] | None:
    """The number of committed transactions that wrote to the tracked tables as this
    connection sees them now, the newest row's number and the newest transaction's id;
    ``None`` where nothing may be kept: not PostgreSQL, or this transaction has written (its
    own rows count before anyone else can see them)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        count, rows, newest, newest_transaction, own_write = cursor.fetchone()
    if own_write is not None:
        return None
    if rows > COMPACT_AT and not connection.in_atomic_block:
        _compact()
    return int(count), int(newest or 0), int(newest_transaction or 0)


def _compact() -> None:
    """Fold the change table's rows but the newest into one (numbered 0) of the same weight,
    in a transaction of its own: the version holds. A reader that finds another folding
    leaves it to that one."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [FOLD_LOCK])
            if cursor.fetchone()[0]:
                cursor.execute(COMPACT_SQL)
    except DatabaseError:
        # Folding is housekeeping: another reader's fold in the way (a deadlock between
        # two), or a role that may not delete, leaves the rows for the next reader.
        logger.warning("The data change table could not be folded; left for the next reader.")


def cached[T](key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for ``key`` under the current data version and
    language. The value is shared by the requests that find it: never change it."""
    version = data_version()
    if version is None:
        return compute()
    global _last_seen
    full = (version, get_language(), *key)
    with _lock:
        if version != _last_seen:
            for hook in _hooks:
                hook()
            _last_seen = version
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]  # type: ignore[return-value]
    value = compute()
    with _lock:
        # What older versions gave will not be asked for again (but by a reader that read
        # its version just before a write): let it go.
        for old in [entry for entry in _entries if entry[0][0] < version[0]]:
            del _entries[old]
        _entries[full] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def forget() -> None:
    """Drop the figures kept (tests, and the dashboard benchmark, which times pages worked
    out afresh). The processes' own copies stay until the version next moves."""
    with _lock:
        _entries.clear()
