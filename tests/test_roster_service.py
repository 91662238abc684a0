"""The roster service as the pages, the command and the admin call it: a file read, what it
would change, and the import (every row or none), each with the queries it costs."""

import hashlib

import pytest

from recruitment.models import ImportBatch, Member
from recruitment.roster.plan import ImportChanged
from recruitment.roster.read import RosterFileError
from recruitment.roster.service import roster_import, roster_preview, roster_read
from tests.test_roster_import import person, roster_file


def read(*rows):
    return roster_read(data=roster_file(*rows), file_name="ds.xlsx")


def test_a_file_that_is_not_a_roster_is_refused_with_the_reason():
    with pytest.raises(RosterFileError, match="Excel"):
        roster_read(data=b"%PDF-1.4 not a roster", file_name="ds.xlsx")
    # A file not named .csv is taken for a workbook, whatever its name says.
    with pytest.raises(RosterFileError, match="Excel"):
        roster_read(data=b"%PDF-1.4 not a roster", file_name="ds.pdf")
    data = roster_file(person(1))
    assert roster_read(data=data, file_name="ds.xlsx").sha256 == hashlib.sha256(data).hexdigest()


def test_preview_counts_the_rows_and_writes_nothing(organisation, django_assert_num_queries):
    small, large = read(person(1)), read(*(person(n, c4=35085000000 + n) for n in range(1, 31)))
    for roster, rows in ((small, 1), (large, 30)):
        # The plan: 1 the organisation's cells, 2 the administrator's roster words, 3 the
        # rule sets, 4 the members with the file's citizen IDs, 5 the organisation's
        # sub-committees; 6 the cells' names, to show the changes with.
        with django_assert_num_queries(6):
            result = roster_preview(organisation=organisation, roster=roster)
        assert result.counts == {"new": rows, "updated": 0, "unchanged": 0, "rejected": 0}
    assert result.batch is None and not Member.objects.exists()
    # Citizen IDs stored as numbers lost their leading zero: restored, each with a warning.
    assert [warning.row for warning in result.warnings] == list(range(4, 34))
    assert result.info == {
        "sheet": "Sheet",
        "header_row": 3,
        "ignored": [],
        "hidden_sheets": [],
        "converted": {},
        "sha256": large.sha256,
    }


def test_import_writes_every_row_and_the_batch(organisation, committee_staff):
    roster = read(person(1), person(2))
    preview = roster_preview(organisation=organisation, roster=roster)
    result = roster_import(
        user=committee_staff,
        organisation=organisation,
        roster=roster,
        file_name="ds.xlsx",
        expected=preview.fingerprint,
    )
    batch = ImportBatch.objects.get()
    assert result.batch == batch and result.fingerprint == preview.fingerprint
    assert (batch.created, batch.file_name, batch.sha256) == (2, "ds.xlsx", roster.sha256)
    assert Member.objects.filter(cell__organisation=organisation).count() == 2


def test_import_with_a_rejected_row_writes_nothing(organisation, committee_staff):
    result = roster_import(
        user=committee_staff,
        organisation=organisation,
        roster=read(person(1), person(2, c4="3.5E+11")),
        file_name="ds.xlsx",
    )
    assert result.batch is None and result.counts["rejected"] == 1
    assert not Member.objects.exists() and not ImportBatch.objects.exists()


def test_import_stops_when_the_members_changed_since_the_preview(organisation, committee_staff):
    roster = read(person(1), person(2))
    preview = roster_preview(organisation=organisation, roster=roster)
    roster_import(
        user=committee_staff, organisation=organisation, roster=read(person(2)), file_name="b"
    )
    with pytest.raises(ImportChanged, match="thay đổi sau khi xem trước"):
        roster_import(
            user=committee_staff,
            organisation=organisation,
            roster=roster,
            file_name="a",
            expected=preview.fingerprint,
        )
    assert Member.objects.count() == 1 and ImportBatch.objects.count() == 1
