"""The quota dashboard's figures, statuses, forecast, scoping and the quota screen."""

from dataclasses import fields
from datetime import date

import pytest
from django.urls import reverse

from recruitment import services, stats
from recruitment.models import Candidate, Quota, StageRecord
from recruitment.querysets import Targets
from recruitment.roles import Role

Stage = Candidate.Stage


@pytest.fixture
def committee(make_organisation, make_cell, make_member, make_term, make_quota):
    """Two organisations with 2024 quotas of 4 and 2, a term and committee targets."""
    term = make_term()
    a = make_organisation(name="Đảng bộ phường A", code="A")
    b = make_organisation(
        name="Chi bộ trường B", code="B", kind="grassroots_cell", category="public_service"
    )
    cell_a = make_cell(organisation=a)
    cell_b = make_cell(organisation=b, is_organisation_itself=True)
    make_quota(organisation=a, year=2024, target=4)
    make_quota(organisation=b, year=2024, target=2)
    make_quota(organisation=None, year=2024, target=6)
    make_quota(organisation=None, year=2024, basis="aspiration", target=5)
    make_quota(organisation=None, year=2024, kind="training", target=3)
    make_quota(organisation=None, year=None, term=term, target=20)

    def admit(cell, day, **kw):
        return make_member(
            cell=cell,
            decision_date=day,
            ceremony_date=day,
            status="probationary",
            **kw,
        )

    # A: three in 2024 (by 26/03), one in 2023 by 26/03 and one later in 2023, one in 2021.
    admit(cell_a, date(2024, 1, 10), gender="female", youth_union_member=True)
    admit(cell_a, date(2024, 2, 10), date_of_birth=date(1990, 3, 1))
    admit(cell_a, date(2024, 3, 26), ethnicity="Mường", religion="catholic")
    admit(cell_a, date(2023, 3, 1))
    admit(cell_a, date(2023, 9, 1))
    admit(cell_a, date(2021, 5, 1))
    return {"term": term, "a": a, "b": b, "cell_a": cell_a, "cell_b": cell_b, "admit": admit}


def test_committee_figures_against_quota_aspiration_term_and_last_year(committee):
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    assert (board.admitted.value, board.admitted.target, board.admitted.last_year) == (3, 6, 1)
    assert board.admitted.percent == 50.0 and board.admitted.remaining == 3
    assert board.aspiration == 5
    assert (board.term.value, board.term.target) == (6, 20)
    assert board.trained.target == 3
    assert board.quotas_sum == 6


def test_the_day_after_counts_one_more_and_the_day_before_one_less(committee):
    committee["admit"](committee["cell_a"], date(2024, 3, 27))
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 25)).admitted.value == 2
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 26)).admitted.value == 3
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 27)).admitted.value == 4
    assert stats.dashboard(year=2024, as_of=date(2024, 12, 31)).admitted.last_year == 2


def test_organisation_statuses(committee):
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    rows = {row.code: row for row in board.organisations}
    # A: 3 of 4 by 26/03 is ahead of the even pace (4 × 86/366): on track. B: nobody yet.
    assert (rows["A"].admitted, rows["A"].quota, rows["A"].status) == (3, 4, "on_track")
    assert (rows["B"].admitted, rows["B"].status) == (0, "none")
    assert [row.code for row in stats.nobody_admitted(board)] == ["B"]
    assert board.behind_at_year_end == []


def test_below_quota_at_year_end_is_listed(committee):
    committee["admit"](committee["cell_b"], date(2024, 6, 1))
    board = stats.dashboard(year=2024, as_of=date(2024, 12, 31))
    rows = {row.code: row for row in board.organisations}
    assert rows["A"].status == "behind" and rows["B"].status == "behind"
    assert [row.code for row in board.behind_at_year_end] == ["A", "B"]
    committee["admit"](committee["cell_a"], date(2024, 7, 1))
    board = stats.dashboard(year=2024, as_of=date(2024, 12, 31))
    assert {row.code: row.status for row in board.organisations}["A"] == "met"


