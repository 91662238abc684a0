"""Reading a roster file into rows: the file checked for safety, the header found below the
title rows (one row or two merged rows), headers matched to the columns' accepted headers
(``columns.COLUMNS``) whatever their case, spacing, Unicode form or diacritics,
blank/"STT"/footer rows skipped.

Values are returned as the file holds them (text, numbers, dates); ``check`` interprets them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from ..text import search_key
from .columns import READ_COLUMNS, REQUIRED, given, required_header
from .encodings import legacy_encoding, looks_tcvn3, sheet_from_legacy
from .errors import RosterFileError
from .limits import (
    check_csv_rows,
    check_extent,
    check_member_rows,
    check_size,
    check_xls,
    check_xlsx_container,
)

__all__ = ["Roster", "RosterFileError", "check_size", "read"]

#: How far down the header may be (below title rows).
HEADER_SEARCH_ROWS = 30

#: Words that start a footer row (signatures, place and date of signing).
FOOTER_STARTS = ["nguoi lap", "nguoi lap bieu", "t/m", "tm.", "bi thu", "xac nhan", "ghi chu"]


def header_key(text: object) -> str:
    """'  HỌ  VÀ TÊN ' / NFD 'Họ và tên' / 'Ho va ten:' -> 'ho va ten'."""
    key = search_key(unicodedata.normalize("NFC", str(text or "")))
    for mark in ":*(),.":
        key = key.replace(mark, " ")
    key = " ".join(key.split())
    # "Ngày tháng năm" over "Sinh" / "Vào Đảng" reads as "Ngày sinh" / "Ngày vào Đảng".
    return key.replace("ngay thang nam ", "ngay ")


_ALIASES = {header_key(name): column.name for column in READ_COLUMNS for name in column.headers}


@dataclass
class Roster:
    """A roster as read: which column holds which field, the data rows, and the file's
    SHA-256 (which the import history keeps)."""

    sheet: str
    header_row: int  # 1-based row number of the (last) header row
    columns: dict[str, int]  # field -> 0-based column index
    ignored: list[str]  # headers that match no field
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # (row number, values)
    sha256: str = ""
    hidden_sheets: list[str] = field(default_factory=list)  # ignored, as the clerk cannot see them
    titles: list[str] = field(default_factory=list)  # the texts above the header
    #: Legacy encodings met and converted: encoding name -> how many texts.
    converted: dict[str, int] = field(default_factory=dict)
    #: The rows checked as they were read, and what against (``plan.CheckContext``); None
    #: when they were not (``service.roster_read``).
    checked: list | None = None
    context: object = None


def is_ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet (.ods): a zip whose first entry names its type."""
    return (
        data[:4] == b"PK\x03\x04"
        and b"application/vnd.oasis.opendocument.spreadsheet" in (data[:200])
    )


def xlsx_sheets(
    data: bytes, *, hidden: list[str] | None = None, kind: str = "xlsx"
) -> Iterator[tuple[str, SheetRows]]:
    """The visible sheets' rows, one sheet at a time (a sheet after the roster's is never
    parsed), of an .xlsx, .xls (Excel 97–2003) or .ods; numbers come back as floats, dates as
    dates (either date system). The hidden sheets' names go to ``hidden``, unread."""
    if kind == "xls":  # an .xls is no zip; its size is bounded by the upload's
        check_xls(data)
    else:
        check_xlsx_container(data, ods=kind == "ods")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = workbook.sheets_metadata
    except Exception as error:  # the reader's own errors name no row; say it plainly
        raise RosterFileError(
            _("The workbook cannot be read: %(error)s") % {"error": error}
        ) from None
    names = []
    for sheet in sheets:
        if sheet.visible == SheetVisibleEnum.Visible:
            names.append(sheet.name)
        elif hidden is not None:
            hidden.append(sheet.name)
    for name in names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            # The rows from A1: the rows are only made within the limits.
            last_row, last_column = sheet.end or (-1, -1)
            check_extent(last_row + 1, last_column + 1, sheet=name)
            rows = SheetRows(sheet, sheet_merges(sheet), last_row + 1)
        except RosterFileError:
            raise
        except Exception as error:
            raise RosterFileError(
                _("The workbook cannot be read: %(error)s") % {"error": error}
            ) from None
        yield name, rows


def sheet_merges(sheet) -> list:
    """The sheet's merged ranges, ((first row, first column), (last row, last column)), where
    the format says (an .xlsx does; otherwise none)."""
    try:
        return sheet.merged_cell_ranges or []
    except Exception:  # a format without merge information
        return []


