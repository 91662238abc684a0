"""Organisation events (rename, move, merge, split, dissolve, a cell moved) and the figures
across them: the organisations' rows add up to the committee's total before and after every
event, for several as-of dates, and nothing is counted twice or dropped."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from recruitment import stats
from recruitment.asof import divide, tree_on
from recruitment.models import Candidate, Organisation, OrganisationEvent, Quota
from recruitment.reorganisation import (
    Document,
    SplitPart,
    cell_move,
    organisation_dissolve,
    organisation_move,
    organisation_rename,
    organisation_split,
    organisations_merge,
)
from recruitment.roles import Role

DOC = Document(number="15-QĐ/TU", date=date(2025, 6, 20), signed_by="Trần Văn Bình")


@pytest.fixture
def world(city, make_organisation, make_cell, make_member, make_candidate, make_term):
    """A (cells a1, a2), B (cell b1) and D (cell d1), each with admissions of 2025 (and one
    of 2024 in B), 2025 quotas A 4, B 2, D 3 and term quotas A 10, B 6, D 5."""
    orgs = {
        code: make_organisation(code=code, name=f"Đảng bộ {code}", active_from=date(2010, 1, 1))
        for code in "ABD"
    }
    cells = {
        name: make_cell(organisation=orgs[name[0].upper()], name=f"Chi bộ {name}")
        for name in ("a1", "a2", "b1", "d1")
    }
    for cell, day in [
        ("a1", date(2025, 2, 10)),
        ("a1", date(2025, 8, 5)),
        ("a2", date(2025, 3, 1)),
        ("b1", date(2025, 4, 1)),
        ("b1", date(2024, 6, 1)),
        ("d1", date(2025, 5, 1)),
    ]:
        make_member(cell=cells[cell], decision_date=day, ceremony_date=day)
    make_candidate(cell=cells["a2"], full_name="Quần chúng A", stage=Candidate.Stage.APPLIED)
    term = make_term(end_date=date(2025, 9, 30))
    for code, year_quota, term_quota in (("A", 4, 10), ("B", 2, 6), ("D", 3, 5)):
        Quota.objects.create(
            organisation=orgs[code], kind=Quota.Kind.ADMISSIONS, year=2025, target=year_quota
        )
        Quota.objects.create(
            organisation=orgs[code], kind=Quota.Kind.ADMISSIONS, term=term, target=term_quota
        )
    Quota.objects.create(kind=Quota.Kind.ADMISSIONS, year=2025, target=9)
    return {"city": city, **orgs, **cells}


def rows(day: date, year: int = 2025) -> dict[str, tuple]:
    """code → (admitted, quota, admitted in the term, term quota) as of ``day``, and the
    committee's total under "total"."""
    board = stats.dashboard(year=year, as_of=day)
    found = {
        row.code: (row.admitted, row.quota, row.admitted_in_term) for row in board.organisations
    }
    assert sum(row.admitted for row in board.organisations) == board.admitted.value
    assert sum(row.quota or 0 for row in board.organisations) == board.quotas_sum
    if board.term:
        assert sum(row.admitted_in_term for row in board.organisations) == board.term.value
    found["total"] = (board.admitted.value, board.quotas_sum)
    return found


def merge_a_and_b(world, user=None):
    return organisations_merge(
        predecessors=[world["A"], world["B"]],
        name="Đảng bộ C",
        code="C",
        effective_date=date(2025, 7, 1),
        document=DOC,
        user=user,
    )


def test_before_any_event_each_organisation_has_its_own(world):
    assert rows(date(2025, 6, 30)) == {
        "A": (2, 4, 2),
        "B": (1, 2, 2),
        "D": (1, 3, 1),
        "total": (4, 9),
    }