@pytest.mark.parametrize(
    ("admitted", "quota", "fraction", "status"),
    [
        (0, 4, 0.5, "none"),
        (1, 4, 0.5, "behind"),
        (2, 4, 0.5, "on_track"),
        (4, 4, 0.1, "met"),
        (0, None, 0.5, "no_quota"),
    ],
)
def test_status_rule(admitted, quota, fraction, status):
    assert stats.organisation_status(admitted, quota, fraction) == status


def test_monthly_cumulative_series_and_even_pace(committee):
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    months = board.monthly
    assert [m["cumulative"] for m in months[:4]] == [1, 2, 3, None]
    assert months[11]["even_pace"] == 6
    assert months[2]["cumulative_last_year"] == 1


def test_composition_against_last_year(committee):
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    lines = {(line["group"], line["label"]): line for line in board.composition}
    women = next(line for line in board.composition if line["label"] == "Nữ")
    assert women["value"] == 3 and women["percent"] == 100.0  # builder default is female
    minorities = next(line for line in board.composition if line["label"] == "Dân tộc thiểu số")
    assert minorities["value"] == 1 and minorities["last_year"] == 0
    assert len(lines) == len(board.composition)
    band = next(line for line in board.composition if line["label"] == "31–35")
    assert band["value"] == 3  # born 1990: 33 at admission in 2024


def test_forecast_uses_the_committees_own_history(committee, make_candidate, committee_staff):
    # History: two candidates recorded at the cell resolution; one was admitted 40 days later.
    admitted_member = committee["admit"](
        committee["cell_a"], date(2023, 4, 10), citizen_id="035190000099"
    )
    for n, member in enumerate([admitted_member, None]):
        candidate = make_candidate(
            cell=committee["cell_a"],
            citizen_id=f"03519000000{n}",
            stage=Stage.DECISION if member else Stage.REJECTED,
            member=member,
        )
        StageRecord.objects.create(
            candidate=candidate, stage=Stage.CELL_RESOLUTION, date=date(2023, 3, 1)
        )
    # Now: four candidates waiting at the cell resolution stage.
    for n in range(4):
        make_candidate(
            cell=committee["cell_a"], stage=Stage.CELL_RESOLUTION, citizen_id=f"03519100000{n}"
        )
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    item = next(s for s in board.forecast["stages"] if s["stage"] == Stage.CELL_RESOLUTION)
    assert (item["candidates"], item["observed"], item["admitted_within"]) == (4, 2, 1)
    assert item["rate"] == 0.5 and item["expected"] == 2.0 and item["average_days"] == 40
    assert board.forecast["projected_total"] == 3 + 2
    assert board.forecast["will_meet"] is False


def test_grassroots_staff_see_only_their_organisations_dashboard(client, make_user, committee):
    user = make_user(Role.GRASSROOTS_STAFF, organisation=committee["a"])
    client.force_login(user)
    response = client.get(reverse("recruitment:dashboard"), {"year": 2024, "as_of": "26/03/2024"})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.organisation == committee["a"]
    assert [row.code for row in board.organisations] == ["A"]
    assert board.admitted.target == 4
    assert "Chi bộ trường B" not in response.content.decode()
    other = reverse("recruitment:dashboard-organisation", args=[committee["b"].pk])
    assert client.get(other).status_code == 404
    json = client.get(reverse("recruitment:dashboard-json"), {"year": 2024, "as_of": "2024-03-26"})
    assert [row["code"] for row in json.json()["organisations"]] == ["A"]
    assert (
        client.get(reverse("recruitment:dashboard-json"), {"organisation": "B"}).status_code == 404
    )


def test_board_head_drills_down_into_an_organisation(client, board_head, committee):
    client.force_login(board_head)
    url = reverse("recruitment:dashboard-organisation", args=[committee["a"].pk])
    response = client.get(url, {"year": 2024, "as_of": "26/03/2024"})
    assert response.status_code == 200
    assert response.context["board"].admitted.value == 3


