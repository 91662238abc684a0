"""The columns of the dashboard's table of organisations, declared once in
``stats.columns.COLUMNS``: each is on the page (header and cells), in the JSON rows and in the
workbook, and every sort key of the page sorts."""

import io
from datetime import date
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from recruitment.models import Candidate, Member, Organisation
from recruitment.stats.columns import COLUMNS, PAGE_COLUMNS, SORTABLE, SortKey

Stage = Candidate.Stage
Category = Organisation.Category
#: Half the year gone (182 of 366 days): the even pace is 49.7 % of the quota.
PARAMS = {"year": 2024, "as_of": "30/06/2024"}
#: Four organisations whose values differ in every column, so that each sort key orders them
#: its own way: (code, name, category, quota, admitted, open candidates).
ORGANISATIONS = {
    "W": ("K3", "Chi bộ Cầu Giấy", Category.STATE_AGENCY, 1, 1, 2),  # met
    "X": ("K2", "Chi bộ An Bình", Category.COOPERATIVE, 3, 0, 3),  # none admitted yet
    "Y": ("K4", "Chi bộ Duy Tiên", Category.STATE_ENTERPRISE, 9, 2, 0),  # behind
    "Z": ("K1", "Chi bộ Bắc Sơn", Category.WARD_COMMUNE, 10, 6, 1),  # on track
}
#: The order of the organisations for each sort key, ascending (no two keys alike, nor one
#: key the reverse of another). Categories sort by their Vietnamese names.
ASCENDING = {
    SortKey.CODE: "ZXWY",
    SortKey.NAME: "XZWY",
    SortKey.CATEGORY: "WYXZ",  # Cơ quan nhà nước, Doanh nghiệp nhà nước, Hợp tác xã, Xã…
    SortKey.QUOTA: "WXYZ",
    SortKey.ADMITTED: "XWYZ",
    SortKey.PERCENT: "XYZW",  # 0, 22.2, 60, 100
    SortKey.REMAINING: "WXZY",  # 0, 3, 4, 7
    SortKey.PIPELINE: "YZWX",
    SortKey.STATUS: "YXZW",  # behind, none, on track, met
}
#: What the page and the workbook show, in their order (source strings; stage columns apart).
PAGE_HEADERS = ["Code", "Organisation", "Category", "Quota", "Admitted", "%", "Remaining"]
PAGE_HEADERS += ["In the pipeline", "Status"]
WORKBOOK_HEADERS = ["Code", "Organisation", "Category", "Quota", "Admitted"]
WORKBOOK_HEADERS += ["Share of the quota (%)", "Remaining", "Admitted in the same period last year"]
WORKBOOK_HEADERS += ["Admitted in the term", "Elite candidates trained"]


