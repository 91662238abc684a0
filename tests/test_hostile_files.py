"""Hostile roster files: each is refused (or read) with a Vietnamese message, within the
limits, by a child process whose death never reaches the web worker (here, the test run).
Peak memory and time per file are measured by ``benchmarks/hostile_files.py``."""

import io
import os
import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from python_calamine import CalamineWorkbook

from recruitment.roles import Role
from recruitment.roster.limits import check_xlsx_container
from recruitment.roster.read import RosterFileError
from recruitment.roster.sandbox import run_limited
from recruitment.roster.service import roster_read
from tests.support import hostile_files
from tests.test_roster_import import person, roster_file
from tests.test_roster_pages import upload

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture
def clerk(make_user, organisation, client):
    user = make_user(Role.GRASSROOTS_STAFF, organisation=organisation)
    client.force_login(user)
    return user


@pytest.fixture(scope="module")
def bomb():
    return hostile_files.bomb_xlsx()


def refusal(client, data, organisation, name="ds.xlsx") -> str:
    """The import page's answer to an upload: the page again (not a redirect to a preview,
    not a 500), with the error shown under the file field."""
    response = client.post(
        reverse("recruitment:roster-import"),
        {"organisation": organisation.pk, "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 200
    return " ".join(response.context["form"].errors["file"])


def test_a_cell_at_xfd1048576_is_refused_naming_the_row_and_column(client, clerk, organisation):
    data = hostile_files.far_cell_xlsx()
    assert len(data) < 6 * 1024
    message = refusal(client, data, organisation)
    assert "Trang tính Sheet kéo dài đến dòng 1.048.576, cột XFD" in message
    assert "tối đa 50.000 đảng viên (55.000 dòng kể cả tiêu đề và dòng cộng), 100 cột" in message


def test_a_cell_in_the_last_row_is_refused(client, clerk, organisation):
    message = refusal(client, hostile_files.last_row_xlsx(), organisation)
    assert "kéo dài đến dòng 1.048.576, cột G" in message


def test_a_cell_beyond_a_false_dimension_is_refused(client, clerk, organisation):
    """The sheet declares A1:G2, but a cell says it is in row 900,000: the reader would place
    it there, so the cell's reference counts, not the declaration."""
    rows = [
        hostile_files.header_row().replace("<row", '<dimension ref="A1:G2"/><row', 1),
        '<row r="2"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row>',
    ]
    message = refusal(client, hostile_files.minimal_xlsx(rows), organisation)
    assert "kéo dài đến dòng 900.000, cột G" in message


@pytest.mark.parametrize(
    "cell",
    [
        "<c r='A900000' t='inlineStr'><is><t>x</t></is></c>",
        '<c r = "A900000" t="inlineStr"><is><t>x</t></is></c>',
        '<c\n\tr="A900000" t="inlineStr"><is><t>x</t></is></c>',
        "<c t=\"inlineStr\"\r\nr='A900000'><is><t>x</t></is></c>",
    ],
    ids=["single quotes", "spaces around =", "line break and tab", "after another attribute"],
)
def test_a_far_reference_however_written_is_refused_before_the_reader_runs(cell):
    """XML lets an attribute be written with either quote, spaces around "=" and any white
    space before it; the reader places the cell all the same, so the scan that runs before
    it (``check_xlsx_container``) finds the reference in every form."""
    rows = [hostile_files.header_row(), f'<row r="2">{cell}</row>']
    with pytest.raises(RosterFileError, match="dòng 900.000, cột G"):
        check_xlsx_container(hostile_files.minimal_xlsx(rows))


def test_cells_without_references_are_counted_once_the_reader_placed_them(
    client, clerk, organisation
):
    """Cells may omit their reference; the reader places them one after another. The
    scan before the reader cannot see them, so the grid's extent is checked again once the
    reader has placed them, before any Python value is made: 150 columns are refused."""
    cells = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(150))
    rows = [hostile_files.header_row(), f'<row r="2">{cells}</row>']
    message = refusal(client, hostile_files.minimal_xlsx(rows), organisation)
    assert "kéo dài đến dòng 2, cột ET" in message


def test_the_limits_are_settings(client, clerk, organisation, settings):
    settings.ROSTER_MAX_ROWS = 3  # a tenth of 3 more rows for titles and totals: none
    data = roster_file(person(1), person(2))  # two title rows, the header, two members
    message = refusal(client, data, organisation)
    assert "kéo dài đến dòng 5, cột I" in message
    assert "tối đa 3 đảng viên (3 dòng kể cả tiêu đề và dòng cộng)" in message
    settings.ROSTER_MAX_ROWS, settings.ROSTER_MAX_COLUMNS = 50_000, 8
    assert "dòng cộng), 8 cột" in refusal(client, data, organisation)
    settings.ROSTER_MAX_COLUMNS, settings.ROSTER_MAX_CELLS = 100, 44
    assert "và 44 ô" in refusal(client, data, organisation)


def test_a_sheet_within_the_limits_by_its_exact_extent_is_read(
    client, clerk, organisation, settings
):
    """The scan first takes every reference shorter than the limits' at the largest it can be
    (row 9,999, column Z): 259,974 cells, beyond a limit of 100. The sheet itself reaches
    row 5 and column I, 45 cells: read, after a scan of every reference."""
    settings.ROSTER_MAX_CELLS = 100
    data = roster_file(person(1), person(2))
    assert upload(client, data, organisation).status_code == 302
    settings.ROSTER_MAX_CELLS = 44
    assert "kéo dài đến dòng 5, cột I" in refusal(client, data, organisation)


def test_the_member_rows_are_capped_apart_from_the_titles_and_totals(
    client, clerk, organisation, settings
):
    """A limit of 41 members allows 45 sheet rows: two title rows, the header and 41
    members are read; with a limit of 40 (44 sheet rows) the 41 members are refused."""
    settings.ROSTER_MAX_ROWS = 41
    members = roster_file(*(person(n) for n in range(1, 42)))
    assert upload(client, members, organisation).status_code == 302
    settings.ROSTER_MAX_ROWS = 40
    assert refusal(client, members, organisation) == (
        "Danh sách có hơn 40 đảng viên; hãy chia thành nhiều tệp."
    )


def test_a_zip_bomb_within_the_ratio_limit_is_refused_by_its_unpacked_size(
    client, clerk, organisation, bomb
):
    assert 3_000_000 < len(bomb) < 3_300_000  # 3.1 MB, ratio 65, under the ratio limit
    message = refusal(client, bomb, organisation)
    assert "khi giải nén sẽ chiếm 195 MB, vượt quá 100 MB" in message


def test_a_zip_bomb_let_past_the_size_limit_is_refused_by_its_rows(settings, bomb):
    settings.ROSTER_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
    # Refused as soon as the part read so far goes past row 55,000, before its end.
    refused = r"kéo dài đến dòng 5\d\.\d{3}, cột G; .* 50\.000 đảng viên \(55\.000 dòng"
    with pytest.raises(RosterFileError, match=refused):
        roster_read(data=bomb, file_name="ds.xlsx")


def test_a_zip_bomb_let_past_every_limit_stops_the_child_not_the_worker(settings, bomb):
    """With the size and row limits lifted, the reader needs more memory than the child may
    take: the child dies, the worker says why and goes on."""
    settings.ROSTER_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
    settings.ROSTER_MAX_ROWS = settings.ROSTER_MAX_CELLS = 10_000_000
    settings.ROSTER_PARSE_MEMORY_BYTES = 64 * 1024 * 1024
    with pytest.raises(RosterFileError) as error:
        roster_read(data=bomb, file_name="ds.xlsx")
    assert "Việc đọc tệp cần hơn 64 MB bộ nhớ nên đã bị dừng" in str(error.value)
    assert roster_read(data=roster_file(person(1)), file_name="ds.xlsx").rows  # still working


def read_far_cell_unchecked(data: bytes):
    """The reader given the far-cell file with no check before it: it aborts the process
    (SIGABRT) when it allocates the grid."""
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_a_reader_that_aborts_kills_only_the_child():
    with pytest.raises(RosterFileError, match="cần hơn 192 MB bộ nhớ"):
        run_limited(read_far_cell_unchecked, hostile_files.far_cell_xlsx())
    assert run_limited(sum, [1, 2]) == 3  # the process that forked it goes on


def test_a_file_that_takes_too_long_is_stopped(settings):
    settings.ROSTER_PARSE_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(RosterFileError, match="mất hơn 1 giây"):
        run_limited(time.sleep, 30)
    assert time.monotonic() - started < 10


def test_the_child_runs_below_the_pages_priority_within_its_limits():
    """The child's own view of itself: a lower priority than the worker's, an address-space
    limit 192 MB above the worker's size, a processor-time limit, no core file."""
    worker = os.nice(0)
    assert run_limited(os.nice, 0) == worker + 10
    size = virtual_size()
    soft, hard = run_limited(resource.getrlimit, resource.RLIMIT_AS)
    assert soft == hard
    assert abs(soft - (size + 192 * 1024 * 1024)) < 32 * 1024 * 1024
    assert run_limited(resource.getrlimit, resource.RLIMIT_CPU) == (60, 61)
    assert run_limited(resource.getrlimit, resource.RLIMIT_CORE) == (0, 0)


def virtual_size() -> int:
    """This process's virtual memory size in bytes, as /proc says."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def test_a_csv_of_230000_rows_is_refused_before_it_is_parsed(client, clerk, organisation):
    data = hostile_files.flood_csv()
    assert 9 * 1024 * 1024 < len(data) < 10 * 1024 * 1024
    message = refusal(client, data, organisation, name="ds.csv")
    assert message.startswith(
        "Tệp CSV có 230.002 dòng; danh sách đảng viên chỉ được có tối đa 50.000 đảng viên "
        "(55.000 dòng kể cả tiêu đề và dòng cộng)."
    )


def test_a_readers_crash_report_is_not_passed_on():
    """The child's own error (which may quote the file) becomes a plain message."""

    def fails(text):
        raise ValueError(f"cannot parse {text}")

    with pytest.raises(RosterFileError) as error:
        run_limited(fails, "035190012345")
    assert "035190012345" not in str(error.value)


def test_the_preview_pages_its_rejected_rows(client, clerk, organisation, settings):
    rows = [person(n % 20 + 1, c4=f"12345{n}") for n in range(1, 251)]
    response = upload(client, roster_file(*rows), organisation)
    preview = reverse("recruitment:roster-preview", args=[response.url.rstrip("/").split("/")[-1]])
    first = client.get(preview)
    assert first.context["counts"]["rejected"] == 250
    page = first.content.decode()
    assert page.count("phải gồm đúng 12 chữ số") == 100
    assert "Trang 1/3" in page
    last = client.get(preview, {"page": 3}).content.decode()
    assert "<td>253</td>" in last and "<td>103</td>" not in last
