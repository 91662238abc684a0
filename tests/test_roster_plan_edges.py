"""The roster plan's details that the import tests leave open (issue 18, from the mutants
that survived ``make mutate``): where a problem is reported, and what a new member gets
that the file does not say."""

from datetime import date

import pytest

from recruitment.models import Member
from recruitment.roster.plan import apply_plan, make_plan
from recruitment.roster.read import read
from tests.test_roster_import import person, roster_file

pytestmark = pytest.mark.usefixtures("vietnamese")


def test_a_repeated_citizen_id_is_reported_on_the_second_row_naming_the_first(organisation):
    roster = read(roster_file(person(1), person(2, c4="035085000001")), filename="ds.xlsx")
    plan = make_plan(roster, organisation, today=date(2024, 3, 26))
    assert [row.action for row in plan.rows] == ["new", "rejected"]
    assert [(p.row, p.column, p.message) for p in plan.rows[1].problems] == [
        (5, "Số CCCD", "trùng số CCCD với dòng 4")
    ]


def test_a_citizen_id_of_another_organisations_member_is_refused_without_saying_whose(
    organisation, make_member
):
    make_member(citizen_id="035085000001", gender="male", date_of_birth=date(1985, 1, 2))
    roster = read(roster_file(person(1)), filename="ds.xlsx")
    plan = make_plan(roster, organisation, today=date(2024, 3, 26))
    assert [(p.row, p.column, p.message) for p in plan.rows[0].problems] == [
        (4, "Số CCCD", "không nhập được số CCCD này vào tổ chức này: hãy kiểm tra lại")
    ]


def test_a_new_member_without_an_official_date_is_probationary_with_no_card(
    organisation, committee_staff
):
    # Row 4: admitted 02/03/2010, ceremony 07/03/2010, no official date, no occupation.
    roster = read(roster_file(person(1, c8=None)), filename="ds.xlsx")
    apply_plan(roster, organisation, user=committee_staff, file_name="ds.xlsx", sha256="0" * 64)
    member = Member.objects.get(citizen_id="035085000001")
    assert (member.status, member.official_date, member.party_card_number) == (
        "probationary",
        None,
        "",
    )
    assert member.occupation == "other"
    assert member.name_key == "tran van a"
