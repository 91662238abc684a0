"""Roster workbooks: the template to fill in, the rejected rows to fix, and the export of an
organisation's members. All three have the columns of ``columns.COLUMNS`` under their
headers (so each can be imported as it is), each column in its number format (the citizen
ID as text, dates as real Excel dates, dd/mm/yyyy), and every text written through
``exports.safe_text``: no cell can run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..exports import BOLD, cell_value, fit_columns, safe_text
from ..models import Cell, Member
from .columns import COLUMNS, RosterColumn, header_of, raw_value, template_width

#: Rows of the template given the columns' number formats and the value lists.
TEMPLATE_ROWS = 2000
#: The columns' number formats by position in a sheet, after its first column (the number
#: of the member, or of the row in the uploaded file).
FORMATS = {
    index: column.number_format
    for index, column in enumerate(COLUMNS, start=2)
    if column.number_format
}


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


def _format_columns(sheet: Worksheet, first: int, last: int) -> None:
    """Each column in its number format, in every row from ``first`` to ``last``."""
    for row in sheet.iter_rows(min_row=first, max_row=last):
        for cell in row:
            number_format = FORMATS.get(cell.column)
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


def _listed_columns() -> list[tuple[int, RosterColumn]]:
    """The columns with a vocabulary and their positions in the template: the short lists
    (two words: gender, Youth Union) first in the sheet of values, then the others, each in
    the roster's order."""
    listed = [
        (index, column)
        for index, column in enumerate(COLUMNS, start=2)
        if column.vocabulary is not None
    ]
    return sorted(listed, key=lambda item: len(item[1].vocabulary.choices) > 2)


def _held_value(member: Member, column: RosterColumn) -> object:
    """A member's value as the export writes it, which the import reads back: a word of the
    vocabulary by its label, the cell by its name, empty as nothing."""
    value = getattr(member, column.name)
    if value is None or value == "":
        return None
    if column.vocabulary is not None:
        return column.vocabulary.label(value)
    if isinstance(value, Cell):
        return value.name
    return value


def template_workbook(organisation_name: str = "") -> bytes:
    """An empty roster in the government template's shape, with a sheet of instructions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")
    headers = [_("No."), *(column.header for column in COLUMNS)]
    title = organisation_name.upper() if organisation_name else _("PARTY COMMITTEE OF ...")
    header_row = _header_rows(sheet, title, headers)
    last = header_row + TEMPLATE_ROWS
    _format_columns(sheet, header_row + 1, last)
    lists = workbook.create_sheet(_("Values"))
    for list_column, (target, column) in enumerate(_listed_columns(), start=1):
        values = column.vocabulary.labels()
        lists.cell(row=1, column=list_column, value=column.header).font = BOLD
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=list_column, value=value)
        letter = lists.cell(row=1, column=list_column).column_letter
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
    for column in COLUMNS:
        help_sheet.append(
            [column.header, "; ".join(column.headers[1:]), _("Yes") if column.required else ""]
        )
    help_sheet.append([])
    for line in (
        _("Write dates as dd/mm/yyyy or as Excel dates."),
        _("The citizen ID has 12 digits; keep the column as text so leading zeros stay."),
        _("A row whose citizen ID is already held updates that member."),
    ):
        help_sheet.append([line])
    fit_columns(help_sheet)
    widths = [template_width(headers[0]), *(column.template_width for column in COLUMNS)]
    for index, width in enumerate(widths, start=1):
        letter = sheet.cell(row=header_row, column=index).column_letter
        sheet.column_dimensions[letter].width = width
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
    headers = [
        _("Row in the file"),
        *(column.header for column in COLUMNS),
        _("Reason"),
    ]
    header_row = _header_rows(sheet, title, headers)
    _write(
        sheet,
        (
            [
                number,
                *(raw_value(values, column) for column in COLUMNS),
                "\n".join(reasons[number]),
            ]
            for number, values in raw_rows
            if number in reasons
        ),
    )
    _format_columns(sheet, header_row + 1, sheet.max_row)
    fit_columns(sheet)
    return _bytes(workbook)


def export_workbook(members: Iterable[Member], *, title: str) -> bytes:
    """An organisation's members in the template's shape: it opens in Excel with real dates
    and no live formulas, and imports back as unchanged."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Roster")
    headers = [_("No."), *(column.header for column in COLUMNS)]
    header_row = _header_rows(sheet, title, headers)
    _write(
        sheet,
        (
            [number, *(_held_value(member, column) for column in COLUMNS)]
            for number, member in enumerate(members, start=1)
        ),
    )
    _format_columns(sheet, header_row + 1, sheet.max_row)
    fit_columns(sheet)
    return _bytes(workbook)


def reconciliation_workbook(lines: Sequence[Sequence[object]], *, title: str) -> bytes:
    """The comparison of a roster with the members held (new, updated, unchanged, rejected,
    absent from the file): the quarterly reconciliation of the member list book with the
    level above. The citizen IDs are text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Reconciliation")
    headers = [
        _("Outcome"),
        _("Row in the file"),
        header_of("full_name"),
        header_of("citizen_id"),
        header_of("cell"),
        _("Changes or reasons"),
    ]
    sheet.append([safe_text(title)])
    sheet.append([_("RECONCILIATION OF THE MEMBER LIST")])
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[4]:
        cell.font = BOLD
    sheet["A1"].font = BOLD
    sheet["A2"].font = BOLD
    sheet.freeze_panes = "A5"
    _write(sheet, lines)
    for row in sheet.iter_rows(min_row=5, min_col=4, max_col=4):
        row[0].number_format = "@"
    fit_columns(sheet)
    return _bytes(workbook)
