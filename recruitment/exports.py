"""The quota dashboard as an Excel workbook.

``dashboard_workbook(board)`` renders the ``stats.Dashboard`` that the page and the JSON
render too, and runs no query of its own: the three can never disagree. Numbers are written
as numbers, dates as Excel dates, and every text through ``safe_text`` so that no cell can
run as a formula (organisation names come from imported rosters).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .committee import committee_title
from .stats import Dashboard, Figure
from .stats.columns import COLUMNS, PERCENT_FORMAT

DATE_FORMAT = "DD/MM/YYYY"
#: Counts that are expectations (the forecast), to one decimal.
ONE_DECIMAL = "0.0"
#: Shares between 0 and 1 (the forecast's rates).
SHARE_FORMAT = "0.0%"
#: What makes Excel (or LibreOffice) read a text as a formula or a DDE command.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters Excel does not allow in a sheet title, and its length limit.
SHEET_TITLE_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
SHEET_TITLE_LENGTH = 31
MIN_WIDTH, MAX_WIDTH = 8, 60
BOLD = Font(bold=True)


def safe_text(value: object) -> str:
    """``value`` as a text that Excel shows as it is: without the control characters a
    workbook cannot hold, and with a leading apostrophe when it starts like a formula
    (``=``, ``+``, ``-``, ``@``, tab or carriage return), after spaces or not."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return f"'{text}" if text.lstrip(" \xa0").startswith(FORMULA_STARTS) else text


