"""Large tables rendered in Python: the dashboard's table of organisations has a row per
grassroots organisation (hundreds at scale), which the template engine renders many times
slower than string formatting. Every text value is escaped with ``html.escape``; numbers are
formatted here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from django.urls import reverse
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe

from .stats.columns import Cell, Column
from .stats.organisations import OrganisationRow, OrganisationStatus

Render = Callable[[OrganisationRow], str]
#: Each status as a class name (escaped once, not on every row).
STATUS_CLASSES = {status: escape(status) for status in OrganisationStatus}


def _number(value: int | None) -> str:
    return "—" if value is None else str(int(value))


def _percent(value: float | None, separator: str) -> str:
    return "—" if value is None else f"{value:.1f}%".replace(".", separator)


def _cell(column: Column, *, link: tuple[str, str], separator: str) -> Render:
    """How to write ``column``'s ``<td>`` for a row, as its ``cell`` says; ``link`` is the
    organisation's dashboard address, escaped, before and after its id."""
    value = column.value
    before, after = link
    match column.cell:
        case Cell.TEXT:
            return lambda row: f"<td>{escape(value(row))}</td>"
        case Cell.LINK:
            return lambda row: (
                f'<td><a href="{before}{int(row.id)}{after}">{escape(value(row))}</a></td>'
            )
        case Cell.SMALL:
            return lambda row: f'<td class="small">{escape(value(row))}</td>'
        case Cell.NUMBER:
            return lambda row: f'<td class="text-end">{_number(value(row))}</td>'
        case Cell.PERCENT:
            return lambda row: (
                f'<td class="text-end">{escape(_percent(value(row), separator))}</td>'
            )
        case Cell.BADGE:
            return lambda row: (
                f'<td><span class="badge status-{STATUS_CLASSES[row.status]}">'
                f"{escape(value(row))}</span></td>"
            )
        case Cell.STAGE:
            return lambda row: (
                f'<td class="text-end text-body-secondary">{int(value(row)) or ""}</td>'
            )
    raise ValueError(f"The page cannot show the column {column.key}.")


def organisation_rows(
    rows: Sequence[OrganisationRow], *, columns: Sequence[Column], query: str
) -> SafeString:
    """The ``<tr>`` of each organisation, a cell per column; the name links to the
    organisation's dashboard (with the page's ``query``)."""
    marker = "987654321"
    before, after = reverse("recruitment:dashboard-organisation", args=[marker]).split(marker)
    link = (escape(before), f"{escape(after)}?{escape(query)}")
    separator = get_format("DECIMAL_SEPARATOR")
    cells = [_cell(column, link=link, separator=separator) for column in columns]
    html = []
    for row in rows:
        html.append(
            f'<tr class="status-row-{STATUS_CLASSES[row.status]}" data-code="{escape(row.code)}">'
            f"{''.join([cell(row) for cell in cells])}</tr>"
        )
    return mark_safe("".join(html))


def behind_items(rows: Sequence[OrganisationRow]) -> SafeString:
    """The ``<li>`` of each organisation below its quota at the year's end: its name, its
    admissions and its quota (thousands at a province's size, so escaped and joined here
    rather than by ``format_html`` a row at a time)."""
    return mark_safe(
        "".join([f"<li>{escape(row.name)}: {row.admitted}/{row.quota}</li>" for row in rows])
    )