def test_merge_passes_cells_people_figures_and_targets_to_the_new_organisation(world, board_head):
    event = merge_a_and_b(world, board_head)
    c = Organisation.objects.get(code="C")
    # The day before: A, B and D as they were.
    assert rows(date(2025, 6, 30)) == {
        "A": (2, 4, 2),
        "B": (1, 2, 2),
        "D": (1, 3, 1),
        "total": (4, 9),
    }
    # From the effective date: C with A's and B's admissions and targets, nothing twice.
    assert rows(date(2025, 7, 1)) == {"C": (3, 6, 4), "D": (1, 3, 1), "total": (4, 9)}
    # The term (to 30/09/2025) now holds the admission of 05/08/2025 too.
    assert rows(date(2025, 12, 31)) == {"C": (4, 6, 5), "D": (1, 3, 1), "total": (5, 9)}
    # The 2024 view as of its end is still the old structure.
    assert rows(date(2024, 12, 31), year=2024) == {
        "A": (0, None, 0),
        "B": (1, None, 1),
        "D": (0, None, 0),
        "total": (1, 0),
    }
    # The people followed their cells; the history keeps who, when and the document.
    assert set(world["a1"].members.values_list("cell__organisation__code", flat=True)) == {"C"}
    assert Candidate.objects.get(full_name="Quần chúng A").cell.organisation == c
    assert (event.kind, event.document_number, event.recorded_by) == (
        "merge",
        "15-QĐ/TU",
        board_head,
    )
    assert (c.active_from, Organisation.objects.get(code="A").active_to) == (
        date(2025, 7, 1),
        date(2025, 6, 30),
    )
    assert sorted(event.successions.values_list("predecessor__code", "successor__code")) == [
        ("A", "C"),
        ("B", "C"),
    ]


def test_term_admissions_of_merged_organisations_count_for_the_successor(world):
    merge_a_and_b(world)
    board = stats.dashboard(year=2025, as_of=date(2025, 7, 15))
    targets = {row.code: row.admitted_in_term for row in board.organisations}
    assert targets == {"C": 4, "D": 1}
    assert board.term.value == 5


def test_merge_into_an_existing_organisation(world):
    organisations_merge(
        predecessors=[world["A"]],
        successor=world["B"],
        effective_date=date(2025, 7, 1),
        document=DOC,
        user=None,
    )
    assert rows(date(2025, 6, 30))["B"] == (1, 2, 2)
    assert rows(date(2025, 12, 31)) == {"B": (4, 6, 5), "D": (1, 3, 1), "total": (5, 9)}


def test_split_divides_cells_and_targets_by_the_members_each_part_receives(world):
    merge_a_and_b(world)
    organisation_split(
        organisation=Organisation.objects.get(code="C"),
        parts=[
            SplitPart("Đảng bộ E", "E", [world["a1"], world["b1"]]),
            SplitPart("Chi bộ F", "F", [world["a2"]]),
        ],
        effective_date=date(2025, 10, 1),
        document=Document(number="20-QĐ/TU"),
        user=None,
    )
    assert rows(date(2025, 9, 30)) == {"C": (4, 6, 5), "D": (1, 3, 1), "total": (5, 9)}
    # E has 4 members (a1, b1), F 1 (a2): A's 4 and B's 2 divided 4 : 1 (3 + 1, 2 + 0).
    assert rows(date(2025, 12, 31)) == {
        "D": (1, 3, 1),
        "E": (3, 5, 4),
        "F": (1, 1, 1),
        "total": (5, 9),
    }
    f = Organisation.objects.get(code="F")
    # A part with one cell is a grassroots cell, that cell itself.
    assert f.kind == Organisation.Kind.GRASSROOTS_CELL
    assert f.cells.get().is_organisation_itself


def test_dissolve_waits_for_the_cells_to_move_and_the_figures_follow_them(world):
    with pytest.raises(ValidationError) as refused:
        organisation_dissolve(
            organisation=world["D"],
            effective_date=date(2025, 11, 15),
            document=DOC,
            user=None,
        )
    assert refused.value.messages == [
        "Các chi bộ của Đảng bộ D vẫn còn 1 đảng viên và 0 quần chúng ưu tú: hãy chuyển các "
        "chi bộ sang tổ chức khác trước."
    ]
    cell_move(
        cell=world["d1"],
        organisation=world["B"],
        effective_date=date(2025, 6, 1),
        document=DOC,
        user=None,
    )
    organisation_dissolve(
        organisation=world["D"], effective_date=date(2025, 11, 15), document=DOC, user=None
    )
    assert rows(date(2025, 5, 31)) == {
        "A": (2, 4, 2),
        "B": (1, 2, 2),
        "D": (1, 3, 1),
        "total": (4, 9),
    }
    # D's quota stays its own (a dissolution has no successor) while D is shown; its
    # admission went with its cell to B.
    assert rows(date(2025, 12, 31)) == {
        "A": (3, 4, 3),
        "B": (2, 2, 3),
        "D": (0, 3, 0),
        "total": (5, 9),
    }


