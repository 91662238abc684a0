"""The Government's working-day swaps, entered by staff, count in every deadline: the 2026
New Year swap (công văn 12729/VPCP-KGVX) moves Friday 02/01/2026 off and makes Saturday
10/01/2026 a working day."""

from datetime import date

import pytest
from django.urls import reverse

from recruitment import workdays
from recruitment.models import WorkdayOverride

NEW_YEAR_EVE = date(2025, 12, 31)


@pytest.fixture
def stored_overrides(db):
    """Read the overrides from the database, as the running site does (the migration
    recorded the 2026 New Year swap)."""
    workdays.forget_overrides()
    yield
    workdays.preload_overrides({})


def test_without_the_swap_the_holiday_library_counts_friday_2_january(db):
    # What the issue reports: the library alone makes 05/01 the 2nd working day.
    assert workdays.add_working_days(NEW_YEAR_EVE, 2) == date(2026, 1, 5)


def test_the_migration_records_the_2026_new_year_swap(stored_overrides):
    swap = {item.date: item.kind for item in WorkdayOverride.objects.filter(date__year=2026)}
    assert swap == {
        date(2026, 1, 2): WorkdayOverride.Kind.DAY_OFF,
        date(2026, 1, 10): WorkdayOverride.Kind.WORKING_DAY,
    }


@pytest.mark.parametrize(
    ("count", "day"),
    [
        (1, date(2026, 1, 5)),  # 01/01 holiday, 02/01 off by the swap, 03-04 weekend
        (2, date(2026, 1, 6)),
        (5, date(2026, 1, 9)),
        (6, date(2026, 1, 10)),  # the Saturday worked in exchange
        (7, date(2026, 1, 12)),
    ],
)
def test_deadlines_count_the_swap(stored_overrides, count, day):
    assert workdays.add_working_days(NEW_YEAR_EVE, count) == day


def test_working_days_between_counts_the_swap(stored_overrides):
    assert workdays.working_days_between(NEW_YEAR_EVE, date(2026, 1, 2)) == 0
    assert workdays.working_days_between(NEW_YEAR_EVE, date(2026, 1, 10)) == 6


def test_an_override_saved_or_deleted_is_used_at_once_without_a_query_per_call(
    stored_overrides, django_assert_num_queries
):
    day = date(2027, 6, 11)  # a Friday
    assert workdays.is_working_day(day)
    change = WorkdayOverride.objects.create(
        date=day, kind=WorkdayOverride.Kind.DAY_OFF, document="Thông báo 1/TB-VPCP"
    )
    with django_assert_num_queries(1):  # the overrides, read once after the change
        assert not workdays.is_working_day(day)
        assert workdays.add_working_days(date(2027, 6, 9), 2) == date(2027, 6, 14)
        assert not workdays.is_working_day(day)
    change.delete()
    assert workdays.is_working_day(day)


def test_calendar_page_shows_the_year_with_the_swap_and_its_document(
    client, committee_staff, stored_overrides
):
    client.force_login(committee_staff)
    content = client.get(reverse("recruitment:workday-calendar"), {"year": 2026}).content.decode()
    assert "12729/VPCP-KGVX" in content and "02/01/2026" in content and "10/01/2026" in content
    assert 'id="day-2026-01-02" class="table-info"' in content
    assert 'id="day-2026-01-05" class=""' in content  # an ordinary Monday
    assert 'id="day-2026-01-03" class="table-secondary"' in content  # a Saturday off


def test_calendar_page_with_a_bad_year_falls_back_to_this_year(client, committee_staff):
    client.force_login(committee_staff)
    response = client.get(reverse("recruitment:workday-calendar"), {"year": "99999999999"})
    assert response.status_code == 200


def test_calendar_page_query_count(client, committee_staff, django_assert_num_queries):
    client.force_login(committee_staff)
    url = reverse("recruitment:workday-calendar")
    client.get(url)
    # The session, the user, the year's changes (once, for the grid and the list), the staff
    # profile (the menu), and the session's save in its savepoint (3). The overrides the
    # working days read are cached: no query.
    with django_assert_num_queries(7):
        client.get(url, {"year": 2026})


def test_committee_staff_may_add_a_change_in_the_admin(client, committee_staff):
    client.force_login(committee_staff)
    response = client.post(
        reverse("admin:recruitment_workdayoverride_add"),
        {"date": "04/09/2026", "kind": "day_off", "document": "Công văn 1/VPCP", "notes": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert WorkdayOverride.objects.filter(date=date(2026, 9, 4)).exists()