class SheetRows:
    """A sheet's rows from A1, made one at a time from the reader's copy of the cells
    (python-calamine's ``iter_rows``) as they are first asked for, rather than as a whole
    grid of Python values, which for a large roster took as much memory again as the
    reader's copy (docs/testing.md). A list to the reading: ``len``, an index, a slice from
    the top; a row read may be let go of by setting its index (``_data_rows``).

    A value merged down a column (a cell's name over its members' rows) is given to every
    row of the merge, as the clerk sees it. Merges across columns (titles, "Ngày tháng năm"
    over its dates) are left as they are: the header reading knows them."""

    def __init__(self, sheet, merges: list, height: int):
        self._sheet = sheet
        self._source = sheet.iter_rows()
        # The reader's rows start at the first column used; the reading's start at A.
        first_column = sheet.start[1] if sheet.start else 0
        self._pad = [""] * first_column
        self._height = height
        self._rows: list[list[object]] = []
        #: Merges down one column, by their first row: (column, last row).
        self._tops: dict[int, list[tuple[int, int]]] = {}
        for (first_row, first_column_), (last_row, last_column) in merges:
            if first_column_ == last_column and last_row > first_row:
                self._tops.setdefault(first_row, []).append((first_column_, last_row))
        #: The merges the next row may be in: column -> (value, last row).
        self._down: dict[int, tuple[object, int]] = {}

    def __len__(self) -> int:
        return self._height

    def _make(self, index: int) -> None:
        """The rows up to ``index`` made (a reader that gives fewer: blank rows)."""
        rows = self._rows
        while len(rows) <= index:
            row = next(self._source, None)
            row = [] if row is None else (self._pad + row if self._pad else row)
            self._fill(len(rows), row)
            rows.append(row)

    def _fill(self, index: int, row: list[object]) -> None:
        down = self._down
        for column, (value, last) in list(down.items()):
            if index > last:
                del down[column]
            elif column < len(row) and _is_blank(row[column]):
                row[column] = value
        for column, last in self._tops.get(index, ()):
            down[column] = (row[column] if column < len(row) else None, last)

    def __getitem__(self, index):
        if isinstance(index, slice):
            stop = index.indices(self._height)[1]
            if stop > 0:
                self._make(stop - 1)
            return self._rows[index]
        if index < 0:
            index += self._height
        if not 0 <= index < self._height:
            raise IndexError(index)
        self._make(index)
        return self._rows[index]

    def __setitem__(self, index: int, row: list[object]) -> None:
        self._rows[index] = row


def csv_rows(data: bytes) -> list[list[object]]:
    """UTF-8 (with or without BOM) or Windows-1258, normalised to NFC; ; or , separated."""
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes every byte
        raise RosterFileError(_("The CSV file is neither UTF-8 nor Windows-1258."))
    text = unicodedata.normalize("NFC", text)
    if text.count("\x00") > len(text) // 100:  # binary, or UTF-16; a stray NUL is the row's
        raise RosterFileError(_("The file is not a text (CSV) file."))
    check_csv_rows(text)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
    except csv.Error as error:
        raise RosterFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from None


def _delimiter(text: str) -> str:
    """The separator: what the sniffer finds, else the commonest of ; , and tab (title rows
    above the header have none, which can defeat the sniffer)."""
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return max(";,\t", key=sample.count)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_header(rows: list[list[object]]) -> tuple[int, dict[str, int], list[str]] | None:
    """(index of the last header row, field -> column, ignored headers), or None.

    A two-row header (a merged group label above, e.g. "Ngày tháng năm" over "Sinh" and
    "Vào Đảng") is read by also trying each column's label joined to the one above it."""
    best = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        above = rows[index - 1] if index > 0 else []
        columns: dict[str, int] = {}
        ignored: list[str] = []
        last_above = ""
        for column, cell in enumerate(row):
            upper = above[column] if column < len(above) else None
            if not _is_blank(upper):
                last_above = str(upper)
            candidates = [header_key(cell)]
            if last_above and not _is_blank(cell):
                candidates.append(header_key(f"{last_above} {cell}"))
            if _is_blank(cell) and not _is_blank(upper):
                candidates.append(header_key(upper))
            matched = next((_ALIASES[c] for c in candidates if c in _ALIASES), None)
            label = cell if not _is_blank(cell) else upper
            if matched and matched not in columns:
                columns[matched] = column
            elif not _is_blank(label) and header_key(label) not in ("stt", "tt", "so tt"):
                ignored.append(str(label).strip())
        if len(columns) >= 2 and (best is None or len(columns) > len(best[1])):
            best = (index, columns, ignored)
    return best


