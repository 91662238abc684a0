"""Roster workbooks: the template to fill in, the rejected rows to fix, and the export of an
organisation's members. All three have the accepted headers (so each can be imported as it
is), the citizen-ID column formatted as text, dates as real Excel dates (dd/mm/yyyy) and
every text written through ``exports.safe_text``: no cell can run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..choices import ETHNIC_GROUPS, Occupation, PoliticalTheory, ProfessionalLevel, Religion
from ..exports import BOLD, DATE_FORMAT, cell_value, fit_columns, safe_text
from ..models import Member
from .read import HEADERS
from .resource import COLUMNS, display_value

TEXT_FORMAT = "@"
DATE_FIELDS = {"date_of_birth", "decision_date", "ceremony_date", "official_date"}
#: Rows of the template given the citizen-ID text format and the value lists.
TEMPLATE_ROWS = 2000


def _header_rows(sheet: Worksheet, title: str, headers: Sequence[str]) -> int:
    """Two title rows, a blank row, then the header; returns the header's row number."""
    sheet.append([safe_text(title)])
    sheet.append([_("LIST OF PARTY MEMBERS")])
    sheet.append([])
    sheet.append([safe_text(header) for header in headers])
    for cell in sheet[4]:
        cell.font = BOLD
    sheet["A1"].font = BOLD
    sheet["A2"].font = BOLD
    sheet.freeze_panes = "C5"
    return 4


def _format_columns(sheet: Worksheet, headers: Sequence[str], first: int, last: int) -> None:
    """Citizen IDs as text, dates as dd/mm/yyyy, in every row from ``first`` to ``last``."""
    formats = {}
    for index, name in enumerate(headers, start=1):
        if name == HEADERS["citizen_id"][0]:
            formats[index] = TEXT_FORMAT
        elif name in {HEADERS[f][0] for f in DATE_FIELDS}:
            formats[index] = DATE_FORMAT
    for row in sheet.iter_rows(min_row=first, max_row=last):
        for cell in row:
            number_format = formats.get(cell.column)
            if number_format:
                cell.number_format = number_format


def _write(sheet: Worksheet, rows: Iterable[Sequence[object]]) -> None:
    for row in rows:
        sheet.append([_cell(value) for value in row])


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return cell_value(value)


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _value_lists() -> dict[str, list[str]]:
    return {
        "gender": [_("Male"), _("Female")],
        "youth_union_member": [_("Yes"), _("No")],
        "ethnicity": list(ETHNIC_GROUPS),
        "religion": [str(label) for _v, label in Religion.choices],
        "occupation": [str(label) for _v, label in Occupation.choices],
        "professional_level": [str(label) for _v, label in ProfessionalLevel.choices],
        "political_theory": [str(label) for _v, label in PoliticalTheory.choices],
    }


def template_workbook(organisation_name: str = "") -> bytes:
    """An empty roster in the government template's shape, with a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")
    headers = [_("No."), *(header for _field, header in COLUMNS)]
    title = organisation_name.upper() if organisation_name else _("PARTY COMMITTEE OF ...")
    header_row = _header_rows(sheet, title, headers)
    last = header_row + TEMPLATE_ROWS
    _format_columns(sheet, headers, header_row + 1, last)
    lists = workbook.create_sheet(_("Values"))
    for column, (field_name, values) in enumerate(_value_lists().items(), start=1):
        lists.cell(row=1, column=column, value=HEADERS[field_name][0]).font = BOLD
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=column, value=value)
        letter = lists.cell(row=1, column=column).column_letter
        target = [name for name, _h in COLUMNS].index(field_name) + 2
        target_letter = sheet.cell(row=1, column=target).column_letter
        validation = DataValidation(
            type="list",
            formula1=f"'{lists.title}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
        )
        validation.add(f"{target_letter}{header_row + 1}:{target_letter}{last}")
        sheet.add_data_validation(validation)
    fit_columns(lists)
    help_sheet = workbook.create_sheet(_("Instructions"))
    help_sheet.append([_("Column"), _("Also accepted as"), _("Required")])
    for cell in help_sheet[1]:
        cell.font = BOLD
    from .read import REQUIRED

    for field_name, names in HEADERS.items():
        help_sheet.append(
            [names[0], "; ".join(names[1:]), _("Yes") if field_name in REQUIRED else ""]
        )
    help_sheet.append([])
    for line in (
        _("Write dates as dd/mm/yyyy or as Excel dates."),
        _("The citizen ID has 12 digits; keep the column as text so leading zeros stay."),
        _("A row whose citizen ID is already held updates that member."),
    ):
        help_sheet.append([line])
    fit_columns(help_sheet)
    for index in range(1, len(headers) + 1):
        letter = sheet.cell(row=header_row, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(str(headers[index - 1])) + 4)
    return _bytes(workbook)


def rejected_workbook(
    raw_rows: Sequence[tuple[int, dict[str, object]]],
    reasons: dict[int, list[str]],
    *,
    title: str,
) -> bytes:
    """The rejected rows as the file held them, with the accepted headers, the row number in
    the uploaded file and the reasons; fixed, the workbook can be uploaded again."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Rejected rows")
    names = [name for name, _header in COLUMNS]
    headers = [
        _("Row in the file"),
        *(header for _name, header in COLUMNS),
        _("Reason"),
    ]
    header_row = _header_rows(sheet, title, headers)
    _write(
        sheet,
        (
            [number, *(values.get(name) for name in names), "\n".join(reasons[number])]
            for number, values in raw_rows
            if number in reasons
        ),
    )
    _format_columns(sheet, headers, header_row + 1, sheet.max_row)
    fit_columns(sheet)
    return _bytes(workbook)


def export_workbook(members: Iterable[Member], *, title: str) -> bytes:
    """An organisation's members in the template's shape: it opens in Excel with real dates
    and no live formulas, and imports back as unchanged."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")
    headers = [_("No."), *(header for _name, header in COLUMNS)]
    header_row = _header_rows(sheet, title, headers)
    names = [name for name, _header in COLUMNS]

    def value(member: Member, name: str) -> object:
        if name == "cell":
            return member.cell.name
        raw = getattr(member, name)
        if raw in ("", None):
            return None
        if name in DATE_FIELDS or isinstance(raw, bool) or name == "citizen_id":
            return raw
        if name in ("gender", "religion", "occupation", "professional_level", "political_theory"):
            return display_value(name, raw, {})
        return raw

    _write(
        sheet,
        (
            [number, *(value(member, name) for name in names)]
            for number, member in enumerate(members, start=1)
        ),
    )
    _format_columns(sheet, headers, header_row + 1, sheet.max_row)
    fit_columns(sheet)
    return _bytes(workbook)
