"""Inserting many new members with their history rows, fast, on PostgreSQL.

The rows go in with ``COPY`` and their history rows are made from them by one
``INSERT ... SELECT`` in the database: for 10,000 members a fraction of what
``bulk_create`` spends compiling its statements. Elsewhere (SQLite) the plan uses
``simple_history``'s ``bulk_create_with_history`` (``plan.apply_plan``). Either way the
members and their history are written in the caller's transaction, with the same values.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator

from django.db import connection, models
from django.utils import timezone

from ..models import Member

#: Rows turned into CSV text at a time, as COPY reads them.
ROWS_PER_READ = 1000


class CsvRows:
    """``rows`` as the CSV text COPY reads, made as it reads it (a large import is never
    held whole as text): every value but None is quoted (an empty string stays one), None
    goes unquoted and empty, which CSV COPY reads as NULL; dates, times, numbers and
    booleans in their ``str()`` forms, which PostgreSQL reads."""

    def __init__(self, rows: Iterable[list[object]]):
        self._rows = iter(rows)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n", quoting=csv.QUOTE_NOTNULL)

    def read(self, size: int = -1) -> str:
        """The next ``ROWS_PER_READ`` rows ("" at the end). psycopg2 sends whatever a read
        returns, whatever ``size`` it asked for."""
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerows(itertools.islice(self._rows, ROWS_PER_READ))
        return self._buffer.getvalue()


def _copy(table: str, columns: list[str], rows: Iterable[list[object]]) -> None:
    """COPY ``rows`` in (``CsvRows``), in one statement."""
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    # The driver's cursor, past Django's: its errors made Django's (IntegrityError) by hand.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN WITH (FORMAT csv)",
            CsvRows(rows),
        )


def _fields(model) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def new_member_defaults() -> dict[str, object]:
    """Every column of a new member with its model default ("" for text without one, None
    for other columns without one)."""
    return {field.attname: field.get_default() for field in _fields(Member)}


def create_members_with_history(members: Iterable[dict], *, user, reason: str) -> None:
    """Insert ``members`` (column values by attribute name, as ``new_member_defaults``
    gives them; each is made only as COPY reads it) and one "+" history row each."""
    fields = _fields(Member)
    names = [field.attname for field in fields]
    columns = [field.column for field in fields]
    members = iter(members)
    first = next(members, None)
    if first is None:
        return
    citizen_ids: list[str] = []

    def rows() -> Iterator[list[object]]:
        for values in itertools.chain([first], members):
            citizen_ids.append(values["citizen_id"])
            yield [values[name] for name in names]

    _copy(Member._meta.db_table, columns, rows())
    # The history rows are made from the rows just written, in the database.
    history = Member.history.model._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(column) for column in ["id", *columns])
    member_table = connection.ops.quote_name(Member._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(history)} ({quoted}, history_date, "
            "history_change_reason, history_type, history_user_id) "
            f"SELECT {quoted}, %s, %s, '+', %s FROM {member_table} WHERE citizen_id = ANY(%s)",
            [
                timezone.now(),
                reason,
                getattr(user, "pk", None),
                citizen_ids,
            ],
        )
