"""The deadlines page asks the database only for probationary members whose ceremony came
on or before ``RuleSets.latest_ceremony_due_soon(today)``: no member left out may have a
recognition vote overdue or due within 30 days, whatever the probation of the rule set."""

from datetime import date, timedelta

import pytest

from recruitment import deadlines
from recruitment.models import Member, RuleSet
from recruitment.states import DeadlineStatus


def held(ceremony: date) -> deadlines.ListedMember:
    """A probationary member as the deadlines page reads one, without a database row."""
    return deadlines.ListedMember(
        pk=1,
        full_name="Đảng viên",
        status=Member.Status.PROBATIONARY,
        ceremony_date=ceremony,
        organisation_id=1,
        organisation_name="Chi bộ",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("months", [0, 1, 6, 11, 12, 13, 24])
def test_no_member_left_out_has_a_vote_due_soon(months):
    RuleSet.objects.update(probation_months=months, recognition_vote_deadline_workdays=0)
    rule_sets = deadlines.RuleSets()
    for today in (date(2024, 3, 26), date(2024, 2, 29), date(2025, 12, 31), date(2026, 1, 31)):
        cutoff = rule_sets.latest_ceremony_due_soon(today)
        # Every ceremony from the day after the cutoff over the next two years.
        for offset in range(1, 800):
            member = held(cutoff + timedelta(days=offset))
            for deadline in deadlines.member_deadlines(member, rule_sets):
                assert deadline.status(today) == DeadlineStatus.LATER, (months, today, member)


@pytest.mark.django_db
def test_the_cutoff_is_a_year_less_thirty_days_less_three_with_the_usual_probation():
    RuleSet.objects.update(probation_months=12)
    cutoff = deadlines.RuleSets().latest_ceremony_due_soon(date(2024, 3, 26))
    assert cutoff == date(2023, 4, 29)  # 25/04/2024 - 362 days (2024 is a leap year)


@pytest.mark.django_db
def test_the_shortest_probation_of_any_rule_set_counts():
    first = RuleSet.objects.order_by("effective_from").first()
    RuleSet.objects.update(probation_months=12)
    RuleSet.objects.filter(pk=first.pk).update(probation_months=6)
    cutoff = deadlines.RuleSets().latest_ceremony_due_soon(date(2024, 3, 26))
    assert cutoff == date(2023, 11, 12)  # 25/04/2024 - (6 x 28 - 3 = 165) days
