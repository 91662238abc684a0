"""What a roster file may be, checked before its content is parsed: its size, the container
(an .xlsx or .ods zip: parts, unpacked size, compression ratio, content types, no macros,
no XML entities), the extent of each sheet (rows, columns and cells, from the sheet's own
``<dimension>`` and from every row and cell reference in it) and the CSV's row count.

The limits are settings (``ROSTER_MAX_ROWS``, ``ROSTER_MAX_COLUMNS``, ``ROSTER_MAX_CELLS``,
``ROSTER_MAX_UNPACKED_BYTES``); each refusal is a ``RosterFileError`` the clerk can act on.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .errors import RosterFileError

MAX_BYTES = 10 * 1024 * 1024
#: Zip-bomb limits for an .xlsx, checked before anything is parsed.
MAX_ZIP_ENTRIES = 1000
MAX_COMPRESSION_RATIO = 200
#: Errors a damaged or forged zip raises while an entry is read (declared sizes or CRCs
#: that do not match the data, an unknown compression method, an encrypted entry).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError)
#: The main part of a workbook an .xlsx may be (a macro-enabled .xlsm or a template is not).
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: An .xls with macros holds this storage (its name in UTF-16).
XLS_MACROS = "_VBA_PROJECT".encode("utf-16-le")
#: A row or cell reference in a sheet's XML, ``<row r="12"``, ``<c r="AB12"``, however
#: written (either quote, spaces around "="), in text whose tabs and line breaks were made
#: spaces (``SPACES``): any ``r`` attribute. Only rows and cells have one; where another text
#: happens to read like one it is counted too, which can only refuse, never let through.
#: Looking for the attribute rather than the element costs about half as much on a large
#: sheet. And the sheet's declared extent, ``<dimension ref="A1:H40"``.
REFERENCE = re.compile(rb""" r *= *["']([A-Z]{0,3})(\d{1,9})["']""")
SPACES = bytes.maketrans(b"\t\r\n", b"   ")
DIMENSION = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref="(?:[^":]*:)?([A-Z]{1,3})(\d{1,9})"'
)
CHUNK = 1024 * 1024


def sheet_rows() -> int:
    """The rows a sheet may have: ``ROSTER_MAX_ROWS`` members and a tenth more for the
    titles, section rows, subtotals and footer around them."""
    return settings.ROSTER_MAX_ROWS + settings.ROSTER_MAX_ROWS // 10


def _number(value: int) -> str:
    """50000 -> '50.000' in Vietnamese, '50,000' in English."""
    return number_format(value, force_grouping=True)


def column_letters(number: int) -> str:
    """1 -> 'A', 27 -> 'AA', 16384 -> 'XFD'."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: bytes | str) -> int:
    """'A' -> 1, 'XFD' -> 16384; no letters -> 0."""
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(letter) - 64
    return number


def within_limits(rows: int, columns: int) -> bool:
    """A sheet of ``rows`` rows and ``columns`` columns is within the limits."""
    return (
        rows <= sheet_rows()
        and columns <= settings.ROSTER_MAX_COLUMNS
        and rows * columns <= settings.ROSTER_MAX_CELLS
    )


def check_extent(rows: int, columns: int, *, sheet: str) -> None:
    """Refuse a sheet that reaches beyond the limits, naming its last row and column."""
    if within_limits(rows, columns):
        return
    limit_rows, limit_columns = sheet_rows(), settings.ROSTER_MAX_COLUMNS
    cells = settings.ROSTER_MAX_CELLS
    raise RosterFileError(
        _(
            "The sheet %(sheet)s reaches row %(rows)s and column %(column)s; a roster may "
            "have at most %(members)s members (%(max_rows)s rows with its titles and totals), "
            "%(max_columns)s columns and %(max_cells)s cells. Delete what lies below or to "
            "the right of the roster (even empty but formatted cells), or split it into "
            "several files, and upload it again."
        )
        % {
            "sheet": sheet,
            "rows": _number(rows),
            "column": column_letters(columns),
            "members": _number(settings.ROSTER_MAX_ROWS),
            "max_rows": _number(limit_rows),
            "max_columns": limit_columns,
            "max_cells": _number(cells),
        }
    )


def check_member_rows(count: int) -> None:
    """Refuse a roster of more members than ``ROSTER_MAX_ROWS``."""
    if count > settings.ROSTER_MAX_ROWS:
        raise RosterFileError(
            _("The roster has more than %(limit)s members; split it into several files.")
            % {"limit": _number(settings.ROSTER_MAX_ROWS)}
        )


def check_size(data: bytes, *, limit: int | None = None) -> None:
    limit = limit or getattr(settings, "ROSTER_MAX_BYTES", MAX_BYTES)
    if len(data) > limit:
        raise RosterFileError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024)}
        )
    if not data:
        raise RosterFileError(_("The file is empty."))


def damaged(name: str) -> RosterFileError:
    return RosterFileError(
        _(
            "The workbook is damaged: its part %(part)s does not unpack to what it declares. "
            "Open it in Excel, save it again and upload the new file."
        )
        % {"part": name}
    )


def check_xlsx_container(data: bytes, *, ods: bool = False) -> None:
    """An .xlsx (or .ods) is a zip: refuse one that is not, that would unpack to far more
    than it is (entry count, declared unpacked size, compression ratio), that is not a plain
    workbook (a macro-enabled one, whatever its name), or whose parts declare XML entities;
    then each sheet's extent (``check_sheet_extent``). Nothing here builds a grid."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS:
        raise RosterFileError(_("The file is not an Excel workbook (.xlsx).")) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise RosterFileError(_("The workbook has too many parts to be a roster."))
        total = sum(entry.file_size for entry in entries)
        limit = settings.ROSTER_MAX_UNPACKED_BYTES
        if total > limit:
            raise RosterFileError(
                _("The workbook would unpack to %(size)s MB, more than %(limit)s MB; refused.")
                % {"size": round(total / 1024 / 1024), "limit": round(limit / 1024 / 1024)}
            )
        for entry in entries:
            if (
                entry.compress_size
                and entry.file_size / entry.compress_size > MAX_COMPRESSION_RATIO
            ):
                raise RosterFileError(_("The workbook is compressed suspiciously well; refused."))
        names = {entry.filename for entry in entries}
        if ods:
            check_ods_type(archive, names)
        else:
            check_xlsx_type(archive, names)
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels", ".vml")):
                check_xml_prolog(archive, entry.filename)
        if not ods:
            titles = sheet_titles(archive)
            for name in sorted(names):
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    check_sheet_extent(archive, name, titles.get(name))


