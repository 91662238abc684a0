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