def test_rename_and_move_show_in_the_tree_of_each_day(world, make_city):
    province_ward = make_city(
        name="Đảng bộ phường Châu Sơn",
        level=Organisation.Level.WARD,
        committee_name="Đảng ủy phường Châu Sơn",
        parent=world["city"],
        active_from=date(2025, 3, 15),
    )
    organisation_rename(
        organisation=world["A"],
        name="Đảng bộ A mới",
        effective_date=date(2025, 3, 1),
        document=DOC,
        user=None,
    )
    organisation_move(
        organisation=world["A"],
        parent=province_ward,
        effective_date=date(2025, 4, 1),
        document=DOC,
        user=None,
    )
    # The figures add up on both sides of each event (rows() checks the sums).
    assert rows(date(2025, 2, 28))["total"] == (1, 9)
    assert rows(date(2025, 4, 1))["total"] == (3, 9)
    assert rows(date(2025, 4, 1))["A"] == (2, 4, 2)
    before = tree_on(date(2025, 2, 28))
    assert [node.name for node in before] == ["Đảng bộ thành phố Phủ Lý"]
    assert [node.name for node in before[0].children] == ["Đảng bộ A", "Đảng bộ B", "Đảng bộ D"]
    after = tree_on(date(2025, 4, 1))[0]
    assert [node.name for node in after.children] == [
        "Đảng bộ B",
        "Đảng bộ D",
        "Đảng bộ phường Châu Sơn",
    ]
    ward = after.children[2]
    assert [node.name for node in ward.children] == ["Đảng bộ A mới"]
    assert [cell.name for cell in ward.children[0].cells] == ["Chi bộ a1", "Chi bộ a2"]
    world["A"].refresh_from_db()
    assert world["A"].admitting_committee == province_ward


def test_grassroots_staff_of_a_merged_organisation_see_the_successors_records(
    client, world, make_user
):
    clerk = make_user(Role.GRASSROOTS_STAFF, organisation=world["B"])
    member_of_a = world["a1"].members.first()
    client.force_login(clerk)
    url = reverse("recruitment:member-detail", args=[member_of_a.pk])
    assert client.get(url).status_code == 404
    merge_a_and_b(world)
    assert client.get(url).status_code == 200
    clerk.staff_profile.refresh_from_db()
    assert clerk.staff_profile.organisation.code == "C"


def test_refusals_name_the_rule(world, make_user, vietnamese):
    with pytest.raises(PermissionDenied):
        merge_a_and_b(world, make_user(Role.GRASSROOTS_STAFF, organisation=world["A"]))
    with pytest.raises(ValidationError) as refused:
        organisations_merge(
            predecessors=[world["A"]],
            name="X",
            code="B",
            effective_date=date(2027, 1, 1),
            document=Document(number=" "),
            user=None,
        )
    assert refused.value.messages == [
        "Hãy nhập số văn bản quyết định việc thay đổi.",
        "Việc thay đổi có hiệu lực từ 01/01/2027, sau hôm nay: chỉ ghi nhận khi đã có hiệu lực.",
        "Tổ chức mới phải do hai tổ chức trở lên hợp nhất.",
    ]
    with pytest.raises(ValidationError) as refused:
        organisation_split(
            organisation=world["A"],
            parts=[SplitPart("E", "E", [world["a1"]]), SplitPart("F", "F", [])],
            effective_date=date(2025, 10, 1),
            document=DOC,
            user=None,
        )
    assert refused.value.messages == [
        "Hãy giao mỗi chi bộ của Đảng bộ A cho đúng một tổ chức mới.",
        "F không nhận chi bộ nào.",
    ]
    assert OrganisationEvent.objects.count() == 0
    assert Organisation.objects.filter(code__in=["E", "F"]).count() == 0


def test_divide_keeps_the_total():
    assert divide(6, [4, 1]) == [5, 1]
    assert divide(4, [4, 1]) == [3, 1]
    assert divide(2, [4, 1]) == [2, 0]
    assert divide(7, [1, 1, 1]) == [3, 2, 2]
    assert divide(5, [0, 0]) == [3, 2]


