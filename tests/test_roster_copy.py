"""The PostgreSQL path of a roster import: members written by COPY and their history by one
INSERT ... SELECT. On SQLite the import takes simple_history's bulk_create instead, so this
is shown as a skip there, not passed silently (issue 18)."""

from datetime import date

import pytest
from django.db import connection

from recruitment.models import Member
from recruitment.roster.copy import create_members_with_history, new_member_defaults

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="COPY is PostgreSQL's; SQLite imports with bulk_create (tests/test_roster_import.py)",
)


def test_copy_writes_the_values_as_given_with_one_history_row_each(make_cell, committee_staff):
    cell = make_cell()
    tricky = 'Nguyễn "Văn", An\nlần 2'  # a quote, a comma and a line break in one name
    values = []
    for n, (name, card) in enumerate([(tricky, ""), ("Lê Thị Mai", "")], start=1):
        member = new_member_defaults()
        member.update(
            full_name=name,
            name_key=f"key {n}",
            gender="female",
            date_of_birth=date(1990, 1, n),
            citizen_id=f"03519000000{n}",
            cell_id=cell.pk,
            occupation="teacher",
            decision_date=date(2015, 3, 2),
            ceremony_date=None,
            official_date=None,
            status=Member.Status.PROBATIONARY,
            party_card_number=card,
        )
        values.append(member)
    create_members_with_history(values, user=committee_staff, reason="Nhập danh sách: ds.xlsx")
    rows = list(
        Member.objects.order_by("citizen_id").values_list(
            "full_name", "date_of_birth", "ceremony_date", "party_card_number"
        )
    )
    assert rows == [
        (tricky, date(1990, 1, 1), None, ""),
        ("Lê Thị Mai", date(1990, 1, 2), None, ""),
    ]
    history = Member.history.order_by("citizen_id")
    assert [(h.full_name, h.history_type, h.history_change_reason) for h in history] == [
        (tricky, "+", "Nhập danh sách: ds.xlsx"),
        ("Lê Thị Mai", "+", "Nhập danh sách: ds.xlsx"),
    ]
    assert {h.history_user_id for h in history} == {committee_staff.pk}


def test_copy_of_more_rows_than_one_read_writes_every_row_once(make_cell):
    # COPY reads the rows 1,000 at a time (CsvRows): 2,500 take three reads and a last one.
    cell = make_cell()
    members = (
        {
            **new_member_defaults(),
            "full_name": f"Trần Văn Số {n}",
            "name_key": f"tran van so {n}",
            "gender": "male",
            "date_of_birth": date(1980, 1, 1),
            "citizen_id": f"0350800{n:05d}",
            "cell_id": cell.pk,
            "occupation": "teacher",
            "decision_date": date(2010, 5, 19),
            "status": Member.Status.PROBATIONARY,
        }
        for n in range(2500)
    )
    create_members_with_history(members, user=None, reason="Nhập danh sách: lớn.xlsx")
    ids = list(Member.objects.order_by("citizen_id").values_list("citizen_id", flat=True))
    assert len(ids) == 2500
    assert (ids[0], ids[999], ids[1000], ids[-1]) == (
        "035080000000",
        "035080000999",
        "035080001000",
        "035080002499",
    )
    assert Member.history.filter(history_type="+").count() == 2500
