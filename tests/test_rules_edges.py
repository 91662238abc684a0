"""Branches of the admission rules that the other tests do not reach, and the figures the
rules give, as literals worked out by hand from the rule text (issue 18).

The rule parameters are written out here (Quy định 24-QĐ/TW: 18 to 60 years, a 60-month
certificate, 12 months' acquaintance, two thirds of the votes, 60 + 30 working days for the
decision, 30 for the ceremony) so that a change of the database defaults cannot move them.
"""

from datetime import date
from types import SimpleNamespace

import pytest

from recruitment import rules, workdays

pytestmark = pytest.mark.usefixtures("vietnamese")

PARAMS = SimpleNamespace(
    min_age_years=18,
    max_age_years=60,
    youth_age_years=30,
    certificate_valid_months=60,
    introducer_known_months=12,
    vote_numerator=2,
    vote_denominator=3,
)


# --- Citizen ID: the province code (digits 1-3, 001 to 096) ------------------------------


@pytest.mark.parametrize("code", ["001", "035", "096"])
def test_a_province_code_from_001_to_096_passes(code):
    assert (
        rules.citizen_id_problems(
            f"{code}190000123", date_of_birth=date(1990, 1, 1), gender="female"
        )
        == []
    )


@pytest.mark.parametrize("code", ["000", "097", "999"])
def test_a_province_code_outside_001_to_096_is_refused(code):
    assert rules.citizen_id_problems(
        f"{code}190000123", date_of_birth=date(1990, 1, 1), gender="female"
    ) == [f"Ba chữ số đầu ({code}) không phải là mã tỉnh."]


@pytest.mark.parametrize("citizen_id", ["03519000012", "0351900001234", "03519000012A"])
def test_a_citizen_id_of_other_than_twelve_digits_is_refused(citizen_id):
    problems = rules.citizen_id_problems(
        citizen_id, date_of_birth=date(1990, 1, 1), gender="female"
    )
    assert len(problems) == 1 and "12" in problems[0]


def test_the_century_digit_for_the_twenty_first_and_twenty_second_centuries():
    # Digit 4: 2/3 for 2000-2099 male/female, 4/5 for 2100-2199.
    assert rules.expected_century_gender_digit(date(2003, 1, 1), "male") == "2"
    assert rules.expected_century_gender_digit(date(2003, 1, 1), "female") == "3"
    assert rules.expected_century_gender_digit(date(2100, 1, 1), "female") == "5"
    assert rules.expected_century_gender_digit(date(1899, 12, 31), "male") is None


def test_the_birth_year_digits_are_checked():
    problems = rules.citizen_id_problems(
        "035191000123", date_of_birth=date(1990, 1, 1), gender="female"
    )
    assert len(problems) == 1 and "91" in problems[0] and "1990" in problems[0]


# --- Certificate and application ----------------------------------------------------------


def test_no_certificate_is_refused():
    assert rules.check_certificate(certificate_date=None, on=date(2024, 3, 26), params=PARAMS) == [
        "Lớp bồi dưỡng nhận thức về Đảng: chưa ghi nhận giấy chứng nhận."
    ]


def test_a_certificate_is_valid_through_the_same_day_sixty_months_on():
    # Issued 15/03/2019: valid through 15/03/2024 (Civil Code, art. 147-148), not on 16/03.
    assert rules.certificate_valid_until(date(2019, 3, 15), PARAMS) == date(2024, 3, 15)
    check = rules.check_certificate
    assert check(certificate_date=date(2019, 3, 15), on=date(2024, 3, 15), params=PARAMS) == []
    problems = check(certificate_date=date(2019, 3, 15), on=date(2024, 3, 16), params=PARAMS)
    assert len(problems) == 1 and "15/03/2024" in problems[0] and "60" in problems[0]


def test_no_personal_history_date_is_refused():
    assert rules.check_application_dates(application_date=date(2024, 1, 10), history_date=None) == [
        "Đơn xin vào Đảng: phải nhập ngày khai lý lịch của người xin vào Đảng."
    ]


def test_the_application_may_be_dated_the_same_day_as_the_history_not_after():
    check = rules.check_application_dates
    assert check(application_date=date(2024, 1, 10), history_date=date(2024, 1, 10)) == []
    problems = check(application_date=date(2024, 1, 11), history_date=date(2024, 1, 10))
    assert len(problems) == 1 and "11/01/2024" in problems[0] and "10/01/2024" in problems[0]


# --- Age -------------------------------------------------------------------------------------