def _read_part(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        with archive.open(name) as stream:
            return stream.read(limit)
    except ZIP_ERRORS:
        raise damaged(name) from None


def check_xlsx_type(archive: zipfile.ZipFile, names: set[str]) -> None:
    """A plain workbook: its content types name the main part of an .xlsx; a macro-enabled
    workbook (.xlsm, .xlsb, a template) or one holding a VBA project is refused."""
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise RosterFileError(_("The file is not an Excel workbook (.xlsx)."))
    types = _read_part(archive, "[Content_Types].xml", 1024 * 1024)
    if b"macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise RosterFileError(
            _(
                "The workbook contains macros (an .xlsm file); macros are never accepted. "
                "Save it as an Excel Workbook (.xlsx) and upload that file."
            )
        )
    if XLSX_MAIN not in types:
        raise RosterFileError(_("The file is not an Excel workbook (.xlsx)."))


def check_ods_type(archive: zipfile.ZipFile, names: set[str]) -> None:
    """An OpenDocument spreadsheet: its ``mimetype`` says so, and it has a ``content.xml``."""
    if "content.xml" not in names or "mimetype" not in names:
        raise RosterFileError(_("The file is not an OpenDocument spreadsheet (.ods)."))
    if _read_part(archive, "mimetype", 200).strip() != ODS_MIMETYPE:
        raise RosterFileError(_("The file is not an OpenDocument spreadsheet (.ods)."))
    if any(name.lower().startswith("basic/") for name in names):
        raise RosterFileError(
            _("The spreadsheet contains macros; macros are never accepted. Save it without them.")
        )


def check_xls(data: bytes) -> None:
    """An Excel 97–2003 workbook (.xls) with a VBA project is refused (macros)."""
    if XLS_MACROS in data:
        raise RosterFileError(
            _(
                "The workbook contains macros; macros are never accepted. Save it as an Excel "
                "Workbook (.xlsx) and upload that file."
            )
        )


