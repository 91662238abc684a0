"""The processing log's hash chain: each record carries a keyed hash (HMAC-SHA-256, key
``PROCESSING_LOG_KEY``, which the database does not hold) of its own content and of the
hash of the record before it. Whoever can write to the database but does not hold the key
(a database superuser who disables the append-only trigger, say) cannot delete, change or
insert a record without breaking the chain, and ``manage.py verify_processing_log`` finds
the break.

Plain functions of plain values, so that the migration that chains the existing records uses
them too.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings

#: The "hash before" of the first record.
GENESIS = "0" * 64
#: The fields a record's hash covers, in order.
FIELDS = (
    "at",
    "user_id",
    "actor",
    "action",
    "subject_type",
    "subject_id",
    "description",
    "count",
)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return str(value)


def chain_hash(previous: str, values: dict[str, object]) -> str:
    """The hash of a record with these values after the record whose hash is ``previous``."""
    content = "\x1f".join([previous, *(_text(values[name]) for name in FIELDS)])
    return hmac.new(
        settings.PROCESSING_LOG_KEY.encode(), content.encode(), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class Break:
    """One place where the chain does not hold."""

    record_id: int
    kind: str  # "missing" (a record before it was deleted or one inserted), "changed", "backdated"


def breaks(records: Iterable[dict[str, object]]) -> Iterator[Break]:
    """The breaks in ``records`` (dicts of ``id``, ``previous_hash``, ``hash`` and FIELDS),
    in id order from the first record."""
    previous, previous_at = GENESIS, None
    for values in records:
        record_id = values["id"]
        if values["previous_hash"] != previous:
            yield Break(record_id, "missing")
        if not hmac.compare_digest(
            str(values["hash"]), chain_hash(str(values["previous_hash"]), values)
        ):
            yield Break(record_id, "changed")
        if previous_at is not None and values["at"] < previous_at:
            yield Break(record_id, "backdated")
        previous, previous_at = str(values["hash"]), values["at"]
