"""Each admission rule: a passing and a refusing case, at the boundary."""

from datetime import date

import pytest

from recruitment import rules, workdays
from recruitment.models import RuleSet

pytestmark = pytest.mark.usefixtures("vietnamese")

PARAMS = RuleSet(effective_from=date(2021, 7, 30), reference="Quy định 24-QĐ/TW")


def age_problems(born: date, on: date, consent: bool = False) -> list[str]:
    return rules.check_age(date_of_birth=born, on=on, params=PARAMS, over_age_consent=consent)


def test_age_on_the_eighteenth_birthday_passes():
    assert age_problems(date(2006, 3, 26), date(2024, 3, 26)) == []


def test_age_on_the_day_before_the_eighteenth_birthday_is_refused():
    problems = age_problems(date(2006, 3, 26), date(2024, 3, 25))
    assert len(problems) == 1
    assert "17 tuổi 11 tháng" in problems[0] and "18" in problems[0]


def test_age_of_sixty_years_zero_months_passes():
    # Born 26/02/1964: on 26/03/2024 sixty years and one month, on 25/03/2024 sixty and zero.
    assert age_problems(date(1964, 2, 26), date(2024, 3, 25)) == []


def test_age_of_sixty_years_months_54_is_refused_without_consent_and_passes_with_it():
    problems = age_problems(date(1964, 2, 26), date(2024, 3, 26))
    assert len(problems) == 1 and "60 tuổi 1 tháng" in problems[0]
    assert age_problems(date(1964, 2, 26), date(2024, 3, 26), consent=True) == []


def test_certificate_valid_on_its_last_day():
    # Civil Code art. 147-148: 60 months from 26/03/2019 end at the end of 26/03/2024.
    issued = date(2019, 3, 26)
    assert rules.certificate_valid_until(issued, PARAMS) == date(2024, 3, 26)
    assert (
        rules.check_certificate(certificate_date=issued, on=date(2024, 3, 25), params=PARAMS) == []
    )
    assert (
        rules.check_certificate(certificate_date=issued, on=date(2024, 3, 26), params=PARAMS) == []
    )


def test_certificate_expired_the_day_after_is_refused():
    problems = rules.check_certificate(
        certificate_date=date(2019, 3, 26), on=date(2024, 3, 27), params=PARAMS
    )
    assert len(problems) == 1
    assert "26/03/2024" in problems[0] and "60" in problems[0]


def test_certificate_of_31_january_is_valid_through_31_january_five_years_on():
    issued = date(2019, 1, 31)
    assert rules.certificate_valid_until(issued, PARAMS) == date(2024, 1, 31)
    assert (
        rules.check_certificate(certificate_date=issued, on=date(2024, 1, 30), params=PARAMS) == []
    )
    assert (
        rules.check_certificate(certificate_date=issued, on=date(2024, 1, 31), params=PARAMS) == []
    )
    problems = rules.check_certificate(certificate_date=issued, on=date(2024, 2, 1), params=PARAMS)
    assert len(problems) == 1 and "31/01/2024" in problems[0] and "01/02/2024" in problems[0]


def test_certificate_ending_in_a_shorter_month_ends_on_its_last_day():
    # 31/08/2019 + 60 months: February 2024 has no 31st, so the period ends on 29/02/2024.
    months_54 = RuleSet(effective_from=date(2026, 1, 1), reference="x", certificate_valid_months=54)
    issued = date(2019, 8, 31)
    assert rules.certificate_valid_until(issued, months_54) == date(2024, 2, 29)
    assert (
        rules.check_certificate(certificate_date=issued, on=date(2024, 2, 29), params=months_54)
        == []
    )
    assert rules.check_certificate(certificate_date=issued, on=date(2024, 3, 1), params=months_54)


def test_certificate_validity_follows_the_rule_set():
    shorter = RuleSet(effective_from=date(2026, 1, 1), reference="x", certificate_valid_months=36)
    assert rules.check_certificate(
        certificate_date=date(2021, 3, 26), on=date(2024, 3, 27), params=shorter
    )
    assert not rules.check_certificate(
        certificate_date=date(2021, 3, 26), on=date(2024, 3, 26), params=shorter
    )


def test_application_dated_on_the_personal_history_date_passes():
    day = date(2024, 1, 10)
    assert rules.check_application_dates(application_date=day, history_date=day) == []


def test_application_after_personal_history_is_refused():
    problems = rules.check_application_dates(
        application_date=date(2024, 1, 11), history_date=date(2024, 1, 10)
    )
    assert len(problems) == 1 and "11/01/2024" in problems[0] and "10/01/2024" in problems[0]


def test_stage_dated_before_previous_stage_is_refused():
    assert rules.check_not_before(
        day=date(2024, 1, 9), previous_day=date(2024, 1, 10), previous_stage="Đơn"
    )
    assert (
        rules.check_not_before(
            day=date(2024, 1, 10), previous_day=date(2024, 1, 10), previous_stage="Đơn"
        )
        == []
    )


