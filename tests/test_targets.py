"""Terms and targets: a term and its targets, the year's quotas within it, a target as a
number or as a share of the members on 1 January (shown both ways), and last year's quotas
proposed for this year's organisations, a merged one the sum of its predecessors'."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recruitment import stats
from recruitment.models import MemberEvent, Quota, Term
from recruitment.reorganisation import Document, organisations_merge
from recruitment.targets import TargetInput, members_at_start, parse_target


def test_a_target_is_a_whole_number_or_a_share():
    assert parse_target("12") == TargetInput(number=12)
    assert parse_target(" 3% ") == TargetInput(share=Decimal("3"))
    assert parse_target("2,5 %") == TargetInput(share=Decimal("2.5"))
    assert parse_target("") is None
    for wrong in ("abc", "0%", "101%", "-3", "3.5"):
        with pytest.raises(ValidationError):
            parse_target(wrong)


def test_a_share_is_rounded_up():
    # 3 % of the Phủ Lý committee's 9,805 members is 294.15: 295 admissions.
    assert TargetInput(share=Decimal("3")).resolve(9805) == 295
    assert TargetInput(share=Decimal("3")).resolve(100) == 3
    assert TargetInput(number=7).resolve(100) == 7


@pytest.fixture
def two(make_organisation, make_cell, make_member):
    """A with 4 members and B with 6 on 1 January 2026; one of A's left in 2025, one of B's
    in 2026, one of B's came in 2026."""
    a = make_organisation(code="A", name="Đảng bộ A")
    b = make_organisation(code="B", name="Đảng bộ B")
    cell_a, cell_b = make_cell(organisation=a), make_cell(organisation=b)
    for _ in range(5):
        make_member(cell=cell_a)
    for _ in range(6):
        make_member(cell=cell_b)
    gone = cell_a.members.first()
    gone.status = "transferred_out"
    gone.save()
    MemberEvent.objects.create(member=gone, kind="transferred_out", date=date(2025, 9, 1))
    later = cell_b.members.first()
    later.status = "deceased"
    later.save()
    MemberEvent.objects.create(member=later, kind="deceased", date=date(2026, 2, 1))
    make_member(cell=cell_b, decision_date=date(2026, 3, 1))
    return a, b


def test_members_at_the_start_of_the_year(two):
    a, b = two
    assert members_at_start(2026) == (10, {a.pk: 4, b.pk: 6})


def test_quota_page_takes_shares_and_shows_targets_both_ways(client, board_head, two):
    a, b = two
    client.force_login(board_head)
    url = reverse("recruitment:quotas") + "?year=2026"
    response = client.post(
        url, {"committee_assigned": "20%", f"org_{a.pk}": "30%", f"org_{b.pk}": "1"}
    )
    assert response.status_code == 302
    committee = Quota.objects.get(organisation=None, year=2026, kind="admissions", basis="assigned")
    # 20 % of 10 members is 2; 30 % of A's 4 is 1.2, rounded up to 2.
    assert (committee.target, committee.share) == (2, Decimal("20.00"))
    own = {
        quota.organisation.code: (quota.target, quota.share)
        for quota in Quota.objects.filter(organisation__isnull=False)
    }
    assert own == {"A": (2, Decimal("30.00")), "B": (1, None)}
    page = client.get(url).content.decode()
    # Shown as a share too: A's 2 of 4 is 50 %, B's 1 of 6 is 16.7 %.
    assert 'id="share-A">50,0 %' in page
    assert 'id="share-B">16,7 %' in page
    assert "2: 20,0 % của 10 đảng viên" in page


def test_copying_last_years_quotas_proposes_a_merged_organisation_the_sum(
    client, board_head, two, make_organisation
):
    a, b = two
    d = make_organisation(code="D", name="Đảng bộ D")
    for organisation, target in ((a, 4), (b, 2), (d, 3)):
        Quota.objects.create(organisation=organisation, kind="admissions", year=2025, target=target)
    organisations_merge(
        predecessors=[a, b],
        name="Đảng bộ C",
        code="C",
        effective_date=date(2025, 7, 1),
        document=Document(number="15-QĐ/TU"),
        user=None,
    )
    client.force_login(board_head)
    response = client.get(reverse("recruitment:quotas"), {"year": 2026, "copy": "1"})
    form = response.context["form"]
    proposed = {
        organisation.code: form.initial.get(f"org_{organisation.pk}")
        for organisation in form.organisations
    }
    assert proposed == {"C": 6, "D": 3}
    # Nothing is saved until the board saves.
    assert not Quota.objects.filter(year=2026).exists()


def test_the_board_creates_a_term_and_its_targets(client, board_head, two, make_term):
    a, b = two
    make_term()  # 2020–2025, until 31/07/2025
    client.force_login(board_head)
    url = reverse("recruitment:terms")
    overlapping = client.post(
        url,
        {"create": "1", "name": "2024–2029", "start_date": "01/01/2024", "end_date": "31/12/2029"},
    )
    assert "Đã có nhiệm kỳ khác trong khoảng thời gian này." in overlapping.content.decode()
    response = client.post(
        url,
        {"create": "1", "name": "2025–2030", "start_date": "01/10/2025", "end_date": "30/09/2030"},
    )
    term = Term.objects.get(name="2025–2030")
    assert response["Location"] == f"{url}?term={term.pk}"
    response = client.post(
        f"{url}?term={term.pk}", {"targets": "1", "committee": "60", f"org_{a.pk}": "25"}
    )
    assert response.status_code == 302
    assert set(Quota.objects.filter(term=term).values_list("organisation__code", "target")) == {
        ("A", 25),
        (None, 60),
    }
    board = stats.dashboard(year=2026, as_of=date(2026, 6, 30))
    assert (board.term_name, board.term.target) == ("2025–2030", 60)
    # The quota page of 2026 now works within that term.
    page = client.get(reverse("recruitment:quotas"), {"year": 2026}).content.decode()
    assert "Trong nhiệm kỳ 2025–2030." in page


def test_grassroots_staff_cannot_open_the_terms(client, make_user, two):
    client.force_login(make_user("grassroots_staff", organisation=two[0]))
    assert client.get(reverse("recruitment:terms")).status_code == 403
