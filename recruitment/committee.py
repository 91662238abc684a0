"""The committee at the top of the tree, as data: the one place every title reads it from.

Pages (through the ``committee`` context processor), the admin's header, the workbooks and
the documents all call ``current_committee(on=day)``: the committee without a parent that
is active on the day (before 01/07/2025 a city such as Thành ủy Phủ Lý, after it the
province). The committees are few; they are read once per process and kept, read again
when one is saved or deleted here, and at least every ``REFRESH_SECONDS`` so that another
worker process sees a rename within that time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from . import datacache
from .models import Organisation

#: How long another process may show a committee's old name.
REFRESH_SECONDS = 300


@dataclass(frozen=True)
class Committee:
    """What titles and documents say of a committee."""

    pk: int
    name: str  # the Party organisation: "Đảng bộ thành phố Phủ Lý"
    committee_name: str  # its executive committee, the issuing body: "Thành ủy Phủ Lý"
    level: str
    superior_name: str  # the line above it in a document's heading: "Đảng bộ tỉnh Hà Nam"
    place_name: str  # "Phủ Lý", before the date of a document
    standing_board_name: str
    organisation_board_name: str
    active_from: date
    active_to: date | None

    @property
    def title(self) -> str:
        """The name pages and workbooks carry: the executive committee's, else the
        organisation's."""
        return self.committee_name or self.name

    def active_on(self, day: date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)

    def place_and_date(self, day: date) -> str:
        """The place and date line of a Party document (Hướng dẫn 36-HD/VPTW): days under 10
        and the months January and February written with a leading zero."""
        place = self.place_name or self.title
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_loaded: list[Committee] | None = None
_loaded_at = 0.0


def load_committees() -> list[Committee]:
    """Every committee without a parent, oldest first. One query."""
    rows = Organisation.objects.filter(
        kind=Organisation.Kind.COMMITTEE, parent__isnull=True
    ).order_by("active_from", "pk")
    return [
        Committee(
            pk=row.pk,
            name=row.name,
            committee_name=row.committee_name,
            level=row.level,
            superior_name=row.superior_name,
            place_name=row.place_name,
            standing_board_name=row.standing_board_name,
            organisation_board_name=row.organisation_board_name,
            active_from=row.active_from,
            active_to=row.active_to,
        )
        for row in rows
    ]


def committees() -> list[Committee]:
    """The top committees, from the process's copy (one query when it is read again)."""
    found = _loaded  # this thread's copy: another may forget the process's meanwhile
    if found is None or time.monotonic() - _loaded_at > REFRESH_SECONDS:
        found = load_committees()
        preload(found)
    return found


def preload(found: list[Committee] | None) -> None:
    """Keep these committees (None: read them again when next asked). Tests start from a
    known state with it."""
    global _loaded, _loaded_at
    _loaded = found
    _loaded_at = time.monotonic()


def current_committee(on: date | None = None) -> Committee | None:
    """The committee at the top on ``on`` (today by default): the one active that day, else
    the last to have started before it, else the first. None with no committee at all.
    Runs a query only when the process's copy is read again."""
    day = on or timezone.localdate()
    found = committees()
    active = [item for item in found if item.active_on(day)]
    if active:
        return active[-1]
    started = [item for item in found if item.active_from <= day]
    if started:
        return started[-1]
    return found[0] if found else None


def committee_title(committee: Committee | None) -> str:
    """The committee's title, or a neutral one when none is recorded."""
    return committee.title if committee is not None else _("Party committee")


def site_header() -> str:
    """The administration's header: the software and today's committee."""
    return _("Party member development – %(committee)s") % {
        "committee": committee_title(current_committee())
    }


def reload_committees(sender, instance, **kwargs) -> None:
    """A committee saved or deleted: read them again now (inside the same transaction)."""
    if instance.kind == Organisation.Kind.COMMITTEE:
        preload(load_committees())


def forget_committees() -> None:
    """Read the committees again when next asked (the data has changed: ``datacache``)."""
    preload(None)


def connect() -> None:
    """Called once the app is ready."""
    datacache.when_data_changes(forget_committees)
    for signal in (post_save, post_delete):
        signal.connect(
            reload_committees,
            sender=Organisation,
            dispatch_uid=f"recruitment.committee.{signal is post_save}",
        )