def label(text) -> str:
    """A source string (or a lazy one) as the server writes it."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text) if isinstance(text, str) else str(text)


class OrganisationsTable(HTMLParser):
    """The texts of the header cells and of each row's cells of ``#organisations``, and the
    ``data-code`` of each row."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self.codes: list[str] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.inside = attrs.get("id") == "organisations"
        elif self.inside and tag == "tr" and "data-code" in attrs:
            self.codes.append(attrs["data-code"])
            self.rows.append([])
        elif self.inside and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("th", "td") and self.cell is not None:
            text = "".join(self.cell).strip()
            (self.headers if tag == "th" else self.rows[-1]).append(text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def organisations_table(client, **params) -> OrganisationsTable:
    response = client.get(reverse("recruitment:dashboard"), {**PARAMS, **params})
    assert response.status_code == 200
    table = OrganisationsTable()
    table.feed(response.content.decode())
    return table


@pytest.fixture
def four(make_organisation, make_cell, make_member, make_candidate, make_quota):
    """The organisations of ORGANISATIONS; returns letter → code."""
    codes = {}
    for letter, (code, name, category, quota, admitted, open_candidates) in ORGANISATIONS.items():
        organisation = make_organisation(code=code, name=name, category=category)
        cell = make_cell(organisation=organisation)
        make_quota(organisation=organisation, year=2024, target=quota)
        for n in range(admitted):
            make_member(cell=cell, decision_date=date(2024, 2, n + 1), status="probationary")
        for _ in range(open_candidates):
            make_candidate(cell=cell, stage=Stage.APPLIED)
        codes[letter] = code
    return codes


def test_every_sort_key_orders_the_table_its_own_way_both_ways(client, board_head, four):
    client.force_login(board_head)
    assert set(ASCENDING) == set(SortKey) == set(SORTABLE)
    orders = [*ASCENDING.values(), *(letters[::-1] for letters in ASCENDING.values())]
    assert len(set(orders)) == 2 * len(ASCENDING)
    for key, letters in ASCENDING.items():
        expected = [four[letter] for letter in letters]
        assert organisations_table(client, sort=key).codes == expected, key
        assert organisations_table(client, sort=f"-{key}").codes == expected[::-1], key
    # Without a sort key, or with an unknown one, by status.
    status = [four[letter] for letter in ASCENDING[SortKey.STATUS]]
    assert organisations_table(client).codes == status
    assert organisations_table(client, sort="__class__").codes == status


def test_the_page_heads_its_columns_in_order_with_a_cell_each(client, board_head, four):
    client.force_login(board_head)
    table = organisations_table(client, sort="code")
    stage_numbers = ["2", "3", "4", "5", "6", "7", "8", "9"]  # explained under the table
    assert table.headers == [
        f"{label('Code')} ▲",
        *(label(header) for header in PAGE_HEADERS[1:]),
        *stage_numbers,
    ]
    assert [label(column.short_header) for column in PAGE_COLUMNS] == [
        label(header) for header in PAGE_HEADERS
    ] + stage_numbers
    # Z (code K1): quota 10, admitted 6, 60 %, 4 remaining, one candidate at "applied".
    row = table.rows[0]
    assert len(row) == len(PAGE_COLUMNS)
    z_cells = dict(zip((column.key for column in PAGE_COLUMNS), row, strict=True))
    assert (z_cells["code"], z_cells["name"]) == ("K1", "Chi bộ Bắc Sơn")
    assert (z_cells["quota"], z_cells["admitted"], z_cells["remaining"]) == ("10", "6", "4")
    assert z_cells["percent"] == "60,0%" and z_cells["in_pipeline"] == "1"
    assert z_cells["status_label"] == label("On track")
    assert z_cells[f"pipeline.{Stage.APPLIED}"] == "1" and z_cells["pipeline.source"] == ""


def test_every_column_is_in_the_workbook_in_order_and_in_the_json_alike(client, board_head, four):
    client.force_login(board_head)
    params = {"year": 2024, "as_of": "2024-06-30"}
    response = client.get(reverse("recruitment:dashboard-xlsx"), params)
    sheet = load_workbook(io.BytesIO(response.content))[label("Organisations")]
    rows = list(sheet.iter_rows(values_only=True))
    stage_labels = [label(Stage(stage).label) for stage in Candidate.PIPELINE[:-2]]
    assert list(rows[0]) == [
        *(label(header) for header in WORKBOOK_HEADERS),
        *stage_labels,
        label("In the pipeline"),
        label("Status"),
    ]
    assert list(rows[0]) == [label(column.header) for column in COLUMNS]
    percent = [column.key for column in COLUMNS].index("percent")
    assert sheet.cell(row=2, column=percent + 1).number_format == "0.0"

    # The JSON holds every column's value as the workbook writes it, for every organisation.
    data = client.get(reverse("recruitment:dashboard-json"), params).json()
    workbook = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert len(data["organisations"]) == len(workbook) == 4
    for json_row in data["organisations"]:
        written = workbook[json_row["code"]]
        for column in COLUMNS:
            value = json_row["pipeline"][column.stage] if column.stage else json_row[column.key]
            assert value == written[label(column.header)], (json_row["code"], column.key)
    z = next(row for row in data["organisations"] if row["code"] == "K1")
    assert (z["quota"], z["admitted"], z["percent"], z["remaining"]) == (10, 6, 60.0, 4)
    assert (z["status"], z["in_pipeline"], z["pipeline"][Stage.APPLIED]) == ("on_track", 1, 1)


def test_admissions_count_in_the_rows_by_organisation(client, board_head, four, make_member):
    # An admission whose member left since still counts; last year's does not count this year.
    z_cell = Organisation.objects.get(code="K1").cells.get()
    make_member(cell=z_cell, decision_date=date(2024, 3, 1), status=Member.Status.DECEASED)
    make_member(cell=z_cell, decision_date=date(2023, 3, 1))
    client.force_login(board_head)
    data = client.get(
        reverse("recruitment:dashboard-json"), {"year": 2024, "as_of": "2024-06-30"}
    ).json()
    z = next(row for row in data["organisations"] if row["code"] == "K1")
    assert (z["admitted"], z["admitted_last_year"]) == (7, 1)
