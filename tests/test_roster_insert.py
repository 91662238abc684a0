"""How an import writes its new members whatever the database (the COPY path is in
test_roster_copy.py), and how it tells the same citizen ID refused by the database from any
other refusal."""

import sqlite3
from datetime import date

import pytest
from django.db import IntegrityError

from recruitment.models import Member
from recruitment.roster.copy import new_member_defaults
from recruitment.roster.plan import bulk_create_new, same_citizen_id


def test_the_bulk_path_writes_the_values_with_one_history_row_each(make_cell, committee_staff):
    cell = make_cell()
    member = new_member_defaults()
    member.update(
        full_name="Lê Thị Mai",
        name_key="le thi mai",
        gender="female",
        date_of_birth=date(1990, 1, 2),
        citizen_id="035190000002",
        cell_id=cell.pk,
        occupation="teacher",
        decision_date=date(2015, 3, 2),
        status=Member.Status.PROBATIONARY,
    )
    bulk_create_new([member], user=committee_staff, reason="Nhập danh sách: ds.xlsx")
    assert list(Member.objects.values_list("full_name", "citizen_id", "decision_date")) == [
        ("Lê Thị Mai", "035190000002", date(2015, 3, 2))
    ]
    history = Member.history.get()
    assert (history.history_type, history.history_change_reason, history.history_user_id) == (
        "+",
        "Nhập danh sách: ds.xlsx",
        committee_staff.pk,
    )
    bulk_create_new([], user=committee_staff, reason="")  # nothing new: nothing written
    assert Member.history.count() == 1


def refused(cause: Exception) -> IntegrityError:
    try:
        raise IntegrityError(*cause.args) from cause
    except IntegrityError as error:
        return error


@pytest.mark.parametrize(
    ("cause", "same"),
    [
        (sqlite3.IntegrityError("UNIQUE constraint failed: recruitment_member.citizen_id"), True),
        (sqlite3.IntegrityError("CHECK constraint failed: recruitment_member_age"), False),
        (sqlite3.IntegrityError("UNIQUE constraint failed: recruitment_member.party_card"), False),
    ],
)
def test_only_the_citizen_ids_uniqueness_counts_as_someone_else_s_import(cause, same):
    assert same_citizen_id(refused(cause)) is same
