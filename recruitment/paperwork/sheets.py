"""Workbooks: the candidate and member lists as filtered and sorted on their pages, and the
central new-member statistics form (Biểu 2, Hướng dẫn 11-HD/BTCTW) of a period and an
organisation's subtree.

Dates are Excel dates (dd/mm/yyyy), texts go through ``exports.safe_text`` (nothing runs as a
formula) and citizen IDs are text cells with the text format, so Excel keeps their leading
zeros.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..exports import safe_text, sheet_title, write_sheet
from ..models import Candidate, Member, Organisation
from ..stats.board import Scope, admissions
from ..stats.composition import composition
from ..stats.figures import Period, same_day_last_year
from .heading import issuing_body, place_and_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_FORMAT = "@"
ONE_DECIMAL = "0.0"


def _field(model, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _text_column(sheet, index: int) -> None:
    """Column ``index`` (from 0) holds text (citizen IDs): the text format on every cell."""
    for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
        cell.number_format = TEXT_FORMAT


def _save(workbook: Workbook) -> bytes:
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def member_workbook(members: Iterable[Member]) -> bytes:
    """The members as listed (with ``cell__organisation``): one row each."""
    fields = [
        "full_name",
        "gender",
        "date_of_birth",
        "citizen_id",
        "ethnicity",
        "religion",
        "occupation",
        "cell",
        "decision_date",
        "ceremony_date",
        "official_date",
        "party_card_number",
        "status",
    ]
    headers = [_field(Member, name) for name in fields]
    headers.insert(8, _("Organisation"))
    rows = [
        [
            member.full_name,
            member.get_gender_display(),
            member.date_of_birth,
            member.citizen_id,
            member.ethnicity,
            member.get_religion_display(),
            member.get_occupation_display(),
            member.cell.name,
            member.cell.organisation.name,
            member.decision_date,
            member.ceremony_date,
            member.official_date,
            member.party_card_number,
            member.status_label(),
        ]
        for member in members
    ]
    return _list_workbook(_("Party members"), headers, rows)


def _list_workbook(title: str, headers: list, rows: list[list]) -> bytes:
    """A list as one sheet, its fourth column (the citizen ID) kept as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    write_sheet(sheet, headers, rows)
    _text_column(sheet, 3)
    return _save(workbook)


def candidate_workbook(candidates: Iterable[Candidate]) -> bytes:
    """The candidates as listed (with ``cell__organisation`` and prefetched
    ``stage_records``): one row each, with the date of their latest stage."""
    fields = ["full_name", "gender", "date_of_birth", "citizen_id", "occupation", "cell"]
    headers = [_field(Candidate, name) for name in fields]
    headers += [
        _("Organisation"),
        _field(Candidate, "youth_union_member"),
        _field(Candidate, "stage"),
        _("Date of the latest stage"),
    ]
    rows = []
    for candidate in candidates:
        latest = max((record.date for record in candidate.stage_records.all()), default=None)
        rows.append(
            [
                candidate.full_name,
                candidate.get_gender_display(),
                candidate.date_of_birth,
                candidate.citizen_id,
                candidate.get_occupation_display(),
                candidate.cell.name,
                candidate.cell.organisation.name,
                candidate.youth_union_member,
                candidate.get_stage_display(),
                latest,
            ]
        )
    return _list_workbook(_("Elite candidates"), headers, rows)


# --- the statistics form ------------------------------------------------------------------


@dataclass
class Statistics:
    """The new-member statistics of a period against the same period a year before, for the
    committee or an organisation's subtree: the lines of "Biểu 2"."""

    period: Period
    last_period: Period
    organisation: Organisation | None
    lines: list[dict]


def statistics(*, start: date, end: date, organisation: Organisation | None) -> Statistics:
    """The admissions of ``start``–``end`` and of the same days a year before, counted by the
    dashboard's own functions (``stats.board.admissions`` and ``composition``), for the whole
    committee or ``organisation`` and its sub-committees. One query."""
    period = Period(start, end)
    last_period = Period(same_day_last_year(start), same_day_last_year(end))
    members = Scope.of(None, end).members
    if organisation is not None:
        members = members.of_organisation(organisation.pk)
    found = admissions(members, period, last_period)
    return Statistics(
        period, last_period, organisation, composition(found.this_year, found.last_year)
    )


def ratio(now: float | None, before: float | None) -> float | None:
    """This period as a percentage of the same period last year, to one decimal."""
    if now is None or not before:
        return None
    return round(100 * now / before, 1)


def statistics_workbook(found: Statistics, *, today: date) -> bytes:
    """The form as an .xlsx: the heading, the title with the period, then a row per line of
    the form with "Kỳ này", "Cùng kỳ năm trước" and "%"."""
    heading = issuing_body(found.organisation, today)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(_("New members (Biểu 2)"))
    period = _("from %(start)s to %(end)s") % {
        "start": found.period.start.strftime("%d/%m/%Y"),
        "end": found.period.end.strftime("%d/%m/%Y"),
    }
    scope = found.organisation.name if found.organisation else heading.committee
    title = safe_text(_("New Party members admitted (form Biểu 2, Hướng dẫn 11-HD/BTCTW)"))
    # (text, bold, size): the issuing body, the title, the scope and period, place and date.
    title_rows = [
        *([(safe_text(heading.upper), False, None)] if heading.upper else []),
        (safe_text(heading.body), True, None),
        (title, True, 13),
        (safe_text(f"{scope} – {period}"), False, None),
        (safe_text(place_and_date(heading, today)), False, None),
    ]
    headers = ["STT", _("Group"), _("Item"), "Kỳ này", "Cùng kỳ năm trước", "%"]
    body = [
        [
            index,
            line["group"],
            line["label"],
            line["value"],
            line["last_year"],
            ratio(line["value"], line["last_year"]),
        ]
        for index, line in enumerate(found.lines, start=1)
    ]
    data = Workbook().active
    write_sheet(data, headers, body, formats={5: ONE_DECIMAL})
    for text, bold, size in title_rows:
        sheet.append([text])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=bold, size=size)
    sheet.append([])
    first = sheet.max_row + 1
    for values in data.iter_rows(values_only=True):
        sheet.append(list(values))
    for cell in sheet[first]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for cells in sheet.iter_rows(min_row=first + 1):
        cells[5].number_format = ONE_DECIMAL
    sheet.print_title_rows = f"{first}:{first}"
    sheet.freeze_panes = f"A{first + 1}"
    for letter, width in zip("ABCDEF", (6, 22, 40, 10, 18, 8), strict=True):
        sheet.column_dimensions[letter].width = width
    return _save(workbook)
