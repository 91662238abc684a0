"""The staff screens of the pipeline: they work, need log-in, and keep organisations apart."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from recruitment.models import Candidate, Member, MemberEvent
from recruitment.roles import Role
from recruitment.states import Stage
from tests.pipeline import LOGGED, advance_to, new_candidate


@pytest.fixture
def org_a(make_organisation, make_cell, make_member, committee_staff):
    """Organisation A: a cell of nine official members and a candidate at the comments stage."""
    return build_org(
        "A", make_organisation, make_cell, make_member, committee_staff, "035300111111"
    )


@pytest.fixture
def org_b(make_organisation, make_cell, make_member, committee_staff):
    return build_org(
        "B", make_organisation, make_cell, make_member, committee_staff, "035300222222"
    )


def build_org(label, make_organisation, make_cell, make_member, user, citizen_id):
    organisation = make_organisation(name=f"Đảng bộ phường {label}")
    cell = make_cell(organisation=organisation, name=f"Chi bộ {label}")
    members = [make_member(cell=cell, full_name=f"Đảng viên {label}{n}") for n in range(9)]
    candidate = new_candidate(
        cell, members[0], user, full_name=f"Nguyễn Thị Huế {label}", citizen_id=citizen_id
    )
    advance_to(candidate, Stage.COMMENTED, user, members)
    candidate.refresh_from_db()
    return {"organisation": organisation, "cell": cell, "members": members, "candidate": candidate}


@pytest.fixture
def grassroots_a(make_user, org_a):
    return make_user(Role.GRASSROOTS_STAFF, organisation=org_a["organisation"])


def candidate_urls(candidate):
    return [
        reverse("recruitment:candidate-detail", args=[candidate.pk]),
        reverse("recruitment:candidate-edit", args=[candidate.pk]),
        reverse("recruitment:candidate-reject", args=[candidate.pk]),
        *[
            reverse("recruitment:candidate-stage", args=[candidate.pk, stage])
            for stage in Candidate.PIPELINE[1:]
        ],
    ]


def member_urls(member):
    return [
        reverse("recruitment:member-detail", args=[member.pk]),
        reverse("recruitment:member-edit", args=[member.pk]),
        reverse("recruitment:member-recognise", args=[member.pk]),
        *[
            reverse("recruitment:member-event", args=[member.pk, kind])
            for kind in ("transferred_out", "deceased", "struck_off", "expelled", "resigned")
        ],
    ]


LIST_URLS = [
    "recruitment:candidate-list",
    "recruitment:candidate-board",
    "recruitment:candidate-create",
    "recruitment:member-list",
    "recruitment:deadlines",
]


def test_every_pipeline_page_requires_log_in(client, org_a):
    urls = [reverse(name) for name in LIST_URLS]
    urls += candidate_urls(org_a["candidate"]) + member_urls(org_a["members"][1])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_committee_staff_open_every_page(client, committee_staff, org_a):
    client.force_login(committee_staff)
    for url in [reverse(name) for name in LIST_URLS]:
        assert client.get(url).status_code == 200, url
    # Each page of a person is that person's: it names them.
    candidate, member = org_a["candidate"], org_a["members"][1]
    for urls, name in ((candidate_urls(candidate), candidate.full_name),
                       (member_urls(member), member.full_name)):  # fmt: skip
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert name in response.content.decode(), url


def test_grassroots_staff_get_404_for_another_organisations_records(
    client, grassroots_a, org_a, org_b
):
    client.force_login(grassroots_a)
    for url in candidate_urls(org_b["candidate"]) + member_urls(org_b["members"][1]):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": 1, "date": "01/04/2024"}).status_code == 404, url
    for url in candidate_urls(org_a["candidate"]) + member_urls(org_a["members"][1]):
        assert client.get(url).status_code == 200, url


def test_grassroots_staff_lists_show_only_their_organisation(client, grassroots_a, org_a, org_b):
    client.force_login(grassroots_a)
    content = client.get(reverse("recruitment:candidate-list")).content.decode()
    assert "Nguyễn Thị Huế A" in content and "Nguyễn Thị Huế B" not in content
    content = client.get(reverse("recruitment:member-list")).content.decode()
    assert "Đảng viên A1" in content and "Đảng viên B1" not in content
    content = client.get(reverse("recruitment:candidate-board")).content.decode()
    assert "Nguyễn Thị Huế A" in content and "Nguyễn Thị Huế B" not in content
    # Another organisation's cell in the filter is not a valid choice.
    response = client.get(reverse("recruitment:candidate-list"), {"cell": org_b["cell"].pk})
    assert "Nguyễn Thị Huế B" not in response.content.decode()


def test_board_head_reads_but_cannot_change(client, board_head, org_a):
    client.force_login(board_head)
    candidate, member = org_a["candidate"], org_a["members"][1]
    assert client.get(candidate_urls(candidate)[0]).status_code == 200
    assert client.get(member_urls(member)[0]).status_code == 200
    for url in candidate_urls(candidate)[1:] + member_urls(member)[1:]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"version": 1}).status_code == 403, url
    assert client.get(reverse("recruitment:candidate-create")).status_code == 403
    content = client.get(candidate_urls(candidate)[0]).content.decode()
    assert reverse("recruitment:candidate-edit", args=[candidate.pk]) not in content


def test_a_new_candidate_starts_from_the_cells_the_user_sees_named_with_their_organisation(
    client, committee_staff, grassroots_a, org_a, org_b
):
    url = reverse("recruitment:candidate-create")
    client.force_login(committee_staff)
    page = client.get(url).content.decode()
    assert f'<option value="{org_a["cell"].pk}">Đảng bộ phường A – Chi bộ A</option>' in page
    assert f'<option value="{org_b["cell"].pk}">Đảng bộ phường B – Chi bộ B</option>' in page
    client.force_login(grassroots_a)
    page = client.get(url).content.decode()
    assert "Đảng bộ phường A – Chi bộ A</option>" in page
    assert "Chi bộ B" not in page


def test_candidate_search_without_diacritics_and_by_citizen_id(
    client, committee_staff, org_a, org_b
):
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-list")
    response = client.post(url, {"q": "nguyen thi hue a"}, follow=True)
    content = response.content.decode()
    assert "Nguyễn Thị Huế A" in content and "Nguyễn Thị Huế B" not in content
    response = client.post(url, {"q": "035300222222", "stage": ""})
    # The citizen ID stays out of the URL (history, logs): the session keeps it.
    assert "035300222222" not in response["Location"] and "search=" in response["Location"]
    content = client.get(response["Location"]).content.decode()
    assert "Nguyễn Thị Huế B" in content and "Nguyễn Thị Huế A" not in content
    # A search in a query string is not run.
    content = client.get(url, {"q": "035300222222"}).content.decode()
    assert "Nguyễn Thị Huế A" in content and "Nguyễn Thị Huế B" in content


def test_candidate_list_filters_by_stage_organisation_and_year(
    client, committee_staff, org_a, org_b
):
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-list")
    content = client.get(url, {"organisation": org_b["organisation"].pk}).content.decode()
    assert "Nguyễn Thị Huế B" in content and "Nguyễn Thị Huế A" not in content
    content = client.get(url, {"stage": "source"}).content.decode()
    assert "Nguyễn Thị Huế" not in content
    content = client.get(url, {"stage": "commented", "year": "2023"}).content.decode()
    assert "Nguyễn Thị Huế A" in content
    assert "Nguyễn Thị Huế" not in client.get(url, {"year": "2019"}).content.decode()


def test_board_counts_candidates_per_stage(client, committee_staff, org_a, org_b):
    client.force_login(committee_staff)
    response = client.get(reverse("recruitment:candidate-board"))
    columns = {column["stage"]: column["count"] for column in response.context["columns"]}
    assert columns[Stage.COMMENTED] == 2
    assert columns[Stage.SOURCE] == 0
    assert list(columns) == list(Candidate.PIPELINE)


def test_recording_a_cell_resolution_below_two_thirds_shows_the_rule(
    client, committee_staff, org_a
):
    client.force_login(committee_staff)
    candidate = org_a["candidate"]
    url = reverse("recruitment:candidate-stage", args=[candidate.pk, Stage.CELL_RESOLUTION])
    page = client.get(url).content.decode()
    assert "9" in page and 'id="vote-denominator"' in page
    response = client.post(
        url,
        {
            "version": candidate.version,
            "date": "31/01/2024",
            "document_number": "07-NQ/CB",
            "votes_for": "5",
            "votes_against": "4",
            "voters_excluded": "0",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Biểu quyết" in content and "2/3" in content
    candidate.refresh_from_db()
    assert candidate.stage == Stage.COMMENTED


def test_recording_a_stage_through_the_page_moves_the_candidate_on(client, committee_staff, org_a):
    client.force_login(committee_staff)
    candidate = org_a["candidate"]
    url = reverse("recruitment:candidate-stage", args=[candidate.pk, Stage.CELL_RESOLUTION])
    response = client.post(
        url,
        {
            "version": candidate.version,
            "date": "31/01/2024",
            "document_number": "07-NQ/CB",
            "votes_for": "6",
            "votes_against": "3",
            "voters_excluded": "0",
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.stage == Stage.CELL_RESOLUTION
    record = candidate.stage_records.get(stage=Stage.CELL_RESOLUTION)
    assert (record.date, record.eligible_voters, record.recorded_by) == (
        date(2024, 1, 31),
        9,
        committee_staff,
    )


def test_second_of_two_staff_editing_the_same_candidate_is_told_to_reload(
    client, committee_staff, make_user, org_a
):
    other = make_user(Role.COMMITTEE_STAFF)
    candidate = org_a["candidate"]
    url = reverse("recruitment:candidate-edit", args=[candidate.pk])
    client.force_login(committee_staff)
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data["cell"] = candidate.cell_id
    data["helper"] = candidate.helper_id
    data["date_of_birth"] = candidate.date_of_birth.strftime("%d/%m/%Y")
    data["version"] = candidate.version
    # The second person opened the same page, then the first saved.
    first = {**data, "hometown": "Phủ Lý"}
    assert client.post(url, first).status_code == 302
    client.force_login(other)
    second = {**data, "hometown": "Kim Bảng"}
    response = client.post(url, second)
    assert response.status_code == 200
    assert "tải lại" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.hometown == "Phủ Lý"


def test_candidate_page_shows_history_with_who_before_and_after(client, committee_staff, org_a):
    candidate = org_a["candidate"]
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-edit", args=[candidate.pk])
    data = {
        "cell": candidate.cell_id,
        "helper": candidate.helper_id,
        "full_name": candidate.full_name,
        "gender": candidate.gender,
        "date_of_birth": candidate.date_of_birth.strftime("%d/%m/%Y"),
        "citizen_id": candidate.citizen_id,
        "ethnicity": candidate.ethnicity,
        "religion": candidate.religion,
        "hometown": "Thôn Cũ",
        "residence": "",
        "occupation": candidate.occupation,
        "general_education": candidate.general_education,
        "professional_level": candidate.professional_level,
        "political_theory": candidate.political_theory,
        "version": candidate.version,
    }
    assert client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    data.update(hometown="Thôn Mới", version=candidate.version)
    assert client.post(url, data).status_code == 302
    content = client.get(reverse("recruitment:candidate-detail", args=[candidate.pk])).content
    content = content.decode()
    assert "Thôn Cũ" in content and "Thôn Mới" in content
    assert committee_staff.username in content


def test_member_page_shows_status_dates_and_party_age(client, committee_staff, make_member):
    member = make_member(
        full_name="Trần Văn An",
        decision_date=date(2015, 3, 2),
        ceremony_date=date(2015, 3, 20),
        official_date=date(2016, 3, 20),
    )
    client.force_login(committee_staff)
    content = client.get(member.get_absolute_url()).content.decode()
    assert "02/03/2015" in content and "20/03/2015" in content and "20/03/2016" in content
    assert "Chính thức" in content
    assert member.cell.name in content


def test_recording_a_transfer_out_from_the_member_page(client, committee_staff, org_a):
    member = org_a["members"][4]
    client.force_login(committee_staff)
    url = reverse("recruitment:member-event", args=[member.pk, "transferred_out"])
    response = client.post(
        url, {"version": member.version, "date": "01/04/2024", "document_number": "12-GT"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == Member.Status.TRANSFERRED_OUT
    assert member.events.get().kind == MemberEvent.Kind.TRANSFERRED_OUT


def test_deadlines_page_lists_overdue_and_due_soon_per_organisation(
    client, committee_staff, org_a, org_b
):
    # A's candidate reaches the decision on 15/03/2024: the ceremony is due 30 working days on.
    advance_to(org_a["candidate"], Stage.DECISION, committee_staff, org_a["members"])
    client.force_login(committee_staff)
    url = reverse("recruitment:deadlines")
    response = client.get(url, {"as_of": "10/04/2024"})
    rows = [row for _, rows, *_ in response.context["groups"] for row in rows]
    ceremony = [row for row in rows if row["deadline"].person.pk == org_a["candidate"].pk]
    assert [row["status"] for row in ceremony] == ["soon"]
    # 30 working days skip Hùng Kings' day (18/04) and 29/04-01/05 (holidays and a day off).
    assert ceremony[0]["deadline"].due == date(2024, 5, 2)
    response = client.get(url, {"as_of": "03/05/2024"})
    rows = [row for _, rows, *_ in response.context["groups"] for row in rows]
    assert any(
        row["deadline"].person.pk == org_a["candidate"].pk and row["status"] == "overdue"
        for row in rows
    )


def test_candidate_list_query_count_does_not_grow_with_rows(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    client.force_login(committee_staff)
    url = reverse("recruitment:candidate-list")
    # 1 session, 2 user, 3 staff profile (role), 4 count for the paginator, 5 organisations
    # and 6 cells for the filter choices, 7 the page of candidates with cell, organisation and
    # helper joined; 8 the last processing record's hash and 9 the list's processing record
    # (LOGGED); 10-12 the session saved (savepoint, update, release) to extend it.
    with django_assert_num_queries(12 + LOGGED):
        client.get(url)


def test_member_list_query_count_does_not_grow_with_rows(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 staff profile, 4 count, 5 organisations, 6 cells, 7 the page with
    # cell and organisation joined; 8-9 the processing record (LOGGED); 10-12 the session
    # saved (savepoint, update, release).
    with django_assert_num_queries(12 + LOGGED):
        client.get(reverse("recruitment:member-list"))


def test_board_query_count_does_not_grow_with_rows(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 staff profile, 4 candidates counted per stage, 5 the cards of
    # every open stage with cell and organisation joined; 6-7 the processing record (LOGGED);
    # 8-10 the session saved.
    with django_assert_num_queries(10 + LOGGED):
        response = client.get(reverse("recruitment:candidate-board"))
    assert sum(column["count"] for column in response.context["columns"]) == 2


def test_deadlines_query_count_does_not_grow_with_rows(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    advance_to(org_a["candidate"], Stage.DECISION, committee_staff, org_a["members"])
    advance_to(org_b["candidate"], Stage.CEREMONY, committee_staff, org_b["members"])
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 the rule sets, 4 staff profile, 5 open candidates with cell and
    # organisation, 6 their stage records (prefetched), 7 probationary members with a
    # ceremony, with cell and organisation; 8-10 the session saved; on PostgreSQL, before the
    # list, the data version it is kept under (``recruitment.datacache``).
    with django_assert_num_queries(10 + (connection.vendor == "postgresql")):
        response = client.get(reverse("recruitment:deadlines"), {"as_of": "10/04/2024"})
    rows = [row for _, rows, *_ in response.context["groups"] for row in rows]
    assert len(rows) == 1


def test_home_query_count_does_not_grow_with_rows(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 staff profile, 4 members counted per status, 5 candidates counted
    # per stage, 6 grassroots organisations counted; 7-9 the session saved.
    with django_assert_num_queries(9):
        response = client.get(reverse("recruitment:home"))
    assert response.context["official"] == 18


def test_candidate_and_member_pages_query_counts_do_not_grow_with_stages(
    client, committee_staff, org_a, org_b, django_assert_num_queries
):
    candidate = org_a["candidate"]
    advance_to(candidate, Stage.CEREMONY, committee_staff, org_a["members"])
    candidate.refresh_from_db()
    client.force_login(committee_staff)
    # 1 session, 2 user, 3 staff profile, 4 the candidate with cell, organisation, helper and
    # member, 5 its stage records with who recorded them, 6 their introducers and 7 the
    # introducing members (prefetched), 8 the rule sets, 9-10 the processing record written
    # (LOGGED), 11 the history rows with their users, 12 the names of the cells and 13 of the
    # members (helper, member record) its history points to; 14-16 the session saved.
    with django_assert_num_queries(16 + LOGGED):
        response = client.get(candidate.get_absolute_url())
    assert len(response.context["records"]) == 10
    # 1 session, 2 user, 3 staff profile, 4 the member with cell and organisation, 5 its
    # events with who recorded them, 6 the rule sets, 7 the candidacy it came from, 8-9 the
    # processing record written (LOGGED), 10 the history rows, 11 the names of the cells its
    # history points to; 12-14 the session saved.
    with django_assert_num_queries(14 + LOGGED):
        client.get(reverse("recruitment:member-detail", args=[candidate.member_id]))


def test_history_shows_names_linked_not_database_ids(client, committee_staff, org_a):
    candidate = org_a["candidate"]
    advance_to(candidate, Stage.DECISION, committee_staff, org_a["members"])
    candidate.refresh_from_db()
    client.force_login(committee_staff)
    page = client.get(candidate.get_absolute_url()).content.decode()
    helper = org_a["members"][0]
    # The helper member and the member record the decision made, by name, with their pages.
    assert f'<a href="/members/{helper.pk}/">Đảng viên A0</a>' in page
    assert f'<a href="/members/{candidate.member_id}/">Nguyễn Thị Huế A</a>' in page
    # The cell by name (a cell has no page of its own).
    assert "<td>Chi bộ A</td>" in page
    assert f"<td>{org_a['cell'].pk}</td>" not in page