# --- the pages --------------------------------------------------------------------------


def test_board_merges_from_its_page_and_sees_the_structure_of_each_day(client, world, board_head):
    client.force_login(board_head)
    url = reverse("recruitment:organisation-event", args=["merge"])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "effective_date": "01/07/2025",
            "document_number": "15-QĐ/TU",
            "document_date": "20/06/2025",
            "signed_by": "Trần Văn Bình",
            "predecessors": [world["A"].pk, world["B"].pk],
            "name": "Đảng bộ C",
            "code": "C",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:structure") + "?as_of=01/07/2025"
    page = client.get(response["Location"]).content.decode()
    assert 'data-code="C"' in page and 'data-code="A"' not in page
    assert "Đảng bộ A, Đảng bộ B → Đảng bộ C" in page
    assert "15-QĐ/TU (20/06/2025), Trần Văn Bình" in page
    before = client.get(reverse("recruitment:structure"), {"as_of": "30/06/2025"})
    assert 'data-code="A"' in before.content.decode()
    assert 'data-code="C"' not in before.content.decode()


def test_a_refused_event_is_shown_on_the_form_and_writes_nothing(client, world, board_head):
    client.force_login(board_head)
    response = client.post(
        reverse("recruitment:organisation-event", args=["dissolve"]),
        {
            "effective_date": "15/11/2025",
            "document_number": "9-QĐ/TU",
            "organisation": world["D"].pk,
        },
    )
    assert response.status_code == 200
    assert "vẫn còn 1 đảng viên" in response.content.decode()
    assert OrganisationEvent.objects.count() == 0


def test_split_page_asks_for_the_organisation_then_divides_its_cells(client, world, board_head):
    client.force_login(board_head)
    url = reverse("recruitment:organisation-event", args=["split"])
    assert 'name="organisation"' in client.get(url).content.decode()
    step = f"{url}?organisation={world['A'].pk}"
    form = client.get(step).content.decode()
    assert f'name="cell_{world["a1"].pk}"' in form and f'name="cell_{world["a2"].pk}"' in form
    response = client.post(
        step,
        {
            "effective_date": "01/10/2025",
            "document_number": "20-QĐ/TU",
            "first_name": "Đảng bộ E",
            "first_code": "E",
            "second_name": "Chi bộ F",
            "second_code": "F",
            f"cell_{world['a1'].pk}": "1",
            f"cell_{world['a2'].pk}": "2",
        },
    )
    assert response.status_code == 302
    world["a2"].refresh_from_db()
    assert world["a2"].organisation.code == "F"


def test_grassroots_staff_cannot_reorganise_and_see_only_their_own_tree(client, world, make_user):
    client.force_login(make_user(Role.GRASSROOTS_STAFF, organisation=world["A"]))
    for kind in OrganisationEvent.Kind:
        url = reverse("recruitment:organisation-event", args=[kind.value])
        assert client.get(url).status_code == 403
    page = client.get(reverse("recruitment:structure")).content.decode()
    assert 'data-code="A"' in page and "Chi bộ a1" in page
    assert 'data-code="B"' not in page and "Chi bộ b1" not in page
    assert 'id="events"' not in page


def test_structure_page_query_count_does_not_grow_with_organisations_or_events(
    client, world, board_head, make_organisation, make_cell, django_assert_num_queries
):
    client.force_login(board_head)
    merge_a_and_b(world)
    url = reverse("recruitment:structure")
    for round_ in range(2):
        # 1 session, 2 user, 3 staff profile (role); 4 the organisations of the day with their
        # names and parents then, 5 the cells with their organisation then; 6 the events,
        # 7 their successions, 8 the predecessors, 9 the successors; 10-12 the session saved.
        with django_assert_num_queries(12):
            assert client.get(url, {"as_of": "01/07/2025"}).status_code == 200
        make_cell(organisation=make_organisation())
        cell_move(
            cell=world["d1"] if round_ == 0 else world["a1"],
            organisation=make_organisation(),
            effective_date=date(2025, 8, 1 + round_),
            document=DOC,
            user=None,
        )