def cell_value(value: object) -> object:
    """Numbers and dates stay what they are; everything else is written as safe text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float | Decimal | date):
        return value
    return safe_text(value)


def sheet_title(text: str) -> str:
    return str(text).translate(SHEET_TITLE_FORBIDDEN)[:SHEET_TITLE_LENGTH]


def write_sheet(
    sheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    formats: dict[int, str] | None = None,
    freeze: str = "A2",
    bold_last_row: bool = False,
) -> None:
    """A bold, frozen header row, then the rows; ``formats`` maps a column index (from 0) to
    a number format. Dates get the dd/mm/yyyy format wherever they are."""
    formats = formats or {}
    sheet.append([cell_value(header) for header in headers])
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for index, cell in enumerate(cells):
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif index in formats and isinstance(cell.value, int | float):
                cell.number_format = formats[index]
    for cell in sheet[1]:
        cell.font = BOLD
    if bold_last_row and sheet.max_row > 1:
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    sheet.freeze_panes = freeze
    sheet.print_title_rows = "1:1"
    fit_columns(sheet)


def display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return len("dd/mm/yyyy")
    return max(len(line) for line in str(value).splitlines() or [""])


def fit_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for cells in sheet.iter_rows():
        for index, cell in enumerate(cells, start=1):
            widths[index] = max(widths.get(index, 0), display_width(cell.value))
    for index, width in widths.items():
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def figure_rows(figure: Figure | None, value: str, target: str, percent: str, remaining: str):
    """Four summary rows of a figure: its value, target, percent and what remains."""
    numbers = (
        (figure.value, figure.target, figure.percent, figure.remaining) if figure else (None,) * 4
    )
    labels = (value, target, percent, remaining)
    formats = (None, None, PERCENT_FORMAT, None)
    return list(zip(labels, numbers, formats, strict=True))


def summary_rows(board: Dashboard) -> list[tuple[str, object, str | None]]:
    """(item, value, number format) of the Summary sheet: the KPI cards of the page."""
    forecast = board.forecast
    term_period = board.term_period
    scope = board.organisation.name if board.organisation else committee_title(board.committee)
    return [
        (_("Scope"), scope, None),
        (_("Year"), board.year, None),
        (_("As of"), board.as_of, None),
        (_("Period from"), board.period.start, None),
        (_("Period to"), board.period.end, None),
        (_("Compared with the period from"), board.last_year_period.start, None),
        (_("Compared with the period to"), board.last_year_period.end, None),
        *figure_rows(
            board.admitted,
            _("Admitted this year"),
            _("Quota"),
            _("Share of the quota (%)"),
            _("Remaining"),
        ),
        (_("Admitted in the same period last year"), board.admitted.last_year, None),
        (_("Admitted, awaiting ceremony"), board.awaiting_ceremony, None),
        (_("Aspiration"), board.aspiration, None),
        (_("Term"), board.term_name, None),
        (_("Term counted from"), term_period.start if term_period else None, None),
        (_("Term counted to"), term_period.end if term_period else None, None),
        *figure_rows(
            board.term,
            _("Admitted in the term"),
            _("Term target"),
            _("Share of the term target (%)"),
            _("Remaining in the term"),
        ),
        *figure_rows(
            board.trained,
            _("Elite candidates trained"),
            _("Training target"),
            _("Share of the training target (%)"),
            _("Training remaining"),
        ),
        (_("Trained in the same period last year"), board.trained.last_year, None),
        (_("The organisations' quotas add up to"), board.quotas_sum, None),
        (_("Days left in the year"), forecast["days_left"], None),
        (_("Expected from the pipeline"), forecast["expected"], ONE_DECIMAL),
        (_("Projected total for the year"), forecast["projected_total"], None),
        (_("Will the quota be met?"), forecast["will_meet"], None),
    ]


def write_summary(sheet: Worksheet, board: Dashboard) -> None:
    rows = summary_rows(board)
    write_sheet(sheet, [_("Item"), _("Value")], [(label, value) for label, value, _f in rows])
    for (_label, _value, number_format), cells in zip(
        rows, sheet.iter_rows(min_row=2), strict=True
    ):
        if number_format and isinstance(cells[1].value, int | float):
            cells[1].number_format = number_format


def write_organisations(sheet: Worksheet, board: Dashboard) -> None:
    """Every column of ``COLUMNS``, a row per organisation."""
    headers = [column.header for column in COLUMNS]
    rows = [[column.value(row) for column in COLUMNS] for row in board.organisations]
    formats = {
        index: column.number_format for index, column in enumerate(COLUMNS) if column.number_format
    }
    # The code and the name stay in view.
    write_sheet(sheet, headers, rows, formats=formats, freeze="C2")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def write_forecast(sheet: Worksheet, board: Dashboard) -> None:
    stages = board.forecast["stages"]
    headers = [
        _("Stage"),
        _("Candidates now"),
        _("Recorded at the stage (history)"),
        _("Admitted in time (history)"),
        _("Share admitted in time"),
        _("Average days to decision"),
        _("Expected"),
    ]
    rows = [
        [
            item["label"],
            item["candidates"],
            item["observed"],
            item["admitted_within"],
            item["rate"],
            item["average_days"],
            item["expected"],
        ]
        for item in stages
    ]
    rows.append(
        [
            _("Total"),
            sum(item["candidates"] for item in stages),
            None,
            None,
            None,
            None,
            board.forecast["expected"],
        ]
    )
    write_sheet(
        sheet,
        headers,
        rows,
        formats={4: SHARE_FORMAT, 6: ONE_DECIMAL},
        bold_last_row=True,
    )


def write_composition(sheet: Worksheet, board: Dashboard) -> None:
    years = (board.year, board.year - 1)
    headers = [
        _("Group"),
        _("Item"),
        str(years[0]),
        f"% {years[0]}",
        str(years[1]),
        f"% {years[1]}",
    ]
    rows = [
        [
            line["group"],
            line["label"],
            line["value"],
            line["percent"],
            line["last_year"],
            line["last_year_percent"],
        ]
        for line in board.composition
    ]
    write_sheet(sheet, headers, rows, formats={3: PERCENT_FORMAT, 5: PERCENT_FORMAT})


def dashboard_workbook(board: Dashboard) -> bytes:
    """The dashboard as an .xlsx file: Summary, Organisations, Forecast and the composition
    of admissions (form "Biểu 2"). Runs no query."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = sheet_title(_("Summary"))
    write_summary(summary, board)
    write_organisations(workbook.create_sheet(sheet_title(_("Organisations"))), board)
    write_forecast(workbook.create_sheet(sheet_title(_("Forecast"))), board)
    write_composition(workbook.create_sheet(sheet_title(_("Composition (Biểu 2)"))), board)
    workbook.properties.title = safe_text(
        _("Party member development %(year)s as of %(day)s")
        % {"year": board.year, "day": board.as_of.strftime("%d/%m/%Y")}
    )
    workbook.properties.creator = safe_text(committee_title(board.committee))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