def test_age_sixty_years_exactly_passes_and_a_day_more_needs_the_consent():
    born = date(1964, 3, 26)
    check = rules.check_age
    assert (
        check(date_of_birth=born, on=date(2024, 3, 26), params=PARAMS, over_age_consent=False) == []
    )
    # 60 years and 1 month: over the maximum.
    problems = check(
        date_of_birth=born, on=date(2024, 4, 26), params=PARAMS, over_age_consent=False
    )
    assert len(problems) == 1 and "60" in problems[0] and "1" in problems[0]
    assert (
        check(date_of_birth=born, on=date(2024, 4, 26), params=PARAMS, over_age_consent=True) == []
    )


def test_the_age_message_gives_years_and_months():
    problems = rules.check_age(
        date_of_birth=date(2006, 5, 17), on=date(2024, 3, 26), params=PARAMS, over_age_consent=False
    )
    # 17 years 10 months (17/05/2006 to 26/03/2024).
    assert len(problems) == 1 and "17" in problems[0] and "10" in problems[0]


# --- Education: grade 9 of 12, grade 7 of the old 10-year system ----------------------------


def test_the_old_ten_year_system_needs_grade_seven():
    assert rules.check_education(general_education="7/10", exception=False) == []
    problems = rules.check_education(general_education="6/10", exception=False)
    assert len(problems) == 1 and "6/10" in problems[0] and "(7/10)" in problems[0]


def test_grade_nine_of_twelve_passes_grade_eight_does_not():
    assert rules.check_education(general_education="9/12", exception=False) == []
    problems = rules.check_education(general_education="8/12", exception=False)
    assert len(problems) == 1 and "(9/12)" in problems[0]


@pytest.mark.parametrize("text", ["", "lớp 9", "9", "9/12/2000", "a/b"])
def test_malformed_education_is_below_the_minimum(text):
    problems = rules.check_education(general_education=text, exception=False)
    assert len(problems) == 1 and "(9/12)" in problems[0]


def test_malformed_education_with_an_exception_passes():
    assert rules.check_education(general_education="lớp 9", exception=True) == []


# --- Votes: at least two thirds of those entitled, rounded up ------------------------------


@pytest.mark.parametrize(
    ("eligible", "needed"),
    # 2/3 of 8 is 5.33: 6 are needed, not 5.
    [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5), (8, 6), (9, 6), (10, 7), (31, 21)],
)
def test_votes_needed_is_two_thirds_rounded_up(eligible, needed):
    assert rules.votes_needed(eligible=eligible, params=PARAMS) == needed


def test_the_vote_message_names_the_votes_needed():
    problems = rules.check_vote(
        votes_for=5, votes_against=0, eligible=8, params=PARAMS, body="chi bộ"
    )
    assert problems == [
        "Biểu quyết: có 5 phiếu tán thành trên tổng số 8 người có quyền biểu quyết, chưa đạt "
        "2/3 tổng số chi bộ; cần ít nhất 6 phiếu tán thành."
    ]


def test_nobody_entitled_to_vote_is_refused():
    assert rules.check_vote(
        votes_for=0, votes_against=0, eligible=0, params=PARAMS, body="chi bộ"
    ) == ["Biểu quyết: không có chi bộ nào có quyền biểu quyết."]
    assert not rules.vote_passes(votes_for=0, eligible=0, params=PARAMS)


def test_no_votes_for_recorded_is_refused():
    assert rules.check_vote(
        votes_for=None, votes_against=None, eligible=9, params=PARAMS, body="chi bộ"
    ) == ["Biểu quyết: phải nhập số phiếu tán thành."]


def test_as_many_ballots_as_members_is_allowed_one_more_is_not():
    check = rules.check_vote
    assert check(votes_for=6, votes_against=3, eligible=9, params=PARAMS, body="chi bộ") == []
    problems = check(votes_for=6, votes_against=4, eligible=9, params=PARAMS, body="chi bộ")
    assert len(problems) == 1 and "10" in problems[0]


# --- Introduction ------------------------------------------------------------------------


def introducer(known_since: date, **kw) -> rules.IntroducerFacts:
    kw.setdefault("name", "Trần Văn Hùng")
    kw.setdefault("is_official", True)
    kw.setdefault("is_candidate", False)
    return rules.IntroducerFacts(known_since=known_since, **kw)


def introduction(*introducers, on=date(2024, 3, 26), kind="two_members", **kw):
    kw.setdefault("youth_union_member", False)
    kw.setdefault("date_of_birth", date(1990, 5, 17))
    return rules.check_introduction(
        kind=kind, introducers=list(introducers), on=on, params=PARAMS, **kw
    )


def test_an_introducer_known_since_twelve_months_exactly_passes():
    known = date(2023, 3, 26)
    assert introduction(introducer(known), introducer(known, name="Lê Thị Mai")) == []


