"""Files the roster reader refuses, each with the clerk's message and before anything is parsed
where it can be: a zip that is no workbook, one of too many parts or that declares more than
200 MB, an .ods without its content, a damaged part, a workbook the spreadsheet reader
cannot open; a CSV that is binary or cannot be split into fields. And what it reads anyway: a
hidden sheet never reaches the rows, a row of whole numbers under the header is furniture."""

import io
import struct
import zipfile

import pytest

from recruitment.roster import read
from recruitment.roster.read import RosterFileError
from tests.test_roster_read import TEMPLATE, with_part, workbook_bytes

pytestmark = pytest.mark.usefixtures("vietnamese")


def zip_of(parts: dict[str, bytes], *, first: tuple[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first is not None:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1])  # stored, as .ods needs
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def refusal(data: bytes, filename: str = "ds.xlsx") -> str:
    with pytest.raises(RosterFileError) as error:
        read.read(data, filename=filename)
    return str(error.value)


def test_a_file_that_starts_like_a_zip_but_is_none_is_refused():
    assert refusal(b"PK\x03\x04" + b"\x00" * 200) == "Tệp không phải là bảng tính Excel (.xlsx)."


def test_a_zip_of_more_than_1000_parts_is_refused():
    parts = {"[Content_Types].xml": b"<Types/>"}
    parts |= {f"xl/part{n}.xml": b"<a/>" for n in range(1000)}
    assert refusal(zip_of(parts)) == (
        "Bảng tính có quá nhiều thành phần, không phải là danh sách đảng viên."
    )


def declaring(data: bytes, name: str, size: int) -> bytes:
    """``data`` (a zip) whose central directory declares ``name`` to unpack to ``size`` bytes
    (what a zip bomb's header may claim), its content unchanged."""
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        name_length = struct.unpack("<H", data[start + 28 : start + 30])[0]
        if data[start + 46 : start + 46 + name_length] == name.encode():
            return data[: start + 24] + struct.pack("<I", size) + data[start + 28 :]
        start += 4
    raise AssertionError(f"{name} is not in the zip")


def test_a_workbook_declaring_more_than_100_mb_unpacked_is_refused():
    # ROSTER_MAX_UNPACKED_BYTES: 100 MB by default.
    good = workbook_bytes(TEMPLATE)
    bomb = declaring(good, "xl/worksheets/sheet1.xml", 201 * 1024 * 1024)
    assert (
        refusal(bomb) == "Tệp Excel khi giải nén sẽ chiếm 201 MB, vượt quá 100 MB; tệp bị từ chối."
    )


def test_an_ods_without_its_content_is_refused():
    ods = zip_of(
        {"META-INF/manifest.xml": b"<manifest/>"},
        first=("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    )
    assert refusal(ods, "ds.ods") == "Tệp không phải là bảng tính OpenDocument (.ods)."


def test_a_zip_that_is_not_a_workbook_is_refused():
    document = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert refusal(document) == "Tệp không phải là bảng tính Excel (.xlsx)."


def test_a_damaged_part_is_refused_naming_it():
    damaged = with_part(
        workbook_bytes(TEMPLATE), "xl/styles.xml", lambda _content: b"not XML at all"
    )
    assert refusal(damaged) == "Sổ tính bị hỏng (không đọc được xl/styles.xml)."


def test_a_workbook_the_reader_cannot_open_is_refused_in_plain_words():
    # Well-formed XML where the styles should be: the safety checks pass, the reader fails.
    unreadable = with_part(workbook_bytes(TEMPLATE), "xl/styles.xml", lambda _c: b"<a><b")
    assert refusal(unreadable).startswith("Không đọc được bảng tính: ")


def test_a_hidden_sheet_is_never_read_even_when_nobody_asks_its_name():
    data = workbook_bytes(TEMPLATE, before=[["Bảng tổng hợp"], ["Thành ủy Phủ Lý"]])
    hidden = with_part(
        data,
        "xl/workbook.xml",
        lambda content: content.replace(
            b'name="Bia" sheetId="1" state="visible"', b'name="Bia" sheetId="1" state="hidden"'
        ),
    )
    assert [name for name, _rows in read.xlsx_sheets(hidden)] == ["Danh sach"]
    names: list[str] = []
    assert [name for name, _rows in read.xlsx_sheets(hidden, hidden=names)] == ["Danh sach"]
    assert names == ["Bia"]


def test_a_csv_holding_binary_data_is_refused():
    assert (
        refusal(b"Ho va ten;So CCCD\x00\x01\n", "ds.csv") == "Tệp không phải là tệp văn bản (CSV)."
    )


def test_a_csv_field_too_long_to_read_is_refused():
    text = "Họ và tên;Số CCCD\n" + '"' + "a" * 200_000 + '";035190012345\n'
    assert refusal(text.encode(), "ds.csv").startswith("Không đọc được tệp CSV: ")


@pytest.mark.parametrize(
    ("labels", "numbers"),
    [
        ([1, 2, 3], True),  # whole numbers as a CSV or an .xls gives them
        ([1.0, 2.0, 3.0], True),
        (["(1)", "(2)", "(3)"], True),
        (["I", "II", "III"], True),
        ([1, 2], False),  # two labels: too few to number columns
        ([1, 2, 100], False),  # 100 is no column's number
        ([0, 1, 2], False),
        ([True, 2, 3], False),  # a tick box, not a number
        ([1.5, 2, 3], False),
        ([1, 2, "Nguyễn Thị Huế"], False),
    ],
)
def test_column_numbers_under_the_header(labels, numbers):
    assert read.is_column_numbers(labels) is numbers


def test_a_workbook_with_no_roster_header_on_any_sheet_says_which_columns_it_needs():
    data = workbook_bytes([["Báo cáo tổng hợp"], ["Số đảng viên", 300]])
    assert refusal(data).startswith("Không trang tính nào có dòng tiêu đề của danh sách")
