"""The roster import writes every row or none, even when the database refuses a row part-way
through the writes (issue 18: the other all-or-nothing test stops before anything is written).
"""

from datetime import date

import pytest
from django.db import IntegrityError

from recruitment.models import ImportBatch, Member
from recruitment.roster.plan import RowsRejected, apply_plan
from recruitment.roster.read import read
from tests.test_roster_import import official_before_held_ceremony


# Not inside the test's own transaction: without the import's, the first rows would stay.
@pytest.mark.django_db(transaction=True)
def test_a_row_the_database_refuses_after_new_rows_were_written_leaves_nothing(
    organisation, make_member, committee_staff
):
    held, data = official_before_held_ceremony(organisation, make_member)
    roster = read(data, filename="ds.xlsx")
    with pytest.raises((IntegrityError, RowsRejected)):
        apply_plan(roster, organisation, user=committee_staff, file_name="ds.xlsx", sha256="0" * 64)
    assert list(Member.objects.values_list("citizen_id", flat=True)) == ["035085000002"]
    held.refresh_from_db()
    assert held.official_date == date(2011, 3, 8) and held.version == 1
    assert not ImportBatch.objects.exists()
    assert held.history.count() == 1