def test_an_introducer_known_since_a_day_short_of_twelve_months_is_refused():
    problems = introduction(introducer(date(2023, 3, 27)), introducer(date(2023, 3, 26), name="B"))
    assert len(problems) == 1 and "27/03/2023" in problems[0] and "12" in problems[0]


def test_an_introducer_known_since_a_day_in_the_future_is_refused():
    problems = introduction(introducer(date(2024, 3, 27)), introducer(date(2020, 1, 1), name="B"))
    assert len(problems) == 1 and "27/03/2024" in problems[0] and "Trần Văn Hùng" in problems[0]


def test_the_youth_union_introduction_up_to_thirty_years_of_age():
    # Born 26/03/1994: 30 on 26/03/2024 (still youth age), 31 on 26/03/2025.
    born = date(1994, 3, 26)
    one = introducer(date(2020, 1, 1))
    assert introduction(one, kind="youth_union", youth_union_member=True, date_of_birth=born) == []
    problems = introduction(
        one, kind="youth_union", youth_union_member=True, date_of_birth=born, on=date(2025, 3, 26)
    )
    assert len(problems) == 1 and "31" in problems[0] and "30" in problems[0]
    problems = introduction(one, kind="youth_union", youth_union_member=False, date_of_birth=born)
    assert len(problems) == 1


def test_the_wrong_number_of_introducers_and_a_non_official_introducer_are_refused():
    problems = introduction(introducer(date(2020, 1, 1)))
    assert len(problems) == 1 and "2" in problems[0] and "1" in problems[0]
    problems = introduction(
        introducer(date(2020, 1, 1), is_official=False), introducer(date(2020, 1, 1), name="B")
    )
    assert len(problems) == 1 and "Trần Văn Hùng" in problems[0]
    problems = introduction(
        introducer(date(2020, 1, 1), is_candidate=True), introducer(date(2020, 1, 1), name="B")
    )
    assert len(problems) == 1


# --- Deadlines in working days, counted by hand on the 2024 calendar -----------------------
# Days off in 2024 between February and June: Tết 08-14/02, the Hùng Kings 18/04, 29/04
# (in exchange for Saturday 04/05, worked), 30/04 and 01/05; and every Saturday and Sunday
# but 04/05.


def deadline(day, *, start=date(2024, 1, 31), workdays=60, extension=30, extended=False):
    return rules.check_deadline(
        start=start,
        day=day,
        workdays=workdays,
        extension=extension,
        extended=extended,
        what="Quyết định",
    )


def test_sixty_working_days_from_31_january_2024_end_on_6_may():
    # February 16 (1-7: 5, 15-29: 11), March 21, April 19, May 2, 3, Sat 4 and Mon 6: 60.
    assert workdays.add_working_days(date(2024, 1, 31), 60) == date(2024, 5, 6)
    assert workdays.working_days_between(date(2024, 1, 31), date(2024, 5, 6)) == 60
    assert deadline(date(2024, 5, 6)) == []
    problems = deadline(date(2024, 5, 7))
    assert len(problems) == 1 and "06/05/2024" in problems[0] and "30" in problems[0]
    assert deadline(date(2024, 5, 7), extended=True) == []


def test_ninety_working_days_from_31_january_2024_end_on_17_june():
    assert workdays.add_working_days(date(2024, 1, 31), 90) == date(2024, 6, 17)
    assert deadline(date(2024, 6, 17), extended=True) == []
    problems = deadline(date(2024, 6, 18), extended=True)
    assert len(problems) == 1 and "17/06/2024" in problems[0] and "90" in problems[0]
    problems = deadline(date(2024, 6, 18), extended=False)
    assert len(problems) == 1 and "17/06/2024" in problems[0]


def test_thirty_working_days_from_15_march_2024_end_on_2_may():
    # March 18-29: 10, April 1-17: 13, 19: 1, 22-26: 5, May 2: 1; 18/04 and 29/04-01/05 off.
    assert workdays.add_working_days(date(2024, 3, 15), 30) == date(2024, 5, 2)
    check = lambda day: deadline(day, start=date(2024, 3, 15), workdays=30, extension=0)  # noqa: E731
    assert check(date(2024, 5, 2)) == []
    problems = check(date(2024, 5, 3))
    assert len(problems) == 1 and "02/05/2024" in problems[0]


def test_a_deadline_starting_on_a_friday_skips_the_weekend():
    # Friday 15/03/2024 + 1 working day is Monday 18/03/2024.
    assert workdays.add_working_days(date(2024, 3, 15), 1) == date(2024, 3, 18)
    assert workdays.add_working_days(date(2024, 3, 15), 0) == date(2024, 3, 15)
    assert workdays.working_days_between(date(2024, 3, 15), date(2024, 3, 17)) == 0
    assert workdays.working_days_between(date(2024, 3, 18), date(2024, 3, 15)) == 0