def test_json_reads_iso_dates_and_refuses_bad_ones(client, board_head, committee):
    client.force_login(board_head)
    url = reverse("recruitment:dashboard-json")
    data = client.get(url, {"year": 2024, "as_of": "2024-03-26"}).json()
    assert data["admitted"] == {
        "value": 3,
        "target": 6,
        "last_year": 1,
        "percent": 50.0,
        "remaining": 3,
    }
    assert data["as_of"] == "2024-03-26"
    assert client.get(url, {"as_of": "2024-02-31"}).status_code == 400


def test_dashboard_table_sorts_only_by_known_columns(client, board_head, committee):
    client.force_login(board_head)
    url = reverse("recruitment:dashboard")
    params = {"year": 2024, "as_of": "26/03/2024"}
    rows = client.get(url, {**params, "sort": "-admitted"}).context["rows"]
    assert [row.code for row in rows] == ["A", "B"]
    rows = client.get(url, {**params, "sort": "admitted"}).context["rows"]
    assert [row.code for row in rows] == ["B", "A"]
    response = client.get(url, {**params, "sort": "__class__"})
    assert response.status_code == 200 and response.context["sort"] == "status"


def test_board_head_sets_quotas_and_sees_whether_they_add_up(client, board_head, committee):
    client.force_login(board_head)
    url = reverse("recruitment:quotas") + "?year=2024"
    page = client.get(url)
    assert page.status_code == 200 and page.context["adds_up"] is True
    data = {
        "committee_assigned": "6",
        "committee_aspiration": "5",
        "committee_training": "3",
        "term_target": "20",
        f"org_{committee['a'].pk}": "5",
        f"org_{committee['b'].pk}": "2",
    }
    assert client.post(url, data).status_code == 302
    assert Quota.objects.get(organisation=committee["a"], year=2024).target == 5
    page = client.get(url)
    assert page.context["organisations_sum"] == 7 and page.context["adds_up"] is False
    # An empty box removes that organisation's quota.
    data[f"org_{committee['b'].pk}"] = ""
    client.post(url, data)
    assert not Quota.objects.filter(organisation=committee["b"], year=2024).exists()


def test_quotas_read_back_with_the_meaning_they_were_written_with(committee, make_quota):
    meanings = Quota.objects.meanings()
    assert list(meanings) == [field.name for field in fields(Targets)]
    assert len({(m.kind, m.basis, m.per_year) for m in meanings.values()}) == len(meanings)
    term = committee["term"]
    services.quotas_set(
        user=None,
        year=2024,
        committee_assigned=7,
        committee_aspiration=None,
        committee_training=4,
        term=term,
        term_target=21,
        organisation_targets={committee["a"]: 3, committee["b"]: None},
    )
    # Quotas of another year, or an organisation's training target, are not read as these.
    make_quota(organisation=None, year=2023, target=99)
    make_quota(organisation=committee["b"], year=2024, kind=Quota.Kind.TRAINING, target=2)
    targets = Quota.objects.targets(year=2024, term=term)
    assert targets.committee == Targets(admissions=7, aspiration=None, training=4, term=21)
    assert targets.organisations == {
        committee["a"].pk: Targets(admissions=3),
        committee["b"].pk: Targets(training=2),
    }
    assert Quota.objects.targets(year=2023, term=None).committee == Targets(admissions=99)
    board = stats.dashboard(year=2024, as_of=date(2024, 3, 26))
    assert (board.admitted.target, board.aspiration, board.trained.target) == (7, None, 4)
    assert (board.term.target, board.quotas_sum) == (21, 3)
    rows = {row.code: row.quota for row in board.organisations}
    assert rows == {"A": 3, "B": None}
    own = stats.dashboard(year=2024, as_of=date(2024, 3, 26), organisation=committee["b"])
    assert (own.admitted.target, own.trained.target, own.aspiration) == (None, 2, None)