#: A label numbering the columns under the header: (1), 1, I, IV, A, (b).
COLUMN_NUMBER = re.compile(r"\(?(\d{1,2}|[ivxlc]{1,7}|[a-z])\)?\.?")
#: A section row's numbering before the cell's name: "I.", "1.", "A -", "II)".
SECTION_NUMBER = re.compile(r"^\s*(\d{1,2}|[IVXLC]{1,7}|[A-Z])\s*[.)/:-]\s*")
#: Words that start a subtotal row ("Cộng: 25 đồng chí", "Tổng cộng", "Tổng số").
SUBTOTAL_STARTS = ("cong", "tong cong", "tong so")


def filled(row: list[object]) -> list[object]:
    """A row's non-blank values, in order."""
    return [
        value
        for value in row
        if value is not None and value != "" and not (isinstance(value, str) and value.isspace())
    ]


def is_column_numbers(labels: list[object]) -> bool:
    """A row (its ``filled`` values) numbering the columns under the header ("(1) (2) …
    (14)", "1 2 … 14", "I II III", "A B C"): three or more labels, each a small number,
    numeral or letter."""
    if len(labels) < 3:
        return False
    for label in labels:
        if isinstance(label, float) and label.is_integer() and 0 < label < 100:
            continue
        if isinstance(label, int) and not isinstance(label, bool) and 0 < label < 100:
            continue
        if not (isinstance(label, str) and COLUMN_NUMBER.fullmatch(label.strip().lower())):
            return False
    return True


def section_cell(labels: list[object]) -> str | None:
    """The cell a section row (its ``filled`` values) groups the rows below under ("I. Chi
    bộ Tổ dân phố số 3", "Chi bộ Trường Tiểu học Lê Hồng Phong"): one text naming a cell."""
    if len(labels) != 1 or not isinstance(labels[0], str):
        return None
    name = SECTION_NUMBER.sub("", labels[0].strip(), count=1).strip()
    return name if header_key(name).startswith("chi bo ") else None


def is_subtotal(labels: list[object]) -> bool:
    """A subtotal row (its ``filled`` values): "Cộng: 25 đồng chí", "Tổng cộng", "Tổng số
    đảng viên: 300"."""
    if not labels or not isinstance(labels[0], str) or len(labels) > 4:
        return False
    key = header_key(labels[0])
    return any(key == word or key.startswith(word + " ") for word in SUBTOTAL_STARTS)


def _is_footer(values: list[object]) -> bool:
    """A footer row: its first value (of ``values``, blanks included or not) starts with the
    words of a signature block."""
    first = next((value for value in values if not _is_blank(value)), None)
    return isinstance(first, str) and any(header_key(first).startswith(w) for w in FOOTER_STARTS)


#: The columns of words (gender, religion, …): the same few texts on every row, kept once.
WORD_FIELDS = frozenset(column.name for column in READ_COLUMNS if column.vocabulary is not None)
#: What a row read by ``_data_rows`` is replaced by.
RELEASED: list[object] = []
#: Rows are sent on (``emit``) this many at a time.
PART_ROWS = 1000
#: Sends a part of the rows on as they are read; None: forget those sent.
Emit = Callable[[list | None], None]


def _data_rows(
    roster: Roster, rows: list[list[object]], *, first: int, emit: Emit | None = None
) -> bool:
    """The member rows from ``rows[first]`` on into ``roster.rows``, the template's furniture
    left out: blank rows, column numbers, subtotals, the footer, and section rows, whose cell
    applies to the rows below when the file has no cell column. Whether there were any.

    Each row of ``rows`` is let go of once read, and a word repeated from row to row is kept
    once, so that a large file's cells are not held twice (peak memory: docs/testing.md).
    With ``emit``, the rows are sent on ``PART_ROWS`` at a time as they are read, and
    ``roster.rows`` is left empty."""
    sent = 0
    columns = roster.columns
    has_cell = "cell" in columns
    section = None
    words: dict[str, str] = {}
    for index in range(first, len(rows)):
        row, rows[index], offset = rows[index], RELEASED, index + 1
        values = {
            field: row[column] if column < len(row) else None for field, column in columns.items()
        }
        labels = filled(row)
        if not labels:
            continue
        if len(labels) == 1 and (cell := section_cell(labels)) is not None:
            section = cell
            continue
        if all(_is_blank(value) for value in values.values()):
            continue  # only the STT number, or text outside the roster's columns
        if isinstance(labels[0], str) and _is_footer(labels):
            break
        if is_subtotal(labels) or is_column_numbers(labels):
            continue
        if section is not None and (not has_cell or _is_blank(values.get("cell"))):
            values["cell"] = section
        for field_name, value in values.items():
            if not isinstance(value, str):
                continue
            if (kept := words.get(value)) is not None:  # a word seen before, as it was
                values[field_name] = kept
            elif not value.isascii() and looks_tcvn3(value):
                encoding, values[field_name] = legacy_encoding(value)
                roster.converted[encoding] = roster.converted.get(encoding, 0) + 1
            elif field_name in WORD_FIELDS:
                values[field_name] = words.setdefault(value, value)
        roster.rows.append((offset, values))
        if emit is not None and len(roster.rows) == PART_ROWS:
            sent += PART_ROWS
            check_member_rows(sent)
            emit(roster.rows)
            roster.rows = []
    check_member_rows(sent + len(roster.rows))
    if emit is not None and roster.rows:
        emit(roster.rows)
        roster.rows = []
    return section is not None


