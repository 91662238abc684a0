"""The roster import as django-import-export (the admin's import) sees it, over the same
service as the staff pages and the command: file formats whose dataset is the roster as
``service.roster_read`` reads it, and a resource whose ``import_data`` is
``service.roster_preview`` or ``service.roster_import``, its result turned into the
library's rows.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import Format
from import_export.results import Error, Result, RowResult

from ..models import Member, Organisation
from ..states import RowAction
from ..text import mask_citizen_id
from .check import Problem
from .columns import COLUMNS, header_of
from .plan import ImportChanged, PlannedRow
from .read import Roster, RosterFileError
from .service import RosterResult, roster_import, roster_preview, roster_read


class RosterDataset(tablib.Dataset):
    """A roster file between django-import-export's format and resource: the roster as read,
    not a table rebuilt from it. Its length is the number of rows (the admin refuses an
    empty file)."""

    def __init__(self, roster: Roster):
        super().__init__()
        self.roster = roster

    def __len__(self) -> int:
        return len(self.roster.rows)


class RosterFormat(Format):
    """A roster file: read by ``service.roster_read``, which judges the file by its
    content."""

    extension = ""
    title = ""

    def __init__(self, encoding=None, **kwargs):
        self.encoding = encoding  # the reader finds the encoding itself

    def get_title(self):
        return self.title

    def create_dataset(self, in_stream):
        data = in_stream if isinstance(in_stream, bytes) else in_stream.encode()
        return RosterDataset(roster_read(data=data, file_name=f"roster.{self.extension}"))

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def get_extension(self):
        return self.extension

    def get_content_type(self):
        return "application/octet-stream"

    def can_import(self):
        return True

    def can_export(self):
        return False


class RosterXLSX(RosterFormat):
    extension = "xlsx"
    title = "xlsx"


class RosterCSV(RosterFormat):
    extension = "csv"
    title = "csv"


ROSTER_FORMATS = [RosterXLSX, RosterCSV]


class RosterImportResult(Result):
    """django-import-export's result, made from the service's (``outcome``: none when the
    import stopped before a plan)."""

    def __init__(self, outcome: RosterResult | None = None):
        super().__init__()
        self.outcome = outcome

    @property
    def batch(self):
        return self.outcome.batch if self.outcome else None

    @property
    def fingerprint(self) -> str:
        return self.outcome.fingerprint if self.outcome else ""

    @property
    def warnings(self) -> list[Problem]:
        return self.outcome.warnings if self.outcome else []


class RosterResource(resources.ModelResource):
    """Members by citizen ID, read from a roster in the government template's shape.

    ``import_data`` does not go row by row: the whole file is checked and set against the
    members held in a constant number of queries, then written in one transaction, or not at
    all (``service``). ``organisation`` is where the rows go."""

    full_name = fields.Field(attribute="full_name", column_name=header_of("full_name"))
    citizen_id = fields.Field(attribute="citizen_id", column_name=header_of("citizen_id"))

    class Meta:
        model = Member
        import_id_fields = ("citizen_id",)
        fields = ("full_name", "citizen_id")

    def __init__(self, organisation: Organisation | None = None, **kwargs):
        super().__init__(**kwargs)
        self.organisation = organisation

    def get_result_class(self):
        return RosterImportResult

    def get_user_visible_fields(self):
        """Every column a roster may have (the admin lists them above the upload form)."""
        return [
            fields.Field(attribute=column.name, column_name=column.header) for column in COLUMNS
        ]

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ) -> RosterImportResult:
        if self.organisation is None:
            return _refused(ImportChanged(_("Choose the organisation to import into.")))
        if not isinstance(dataset, RosterDataset):
            return _refused(RosterFileError(_("The data does not have the roster's columns.")))
        if dry_run:
            try:
                outcome = roster_preview(
                    organisation=self.organisation,
                    roster=dataset.roster,
                    user=kwargs.get("user"),
                    file_name=kwargs.get("file_name") or "",
                )
            except RosterFileError as error:
                return _refused(error)
        else:
            try:
                outcome = roster_import(
                    user=kwargs.get("user"),
                    organisation=self.organisation,
                    roster=dataset.roster,
                    file_name=kwargs.get("file_name") or "",
                    expected=kwargs.get("expected"),
                )
            except ImportChanged as error:
                return _refused(error)
        result = RosterImportResult(outcome)
        _fill(result, outcome)
        preview_form = kwargs.get("preview_form")
        if preview_form is not None:  # the admin's confirmation carries the fingerprint
            preview_form.fingerprint = outcome.fingerprint
        return result


def _refused(error: Exception) -> RosterImportResult:
    result = RosterImportResult()
    result.append_base_error(Error(error))
    return result


def _fill(result: RosterImportResult, outcome: RosterResult) -> None:
    """The plan as django-import-export's rows: new / update / skip, and invalid rows with a
    message per column; the diff of an updated row shows only what changes."""
    row_label, name_label, id_label, changes_label = (
        _("Row"),
        _("Full name"),
        _("Citizen ID"),
        _("Changes"),
    )
    result.diff_headers = [row_label, name_label, id_label, changes_label]
    kinds = {
        RowAction.NEW: RowResult.IMPORT_TYPE_NEW,
        RowAction.UPDATED: RowResult.IMPORT_TYPE_UPDATE,
        RowAction.UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
    }
    for row in outcome.plan.rows:
        result.total_rows += 1
        name = row.values.get("full_name") or ""
        citizen_id = mask_citizen_id(row.values.get("citizen_id") or "")
        if row.action == RowAction.REJECTED:
            messages: dict[str, list[str]] = {}
            for problem in row.problems:
                messages.setdefault(problem.column, []).append(problem.message)
            values = {row_label: row.row, name_label: name, id_label: citizen_id}
            result.append_invalid_row(row.row, values, ValidationError(messages))
            result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
            continue
        row_result = RowResult()
        row_result.import_type = kinds[row.action]
        row_result.object_id = row.member_id
        row_result.object_repr = name
        row_result.row_values = row.values
        row_result.number = row.row
        row_result.diff = [
            row.row,
            name,
            citizen_id,
            _changes_html(outcome, row) if row.changes else "",
        ]
        result.rows.append(row_result)
        result.totals[row_result.import_type] += 1


def _changes_html(outcome: RosterResult, row: PlannedRow):
    lines = outcome.change_lines(row)
    parts = [
        format_html("<div>{}: <del>{}</del> → <ins>{}</ins></div>", column, old, new)
        for column, old, new in lines
    ]
    return format_html("{}" * len(parts), *parts)
