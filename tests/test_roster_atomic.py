"""The roster import writes every row or none, even when the database refuses a row part-way
through the writes (issue 18: the other all-or-nothing test stops before anything is written).
"""

from datetime import date

import pytest
from django.db import IntegrityError

from recruitment.models import ImportBatch, Member
from recruitment.roster.plan import RowsRejected, apply_plan
from recruitment.roster.read import read
from tests.test_roster_import import HEADER, person, workbook_bytes


# Not inside the test's own transaction: without the import's, the first rows would stay.
@pytest.mark.django_db(transaction=True)
def test_a_row_the_database_refuses_after_new_rows_were_written_leaves_nothing(
    organisation, make_member, committee_staff
):
    cell = organisation.cells.get(name="Chi bộ số 1")
    held = make_member(
        cell=cell,
        full_name="Trần Văn B",
        gender="male",
        date_of_birth=date(1985, 1, 3),
        citizen_id="035085000002",
        decision_date=date(2010, 3, 3),
        ceremony_date=date(2010, 3, 8),
        official_date=date(2011, 3, 8),
    )
    # A roster with no ceremony column. Row 4 is new; row 5 moves the held member's official
    # date to 05/03/2010, before the ceremony of 08/03/2010 that the file does not give: the
    # row check cannot see it, the database's constraint refuses it, after row 4 was written.
    header = [title for title in HEADER if title != "Ngày tổ chức lễ kết nạp"]
    rows = [person(1), person(2, c8=date(2010, 3, 5))]
    data = workbook_bytes(
        [["ĐẢNG BỘ PHƯỜNG MINH KHAI"], ["DANH SÁCH ĐẢNG VIÊN"], header]
        + [row[:7] + row[8:] for row in rows]
    )
    roster = read(data, filename="ds.xlsx")
    with pytest.raises((IntegrityError, RowsRejected)):
        apply_plan(roster, organisation, user=committee_staff, file_name="ds.xlsx", sha256="0" * 64)
    assert list(Member.objects.values_list("citizen_id", flat=True)) == ["035085000002"]
    held.refresh_from_db()
    assert held.official_date == date(2011, 3, 8) and held.version == 1
    assert not ImportBatch.objects.exists()
    assert held.history.count() == 1