def _header_in_legacy(rows: list[list[object]]) -> dict[str, int]:
    """A sheet whose title or header rows were typed in TCVN3 or VNI is converted whole (its
    values were typed in the same fonts); the texts converted, by encoding."""
    for row in rows[:HEADER_SEARCH_ROWS]:
        if any(isinstance(value, str) and looks_tcvn3(value) for value in row):
            return sheet_from_legacy(rows)
    return {}


def read_rows(
    sheets: Iterable[tuple[str, list[list[object]]]], *, emit: Emit | None = None
) -> Roster:
    """The roster on the first sheet that has a header. Raises RosterFileError naming the
    missing required columns. With ``emit``, the rows are sent on as they are read
    (``_data_rows``), and forgotten (``emit(None)``) when their sheet is not the roster."""
    incomplete: RosterFileError | None = None
    for name, rows in sheets:
        found = find_header(rows)
        legacy: dict[str, int] = {}
        if found is None or not all(given(c.name, found[1]) for c in REQUIRED):
            legacy = _header_in_legacy(rows)  # a header typed in TCVN3 reads once converted
            found = find_header(rows) if legacy else found
        if found is None:
            continue
        header_index, columns, ignored = found
        roster = Roster(sheet=name, header_row=header_index + 1, columns=columns, ignored=ignored)
        roster.converted.update(legacy)
        roster.titles = [
            value.strip()
            for row in rows[:header_index]
            for value in row
            if isinstance(value, str) and value.strip()
        ][:50]
        sections = _data_rows(roster, rows, first=header_index + 1, emit=emit)
        present = {**columns, "cell": 0} if sections else columns
        missing = [required_header(c) for c in REQUIRED if not given(c.name, present)]
        if missing:  # perhaps a summary sheet: the roster may be on a later one
            if emit is not None:
                emit(None)
            incomplete = incomplete or RosterFileError(
                _("Required columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}
            )
            continue
        return roster
    if incomplete is not None:
        raise incomplete
    raise RosterFileError(
        _("No sheet has a roster header (a row with %(columns)s).")
        % {"columns": ", ".join(required_header(column) for column in REQUIRED)}
    )


#: The first bytes of an Excel 97–2003 workbook (.xls, an OLE2 compound file).
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(data: bytes, *, filename: str, emit: Emit | None = None) -> Roster:
    """Read an uploaded .xlsx, .xls, .ods or .csv (judged by its content, not only its
    name). With ``emit``, the rows are sent on as they are read (``read_rows``)."""
    check_size(data)
    name = filename.lower()
    looks_zip = data[:4] == b"PK\x03\x04"
    hidden: list[str] = []
    if data[:8] == OLE2:
        roster = read_rows(xlsx_sheets(data, hidden=hidden, kind="xls"), emit=emit)
    elif looks_zip:
        kind = "ods" if is_ods(data) else "xlsx"
        roster = read_rows(xlsx_sheets(data, hidden=hidden, kind=kind), emit=emit)
    elif name.endswith((".xlsx", ".xls", ".ods")):
        raise RosterFileError(_("The file is not an Excel workbook (.xlsx)."))
    elif name.endswith(".csv"):
        roster = read_rows([("CSV", csv_rows(data))], emit=emit)
    else:
        raise RosterFileError(_("Upload an Excel workbook (.xlsx, .xls), an .ods or a CSV file."))
    roster.sha256 = hashlib.sha256(data).hexdigest()
    roster.hidden_sheets = hidden
    return roster