def check_xml_prolog(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse an XML part that declares a DTD or entities (billion laughs, external
    entities). defusedxml parses the part up to its root element, where any DTD must already
    have appeared, so the cost does not depend on the part's size. Spreadsheet parts never
    need a DTD."""
    try:
        with archive.open(name) as stream:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                return
    except DefusedXmlException:
        raise RosterFileError(
            _("The workbook declares XML entities (%(part)s); refused.") % {"part": name}
        ) from None
    except ParseError:
        raise RosterFileError(
            _("The workbook is damaged (%(part)s cannot be read).") % {"part": name}
        ) from None
    except ZIP_ERRORS:
        raise damaged(name) from None


def sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """The sheets' names as the clerk sees them, by part ('xl/worksheets/sheet1.xml' ->
    'Danh sách'); empty when the workbook does not say."""
    try:
        book = fromstring(_read_part(archive, "xl/workbook.xml", 1024 * 1024))
        rels = fromstring(_read_part(archive, "xl/_rels/workbook.xml.rels", 1024 * 1024))
    except (RosterFileError, ParseError, DefusedXmlException, KeyError):
        return {}
    targets = {
        rel.get("Id"): "xl/" + rel.get("Target", "").removeprefix("/xl/").removeprefix("/")
        for rel in rels
    }
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {
        targets[sheet.get(relation)]: sheet.get("name", "")
        for sheet in book.iter()
        if sheet.tag.endswith("}sheet") and sheet.get(relation) in targets
    }


@functools.lru_cache(maxsize=8)
def _long_references(digits: int, letters: int) -> re.Pattern:
    """The references of a row of ``digits`` digits or more, or of a column of ``letters``
    letters or more: (letters, digits) twice, one pair empty."""
    return re.compile(
        rb""" r *= *["'](?:([A-Z]{0,3})(\d{%d,9})|([A-Z]{%d,3})(\d{1,9}))["']""" % (digits, letters)
    )


def _scan_extent(archive: zipfile.ZipFile, name: str, sheet: str, *, exact: bool) -> bool:
    """The sheet part read in chunks of 1 MB, its ``<dimension>`` and references checked
    (``check_sheet_extent``). ``exact``: every reference read, and the sheet refused naming
    its very last row and column. Otherwise only the references as long as the limits' (rows
    of as many digits, columns of as many letters), the shorter ones taken at the largest
    such a reference can be: within the limits, False as soon as that bound is not."""
    limit_rows, limit_columns = sheet_rows(), settings.ROSTER_MAX_COLUMNS
    digits, letters = len(str(limit_rows)), len(column_letters(limit_columns))
    pattern = REFERENCE if exact else _long_references(digits, letters)
    # The largest row and column of a shorter reference: 9,999 for five digits, Z for two
    # letters (both below the limits, which have as many digits and letters).
    last_row = 0 if exact else 10 ** (digits - 1) - 1
    last_column = 0 if exact else column_number("Z" * (letters - 1))
    tail = b""
    before_data = True  # the <dimension> comes before the <sheetData>
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            text = (tail + chunk).translate(SPACES)
            if before_data and (dimension := DIMENSION.search(text)):
                check_extent(int(dimension[2]), column_number(dimension[1]), sheet=sheet)
            before_data = before_data and b"sheetData" not in text
            # A roster's chunk names ~20 columns and ~1,000 rows in ~20,000 references:
            # each distinct one is converted once.
            found = pattern.findall(text)
            if exact:
                letters_found, rows_found = zip(*found, strict=True) if found else ((), ())
            else:
                letters_found = [first or second for first, _r, second, _d in found]
                rows_found = [row or other for _l, row, _s, other in found]
            last_row = max(last_row, max(map(int, set(rows_found)), default=0))
            last_column = max(last_column, max(map(column_number, set(letters_found)), default=0))
            if exact:
                check_extent(last_row, last_column, sheet=sheet)
            elif not within_limits(last_row, last_column):
                return False
            cut = text.rfind(b"<")
            tail = text[cut:] if cut >= 0 and len(text) - cut < 512 else b""
    return True


def check_sheet_extent(archive: zipfile.ZipFile, name: str, title: str | None = None) -> None:
    """The sheet's extent, before any reader builds its grid: the ``<dimension>`` it
    declares, and the furthest row and column any row or cell of it names (a reader places a
    cell by its reference, whatever the dimension says). The part is read in chunks of 1 MB
    (its whole size is bounded by ``ROSTER_MAX_UNPACKED_BYTES``): first only for the
    references as long as the limits (a 10,000-row roster names ~500 of its ~190,000), and
    only where those could reach beyond the limits, for every reference, naming the last
    row and column in the refusal."""
    sheet = title or name.rsplit("/", 1)[-1].removesuffix(".xml")
    try:
        if not _scan_extent(archive, name, sheet, exact=False):
            _scan_extent(archive, name, sheet, exact=True)
    except ZIP_ERRORS:
        raise damaged(name) from None


def check_csv_rows(text: str) -> None:
    """A CSV of more lines than a roster may have is refused before it is parsed."""
    lines = text.count("\n") + 1
    if lines > sheet_rows():
        raise RosterFileError(
            _(
                "The CSV file has %(lines)s lines; a roster may have at most %(members)s "
                "members (%(limit)s lines with its titles and totals). Split it into several "
                "files."
            )
            % {
                "lines": _number(lines),
                "members": _number(settings.ROSTER_MAX_ROWS),
                "limit": _number(sheet_rows()),
            }
        )
