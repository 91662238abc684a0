"""More of the roster plan, from the mutants that ``make mutate`` left alive in
``roster/plan.py``: the minimum age of the rules in force on the decision day (and 18 before
any), the administrator's words, a member of a sub-committee updated from the parent's
roster, every row planned whatever comes before it, what the confirmation's fingerprint
holds, a new member's occupation and party card as the file gives them."""

from datetime import date

import pytest

from recruitment.models import Member, Organisation, RosterWord, RuleSet
from recruitment.roster.plan import RowsRejected, apply_plan, make_plan
from recruitment.roster.read import read
from tests.test_roster_import import HEADER, person, roster_file
from tests.test_roster_read import workbook_bytes

pytestmark = pytest.mark.usefixtures("vietnamese")
TODAY = date(2024, 3, 26)


def plan(data, organisation):
    return make_plan(read(data, filename="ds.xlsx"), organisation, today=TODAY)


@pytest.fixture
def rules_of_2024(db):
    """No rules before 01/01/2020; 18 from then; 20 from 15/03/2024 (a made-up change)."""
    RuleSet.objects.all().delete()
    RuleSet.objects.create(effective_from=date(2020, 1, 1), reference="Quy định A")
    RuleSet.objects.create(
        effective_from=date(2024, 3, 15), reference="Quy định B", min_age_years=20
    )


def test_the_minimum_age_is_that_of_the_rules_in_force_on_the_decision_day(
    organisation, rules_of_2024
):
    # Born 15/03/2005: 19 on 15/03/2024, the day the 20-year minimum takes effect; the day
    # before, 18 and under the 18-year rules.
    on_the_day = person(1, c3=date(2005, 3, 15), c4="035205000001", c6=date(2024, 3, 15))
    on_the_day[7] = on_the_day[8] = None  # no ceremony, no official date yet
    day_before = person(2, c3=date(2005, 3, 14), c4="035205000002", c6=date(2024, 3, 14))
    day_before[7] = day_before[8] = None
    rows = plan(roster_file(on_the_day, day_before), organisation).rows
    assert [row.action for row in rows] == ["rejected", "new"]
    assert [(p.column, p.message) for p in rows[0].problems] == [
        ("Ngày vào Đảng", "kết nạp khi 19 tuổi, chưa đủ 20 tuổi")
    ]


def test_before_any_rules_the_minimum_age_is_18(organisation, rules_of_2024):
    # Born 02/03/1992, admitted 02/03/2010 at exactly 18, before the first rules (2020).
    row = person(1, c3=date(1992, 3, 2), c4="035092000001", c6=date(2010, 3, 2))
    assert plan(roster_file(row), organisation).rows[0].action == "new"


def test_the_administrators_words_are_read(organisation):
    RosterWord.objects.create(column="gender", written="Trai", value="male")
    rows = plan(roster_file(person(1, c2="Trai")), organisation).rows
    assert (rows[0].action, rows[0].values["gender"]) == ("new", "male")


def test_a_member_of_a_sub_committee_is_updated_from_the_parents_roster(
    organisation, make_organisation, make_cell, make_member
):
    sub = make_organisation(code="MK-T3", parent=organisation, kind=Organisation.Kind.SUB_COMMITTEE)
    cell = make_cell(organisation=sub, name="Chi bộ Tổ 3")
    make_member(
        cell=cell,
        full_name="Trần Văn A",
        gender="male",
        date_of_birth=date(1985, 1, 2),
        citizen_id="035085000001",
        decision_date=date(2010, 3, 2),
        ceremony_date=date(2010, 3, 7),
        official_date=date(2011, 3, 7),
    )
    rows = plan(roster_file(person(1, cell="Chi bộ Tổ 3", c1="Trần Văn Anh")), organisation).rows
    assert rows[0].action == "updated"
    assert rows[0].changes == [("full_name", "Trần Văn A", "Trần Văn Anh")]


def test_every_row_is_planned_whatever_comes_before_it(organisation, committee_staff):
    roster = read(roster_file(person(1)), filename="ds.xlsx")
    apply_plan(roster, organisation, user=committee_staff, file_name="a", sha256="a")
    # Row 4 rejected, row 5 new, row 6 unchanged, row 7 new.
    data = roster_file(person(9, c2="Khác"), person(2), person(1), person(3))
    result = plan(data, organisation)
    assert [(row.row, row.action) for row in result.rows] == [
        (4, "rejected"),
        (5, "new"),
        (6, "unchanged"),
        (7, "new"),
    ]
    assert result.organisation == organisation
    with pytest.raises(RowsRejected) as error:
        apply_plan(
            read(data, filename="ds.xlsx"),
            organisation,
            user=committee_staff,
            file_name="b",
            sha256="b",
        )
    assert str(error.value) == "Có dòng bị từ chối: chưa nhập dòng nào."
    assert error.value.plan.counts == {"new": 2, "updated": 0, "unchanged": 1, "rejected": 1}


def test_the_fingerprint_holds_the_values_held_and_those_of_the_file(
    organisation, make_cell, committee_staff
):
    make_cell(organisation=organisation, name="Chi bộ số 3")
    apply_plan(
        read(roster_file(person(1)), filename="ds.xlsx"),
        organisation,
        user=committee_staff,
        file_name="a",
        sha256="a",
    )
    to_2 = plan(roster_file(person(1, c5="Chi bộ số 2")), organisation)
    to_3 = plan(roster_file(person(1, c5="Chi bộ số 3")), organisation)
    assert to_2.fingerprint() != to_3.fingerprint()  # the same member, another new value
    Member.objects.update(cell=organisation.cells.get(name="Chi bộ số 3"))
    from_3 = plan(roster_file(person(1, c5="Chi bộ số 2")), organisation)
    assert from_3.fingerprint() != to_2.fingerprint()  # the same new value, another held one
    assert plan(roster_file(person(1, c5="Chi bộ số 2")), organisation).fingerprint() == (
        from_3.fingerprint()
    )


def test_a_new_member_gets_the_occupation_and_party_card_the_file_gives(
    organisation, committee_staff
):
    header = [*HEADER, "Nghề nghiệp", "Số thẻ đảng viên"]
    data = workbook_bytes([["DANH SÁCH ĐẢNG VIÊN"], header, [*person(1), "Giáo viên", "79012345"]])
    apply_plan(
        read(data, filename="ds.xlsx"),
        organisation,
        user=committee_staff,
        file_name="a",
        sha256="a",
    )
    member = Member.objects.get(citizen_id="035085000001")
    assert (member.occupation, member.party_card_number, member.status) == (
        "teacher",
        "79012345",
        "official",
    )