@pytest.mark.parametrize(
    ("votes_for", "eligible", "passes"),
    [(6, 9, True), (5, 9, False), (2, 3, True), (1, 3, False), (6, 8, True), (5, 8, False)],
)
def test_vote_needs_two_thirds_of_those_entitled(votes_for, eligible, passes):
    problems = rules.check_vote(
        votes_for=votes_for, votes_against=0, eligible=eligible, params=PARAMS, body="chi bộ"
    )
    assert (problems == []) is passes
    if not passes:
        assert f"{votes_for}/{eligible}" not in problems[0]  # states figures separately
        assert str(rules.votes_needed(eligible=eligible, params=PARAMS)) in problems[0]


def test_vote_with_more_ballots_than_members_is_refused():
    problems = rules.check_vote(
        votes_for=8, votes_against=2, eligible=9, params=PARAMS, body="chi bộ"
    )
    assert problems and "10" in problems[0]


def introducer(name="Trần Văn An", official=True, is_candidate=False, since=date(2022, 1, 1)):
    return rules.IntroducerFacts(
        name=name, is_official=official, is_candidate=is_candidate, known_since=since
    )


def introduction_problems(
    kind, introducers, *, youth=True, born=date(2000, 5, 1), on=date(2024, 3, 1)
):
    return rules.check_introduction(
        kind=kind,
        introducers=introducers,
        on=on,
        youth_union_member=youth,
        date_of_birth=born,
        params=PARAMS,
    )


def test_two_official_members_who_have_known_the_candidate_a_year_pass():
    assert introduction_problems("two_members", [introducer(), introducer("Lê Thị Bình")]) == []


def test_introducer_known_exactly_twelve_months_passes_and_one_day_less_is_refused():
    assert introduction_problems("youth_union", [introducer(since=date(2023, 3, 1))]) == []
    problems = introduction_problems("youth_union", [introducer(since=date(2023, 3, 2))])
    assert len(problems) == 1 and "02/03/2023" in problems[0] and "12" in problems[0]


def test_probationary_introducer_is_refused():
    problems = introduction_problems(
        "two_members", [introducer(), introducer("Lê Thị Bình", official=False)]
    )
    assert len(problems) == 1 and "Lê Thị Bình" in problems[0]


def test_candidate_cannot_introduce_themself():
    problems = introduction_problems("two_members", [introducer(), introducer(is_candidate=True)])
    assert len(problems) == 1


def test_two_members_route_needs_two():
    assert introduction_problems("two_members", [introducer()])


def test_youth_union_route_needs_a_youth_union_member_of_youth_age():
    assert introduction_problems("youth_union", [introducer()], youth=False)
    # 30 years old on the date passes, 31 is past youth age.
    assert introduction_problems("youth_union", [introducer()], born=date(1994, 3, 1)) == []
    problems = introduction_problems("youth_union", [introducer()], born=date(1993, 3, 1))
    assert len(problems) == 1 and "31" in problems[0]


def test_trade_union_route_needs_one_official_member():
    assert introduction_problems("trade_union", [introducer()], youth=False) == []
    assert introduction_problems("trade_union", [introducer(), introducer("B")], youth=False)


def test_education_below_lower_secondary_needs_an_exception():
    assert rules.check_education(general_education="9/12", exception=False) == []
    assert rules.check_education(general_education="8/12", exception=False)
    assert rules.check_education(general_education="8/12", exception=True) == []
    assert rules.check_education(general_education="7/10", exception=False) == []


def test_tet_inside_a_deadline_pushes_it_back():
    # Cell resolution on 31/01/2024: 30 working days skip the weekends and Tết (08-14/02/2024).
    due = workdays.add_working_days(date(2024, 1, 31), 30)
    assert due == date(2024, 3, 20)
    # Without the Tết holidays the thirtieth working day would be 13/03/2024.
    assert workdays.working_days_between(date(2024, 2, 7), date(2024, 2, 15)) == 1
    assert not workdays.is_working_day(date(2024, 2, 12))
    assert "Tết" in workdays.holiday_name(date(2024, 2, 10))


def test_a_saturday_worked_in_exchange_is_a_working_day():
    assert workdays.is_working_day(date(2024, 5, 4))
    assert not workdays.is_working_day(date(2024, 4, 29))


def test_decision_within_sixty_working_days_passes_and_extension_allows_thirty_more():
    start = date(2024, 1, 31)
    due = workdays.add_working_days(start, 60)
    check = lambda day, extended: rules.check_deadline(  # noqa: E731
        start=start, day=day, workdays=60, extension=30, extended=extended, what="Quyết định"
    )
    assert check(due, False) == []
    late = workdays.add_working_days(start, 61)
    problems = check(late, False)
    assert len(problems) == 1 and due.strftime("%d/%m/%Y") in problems[0]
    assert check(late, True) == []
    latest = workdays.add_working_days(start, 90)
    assert check(latest, True) == []
    assert check(workdays.add_working_days(start, 91), True)
