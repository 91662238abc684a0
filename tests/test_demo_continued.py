"""The demo continued after its snapshot: the published figures as of 26/03/2024 still hold
on the dashboard, the reorganisation of 01/07/2025 happened through the board's services,
and the 2025 and 2026 dashboards show real work that adds up (README: the mapping is
illustrative)."""

import io
import math
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import call_command

from recruitment import stats
from recruitment.models import Member, Organisation, OrganisationEvent, Quota


def board(year: int, day: date):
    found = stats.dashboard(year=year, as_of=day)
    # Every view adds up: the organisations' rows to the committee's figures.
    assert sum(row.admitted for row in found.organisations) == found.admitted.value
    assert sum(row.quota or 0 for row in found.organisations) == found.quotas_sum
    assert sum(row.admitted_in_term for row in found.organisations) == found.term.value
    return found


def test_the_continued_demo_keeps_the_snapshot_and_adds_up_after_the_reorganisation(db):
    call_command("seed_demo", stdout=io.StringIO())

    snapshot = board(2024, date(2024, 3, 26))
    assert len(snapshot.organisations) == 68
    assert (snapshot.admitted.value, snapshot.admitted.target) == (47, 205)
    assert (snapshot.term_name, snapshot.term.value, snapshot.term.target) == (
        "2020–2025",
        484,
        500,
    )
    assert snapshot.committee.title == "Thành ủy Phủ Lý"
    assert board(2023, date(2023, 12, 31)).admitted.value == 201

    before = board(2025, date(2025, 6, 30))
    assert len(before.organisations) == 68
    assert before.admitted.target == 210 and before.quotas_sum == 210

    # 21 ward organisations became 6 (one per ward merged, one split in two first).
    after = board(2025, date(2025, 12, 31))
    assert len(after.organisations) == 68 - 21 + 6
    assert after.admitted.value == 214
    assert after.quotas_sum == 210  # the 2025 quotas passed on to the successors
    assert (after.term_name, after.term.target) == ("2025–2030", 1100)
    assert after.committee.title == "Tỉnh ủy Ninh Bình"

    # The 2020–2025 term, as of its last day, in the new structure, adds up to its members.
    term_end = board(2025, date(2025, 7, 31))
    in_term = Member.objects.filter(
        decision_date__gte=date(2020, 8, 1), decision_date__lte=date(2025, 7, 31)
    ).count()
    assert (term_end.term_name, term_end.term.value) == ("2020–2025", in_term)

    # 2026: the quota handed down is 2.2 % of the members on 1 January, rounded up.
    now = board(2026, date(2026, 10, 31))
    assert now.admitted.value == 171
    members = Member.objects.filter(decision_date__lt=date(2026, 1, 1)).count()
    quota = Quota.objects.get(organisation=None, year=2026, kind="admissions", basis="assigned")
    assert quota.target == math.ceil(members * 22 / 1000) == now.admitted.target
    assert str(quota.share) == "2.20"
    assert now.quotas_sum == quota.target

    events = OrganisationEvent.objects.values_list("kind", flat=True)
    assert sorted(set(events)) == ["dissolve", "merge", "move", "split"]
    assert list(events).count("move") == 68 and list(events).count("merge") == 4
    city = Organisation.objects.get(code="PL")
    assert city.active_to == date(2025, 6, 30)
    clerk = get_user_model().objects.get(username="coso.cs01")
    assert clerk.staff_profile.organisation.code == "PPL-KDC"