def test_quota_page_query_counts(
    client, board_head, committee, make_organisation, make_quota, django_assert_num_queries
):
    client.force_login(board_head)
    url = reverse("recruitment:quotas") + "?year=2024"
    data = {
        "committee_assigned": "6",
        "committee_aspiration": "5",
        "committee_training": "3",
        "term_target": "20",
        f"org_{committee['a'].pk}": "5",
        f"org_{committee['b'].pk}": "2",
    }
    for organisations in (2, 4):
        # 1 session, 2 user, 3 staff profile (role), 4 the term, 5 the quotas of the year and
        # the term, 6 the members on 1 January per organisation (each quota also as a share),
        # 7 the organisations; 8-10 the session saved (savepoint, update, release).
        with django_assert_num_queries(10):
            assert client.get(url).status_code == 200
        # The same seven; a savepoint, then each quota saved through the model so that its
        # history records it (savepoint, select for update, update, history row, release:
        # five each, the committee's four and one per organisation), the release; the
        # session saved (three).
        with django_assert_num_queries(7 + 2 + 5 * (4 + organisations) + 3):
            assert client.post(url, data).status_code == 302
        for _ in range(2):
            organisation = make_organisation()
            make_quota(organisation=organisation, year=2024, target=1)
            data[f"org_{organisation.pk}"] = "1"


def test_grassroots_staff_and_anonymous_cannot_set_quotas(client, make_user, committee):
    url = reverse("recruitment:quotas")
    assert client.get(url).status_code == 302
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=committee["a"]))
    assert client.get(url).status_code == 403
    assert client.post(url, {"committee_assigned": "1"}).status_code == 403


def test_admissions_count_by_the_configured_date(committee, settings):
    # Decided on 28/12/2023, ceremony on 05/01/2024: 2023 by decision, 2024 by ceremony.
    member = committee["admit"](committee["cell_a"], date(2023, 12, 28))
    member.ceremony_date = date(2024, 1, 5)
    member.save()
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 26)).admitted.value == 3
    settings.QUOTA_COUNT_DATE = "ceremony"
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 26)).admitted.value == 4


def test_organisation_names_are_escaped_in_the_table(client, board_head, committee):
    committee["a"].name = '<img src=x onerror=alert(1)> & "Co"'
    committee["a"].save()
    client.force_login(board_head)
    content = client.get(reverse("recruitment:dashboard")).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;" in content


def test_an_admission_whose_decision_was_cancelled_does_not_count(committee, make_candidate):
    member = committee["admit"](committee["cell_a"], date(2024, 2, 1), citizen_id="035190000077")
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 26)).admitted.value == 4
    make_candidate(
        cell=committee["cell_a"], citizen_id=member.citizen_id, stage=Stage.CANCELLED, member=member
    )
    assert stats.dashboard(year=2024, as_of=date(2024, 3, 26)).admitted.value == 3


def test_a_past_year_without_a_date_shows_the_whole_year(client, board_head, committee):
    client.force_login(board_head)
    board = client.get(reverse("recruitment:dashboard"), {"year": 2023}).context["board"]
    assert board.as_of == date(2023, 12, 31)
    assert board.admitted.value == 2


def test_a_date_before_the_year_is_refused(client, board_head, committee):
    client.force_login(board_head)
    url = reverse("recruitment:dashboard-json")
    response = client.get(url, {"year": 2025, "as_of": "2024-03-26"})
    assert response.status_code == 400
    assert "as_of" in response.json()["errors"]


def test_page_lists_who_admitted_nobody_and_who_ends_the_year_below_quota(
    client, board_head, committee, make_organisation, make_quota
):
    c = make_organisation(name="Đảng bộ <C> & D", code="C")
    make_quota(organisation=c, year=2024, target=1)
    client.force_login(board_head)
    url = reverse("recruitment:dashboard")
    page = client.get(url, {"year": 2024, "as_of": "26/03/2024"}).content.decode()
    # B and C admitted nobody by 26/03/2024; C's name is escaped.
    assert '<p id="nobody-admitted">Chi bộ trường B; Đảng bộ &lt;C&gt; &amp; D</p>' in page
    # At the year's end, A (3 of 4), B (0 of 2) and C (0 of 1) are below their quotas.
    page = client.get(url, {"year": 2024, "as_of": "31/12/2024"}).content.decode()
    assert (
        '<ul id="behind-at-year-end"><li>Đảng bộ phường A: 3/4</li>'
        "<li>Chi bộ trường B: 0/2</li><li>Đảng bộ &lt;C&gt; &amp; D: 0/1</li></ul>"
    ) in page
