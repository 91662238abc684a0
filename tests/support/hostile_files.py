"""The hostile roster files of the upload threat model, built byte for byte as an attacker
would (shared by the tests and ``benchmarks/hostile_files.py``):

- ``far_cell_xlsx``: a 5 KB workbook with one cell at XFD1048576;
- ``last_row_xlsx``: a 2 KB workbook with one cell in row 1,048,576;
- ``bomb_xlsx``: a workbook whose sheet unpacks to about 195 MB at a ratio near 63, below
  the old zip-bomb ratio limit of 200;
- ``flood_csv``: a CSV of 230,000 rows, just under the 10 MB upload limit;
- ``forged_size_xlsx``: a workbook whose sheet's declared size is smaller than it really is;
- ``macro_xlsm``: a macro-enabled workbook (.xlsm), to be uploaded under an .xlsx name.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile

import openpyxl

HEADER = ["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày sinh", "Ngày vào Đảng", "Chi bộ"]


def _saved(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def far_cell_xlsx() -> bytes:
    """A roster header and one more cell at XFD1048576, the last cell of a sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet["XFD1048576"] = "x"
    return _saved(book)


def last_row_xlsx() -> bytes:
    """A roster header and one more cell in row 1,048,576, the last row of a sheet."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet["A1048576"] = "x"
    return _saved(book)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="{main}"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row() -> str:
    letters = "ABCDEFG"
    cells = "".join(_inline(f"{letters[i]}1", name) for i, name in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'


def minimal_xlsx(sheet_rows: list[str], *, main: str = XLSX_MAIN) -> bytes:
    """A workbook written part by part: one sheet of ``sheet_rows`` (``<row>`` elements)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_START + "".join(sheet_rows) + SHEET_END)
    return buffer.getvalue()


def bomb_xlsx(target: int = 195 * 1024 * 1024) -> bytes:
    """A sheet of ``target`` bytes (about 195 MB) compressed at a ratio near 63: rows of
    long, nearly repeated texts (a random word in each keeps the ratio below 200). Without a
    ``<dimension>``, and its rows numbered, as Excel writes them."""
    buffer = io.BytesIO()
    generator = random.Random(13)
    filler = "Nguyễn Văn An " * 90
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=XLSX_MAIN))
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            written = sheet.write(SHEET_START.encode() + header_row().encode())
            number = 2
            while written < target - 100:
                noise = "".join(generator.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=5))
                cells = _inline(f"A{number}", number) + _inline(f"B{number}", filler + noise)
                written += sheet.write(f'<row r="{number}">{cells}</row>'.encode())
                number += 1
            sheet.write(SHEET_END.encode())
    return buffer.getvalue()


def flood_csv(rows: int = 230_000) -> bytes:
    """A CSV of ``rows`` members (9.7 MB for 230,000)."""
    lines = ["STT;Họ và tên;Số CCCD;Ngày sinh;Chi bộ"]
    for n in range(1, rows + 1):
        lines.append(f"{n};Lê An;0350{n:08d};1/1/1990;Chi bộ")
    return ("\n".join(lines) + "\n").encode()


def forged_size_xlsx(valid_rows: list[str]) -> bytes:
    """A workbook whose sheet's local and central headers declare a size smaller than the
    entry really unpacks to (``zipfile`` raises ``BadZipFile`` when it reads past it)."""
    data = bytearray(minimal_xlsx(valid_rows))
    name = b"xl/worksheets/sheet1.xml"
    # Central directory entry: signature, then the uncompressed size at offset 24.
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == name:
            size = struct.unpack_from("<I", data, central + 24)[0]
            struct.pack_into("<I", data, central + 24, size // 2)
        central = data.find(b"PK\x01\x02", central + 4)
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_length] == name:
            size = struct.unpack_from("<I", data, local + 22)[0]
            struct.pack_into("<I", data, local + 22, size // 2)
        local = data.find(b"PK\x03\x04", local + 4)
    return bytes(data)


def macro_xlsm() -> bytes:
    """A macro-enabled workbook: its main part declared as such, with a VBA project."""
    data = io.BytesIO(minimal_xlsx([header_row()], main=XLSM_MAIN))
    with zipfile.ZipFile(data, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    return data.getvalue()
