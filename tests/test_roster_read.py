"""Reading roster files as organisations keep them: real .xlsx and .csv files built here."""

import io
import unicodedata
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from recruitment.roster import cleaning, read
from recruitment.roster.read import RosterFileError


def workbook_bytes(rows, *, merges=(), epoch=None, before=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if before is not None:
        sheet.title = "Bia"
        for row in before:
            sheet.append(row)
        sheet = book.create_sheet("Danh sach")
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    if epoch is not None:
        book.epoch = epoch
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TEMPLATE = [
    ["ĐẢNG BỘ PHƯỜNG HAI BÀ TRƯNG"],
    ["DANH SÁCH ĐẢNG VIÊN NĂM 2024"],
    [],
    ["STT", "Họ và tên", "Giới tính", "Số CCCD", "Ngày tháng năm", None, None, "Chi bộ", "Ghi chú"],
    [None, None, None, None, "Sinh", "Vào Đảng", "Chính thức", None, None],
    [
        1,
        "Nguyễn Thị Huế",
        "Nữ",
        "035190012345",
        date(1990, 5, 17),
        "15/03/2015",
        date(2016, 3, 15),
        "Chi bộ số 1",
        "",
    ],
    [
        2,
        "Trần Văn An",
        "Nam",
        35088012345,
        date(1988, 1, 2),
        date(2010, 6, 1),
        date(2011, 6, 1),
        "Chi bộ số 2",
        "",
    ],
    [3],
    [None, None, None, None, None, None, None, None, None],
    ["Người lập biểu", None, None, None, None, None, None, "T/M ĐẢNG ỦY"],
    [None, "Lê Văn Bình"],
]


def test_government_template_with_titles_two_row_header_and_footer():
    data = workbook_bytes(TEMPLATE, merges=["A1:I1", "A2:I2", "E4:G4", "A4:A5", "B4:B5"])
    roster = read.read(data, filename="danh-sach.xlsx")
    assert roster.header_row == 5
    assert set(roster.columns) == {
        "full_name",
        "gender",
        "citizen_id",
        "date_of_birth",
        "decision_date",
        "official_date",
        "cell",
    }
    assert roster.ignored == ["Ghi chú"]
    assert [number for number, _ in roster.rows] == [6, 7]
    first = dict(roster.rows[0][1])
    assert first["full_name"] == "Nguyễn Thị Huế"
    assert cleaning.as_date(first["date_of_birth"]) == date(1990, 5, 17)
    assert first["decision_date"] == "15/03/2015"
    # The citizen ID Excel stored as a number comes back as a number (leading zero lost).
    assert roster.rows[1][1]["citizen_id"] == 35088012345


def test_headers_match_whatever_their_case_spacing_unicode_form_or_diacritics():
    headers = [
        unicodedata.normalize("NFD", "HỌ  VÀ  TÊN"),
        "so cccd",
        " Giới Tính ",
        "NGAY SINH",
        "Chi bộ:",
        unicodedata.normalize("NFD", "Ngày quyết định kết nạp"),
    ]
    data = workbook_bytes(
        [headers, ["A", "035190012345", "Nữ", date(1990, 1, 1), "CB", date(2015, 1, 1)]]
    )
    roster = read.read(data, filename="x.xlsx")
    assert roster.columns == {
        "full_name": 0,
        "citizen_id": 1,
        "gender": 2,
        "date_of_birth": 3,
        "cell": 4,
        "decision_date_given": 5,
    }


def test_missing_required_column_is_named():
    data = workbook_bytes([["Họ và tên", "Số CCCD", "Giới tính", "Chi bộ"], ["A", "1", "Nam", "B"]])
    with pytest.raises(RosterFileError) as error:
        read.read(data, filename="x.xlsx")
    assert str(error.value) == (
        "Thiếu các cột bắt buộc: Ngày sinh, Ngày vào Đảng / Ngày quyết định kết nạp."
    )


def test_first_sheet_without_a_header_is_passed_over():
    data = workbook_bytes(TEMPLATE[3:7], before=[["Bìa"], ["Thành ủy Phủ Lý"]])
    roster = read.read(data, filename="x.xlsx")
    assert roster.sheet == "Danh sach" and len(roster.rows) == 2


def test_dates_of_a_1904_date_system_workbook_are_read_as_dates():
    data = workbook_bytes(TEMPLATE[3:7], epoch=CALENDAR_MAC_1904)
    roster = read.read(data, filename="x.xlsx")
    assert cleaning.as_date(roster.rows[0][1]["date_of_birth"]) == date(1990, 5, 17)
    assert cleaning.as_date(roster.rows[1][1]["decision_date"]) == date(2010, 6, 1)
    assert cleaning.as_date(datetime(2010, 6, 1, 0, 0)) == date(2010, 6, 1)


def test_zip_bomb_is_refused_before_parsing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    with pytest.raises(RosterFileError) as error:
        read.read(buffer.getvalue(), filename="bom.xlsx")
    assert "nén" in str(error.value) or "compressed" in str(error.value)


def with_part(data: bytes, name: str, replace) -> bytes:
    """The workbook ``data`` with its part ``name`` rewritten by ``replace``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(entry, replace(content) if entry.filename == name else content)
    return buffer.getvalue()


def without_declaration(content: bytes) -> bytes:
    return content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content


LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'.encode()
        for n in range(1, 10)
    )
    + b"]>"
)


def test_billion_laughs_workbook_is_refused_by_defusedxml():
    good = workbook_bytes(TEMPLATE)
    assert read.read(good, filename="ds.xlsx").rows  # the same workbook, unharmed, reads

    def laugh(content: bytes) -> bytes:
        body = without_declaration(content)
        return LAUGHS + body.replace(b"<sheetData>", b"<sheetData><!-- &lol9; -->", 1)

    bomb = with_part(good, "xl/worksheets/sheet1.xml", laugh)
    with pytest.raises(RosterFileError) as error:
        read.read(bomb, filename="ds.xlsx")
    assert "thực thể XML" in str(error.value) and "sheet1.xml" in str(error.value)


def test_external_entity_workbook_is_refused():
    good = workbook_bytes(TEMPLATE)

    def external(content: bytes) -> bytes:
        return (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            + without_declaration(content)
        )

    with pytest.raises(RosterFileError):
        read.read(with_part(good, "xl/workbook.xml", external), filename="ds.xlsx")


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused():
    with pytest.raises(RosterFileError):
        read.read(b"Ho va ten;So CCCD\nA;1\n", filename="x.xlsx")
    with pytest.raises(RosterFileError):
        read.read(b"MZ\x90\x00binary", filename="x.exe")


def test_size_limit():
    with pytest.raises(RosterFileError):
        read.check_size(b"x" * 11, limit=10)
    with pytest.raises(RosterFileError):
        read.check_size(b"")


CSV_TEXT = (
    "Họ và tên;Số CCCD;Giới tính;Ngày sinh;Chi bộ;Ngày quyết định kết nạp\n"
    "Nguyễn Thị Huế;035190012345;Nữ;17/05/1990;Chi bộ số 1;15/03/2015\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        CSV_TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8"),
        unicodedata.normalize("NFD", CSV_TEXT).encode("utf-8"),
    ],
)
def test_csv_in_utf8_with_or_without_bom_and_nfd_is_read_as_nfc(encoded):
    roster = read.read(encoded, filename="ds.csv")
    values = roster.rows[0][1]
    assert values["full_name"] == "Nguyễn Thị Huế"
    assert unicodedata.is_normalized("NFC", values["full_name"])
    assert values["citizen_id"] == "035190012345"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with circumflex, breve or horn precomposed, the
    tone marks as separate combining characters."""
    encoded = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(mark for mark in parts[1:] if mark in TONE_MARKS)
            others = "".join(mark for mark in parts[1:] if mark not in TONE_MARKS)
            encoded += (unicodedata.normalize("NFC", parts[0] + others) + tones).encode("cp1258")
    return encoded


def test_csv_in_windows_1258_is_read():
    encoded = cp1258(CSV_TEXT)
    assert encoded.decode("cp1258") != CSV_TEXT  # tone marks stored apart
    roster = read.read(encoded, filename="ds.csv")
    assert roster.rows[0][1]["full_name"] == "Nguyễn Thị Huế"
