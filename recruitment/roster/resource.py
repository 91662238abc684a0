"""The roster import as django-import-export sees it: file formats that read with
``roster.read`` (header detection, safety checks), a resource whose ``import_data`` checks,
plans and applies with ``roster.check`` and ``roster.plan``, and a storage for the uploaded
file between the preview and the confirmation. The import page and the admin import both use
these, so the two cannot disagree.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import time
import uuid
from datetime import date

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import Format
from import_export.results import Error, Result, RowResult
from import_export.tmp_storages import BaseStorage

from ..access import can_edit_records, user_organisation_scope
from ..choices import Occupation, PoliticalTheory, ProfessionalLevel, Religion
from ..models import Cell, Member, Organisation
from ..querysets import organisation_filter
from ..text import mask_citizen_id
from .check import header_of
from .plan import ImportChanged, Plan, PlannedRow, RowsRejected, apply_plan, make_plan
from .read import HEADERS, Roster, RosterFileError, read

#: The columns of the template and the export, in order (field, header).
COLUMNS = [(name, names[0]) for name, names in HEADERS.items()]
ROW_COLUMN = "row"

_CHOICE_LABELS = {
    "gender": dict(Member._meta.get_field("gender").choices),
    "religion": dict(Religion.choices),
    "occupation": dict(Occupation.choices),
    "professional_level": dict(ProfessionalLevel.choices),
    "political_theory": dict(PoliticalTheory.choices),
}


def importable_organisations(user):
    """The organisations a user may import into: every grassroots organisation for the
    committee's staff and the administrator, one's own for grassroots staff, none otherwise."""
    if not can_edit_records(user):
        return Organisation.objects.none()
    sees_all, organisation_id = user_organisation_scope(user)
    if sees_all:
        return Organisation.objects.grassroots().order_by("name")
    return Organisation.objects.filter(pk=organisation_id)


def display_value(field_name: str, value: object, cell_names: dict[int, str]) -> str:
    """A value as the clerk reads it: labels in Vietnamese, dates dd/mm/yyyy."""
    if value is None or value == "":
        return "—"
    if field_name == "cell_id":
        return cell_names.get(value, str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    labels = _CHOICE_LABELS.get(field_name)
    if labels and value in labels:
        return str(labels[value])
    return str(value)


def field_header(field_name: str) -> str:
    return header_of("cell" if field_name == "cell_id" else field_name)


# --- the uploaded file between preview and confirmation -------------------------------------

_NAME = re.compile(r"^[0-9a-f]{32}$")


class RosterUploadStorage(BaseStorage):
    """Uploaded rosters kept on disk, under ``ROSTER_UPLOAD_DIR``, from the preview to the
    confirmation; deleted after the import, on cancel, or once older than
    ``ROSTER_UPLOAD_MAX_AGE`` seconds (an abandoned preview), swept at every upload."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.read_mode = "rb"
        self.encoding = None
        if self.name is not None and not _NAME.match(str(self.name)):
            raise ValueError("not an upload name")

    @staticmethod
    def directory() -> str:
        path = str(settings.ROSTER_UPLOAD_DIR)
        os.makedirs(path, mode=0o700, exist_ok=True)
        return path

    @classmethod
    def sweep(cls) -> int:
        """Delete the uploads older than the limit; returns how many."""
        limit = time.time() - settings.ROSTER_UPLOAD_MAX_AGE
        removed = 0
        with os.scandir(cls.directory()) as entries:
            for entry in entries:
                if _NAME.match(entry.name) and entry.stat().st_mtime < limit:
                    try:
                        os.remove(entry.path)
                        removed += 1
                    except FileNotFoundError:
                        pass
        return removed

    def path(self) -> str:
        return os.path.join(self.directory(), self.name)

    def save(self, data: bytes) -> None:
        self.sweep()
        if not self.name:
            self.name = uuid.uuid4().hex
        descriptor = os.open(self.path(), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data if isinstance(data, bytes) else data.encode())

    def read(self) -> bytes:
        try:
            with open(self.path(), "rb") as file:
                return file.read()
        except FileNotFoundError:
            raise RosterFileError(
                _(
                    "The uploaded file is no longer kept (the preview was too long ago); "
                    "upload it again."
                )
            ) from None

    def exists(self) -> bool:
        return os.path.exists(self.path())

    def remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path())


# --- file formats ---------------------------------------------------------------------------


def roster_dataset(data: bytes, *, filename: str) -> tablib.Dataset:
    """Read a roster into a Dataset: a ``row`` column with the file's row numbers, then one
    column per field found. The reading (sheet, header row, ignored columns, SHA-256) is kept
    on the dataset as ``roster_info``."""
    roster = read(data, filename=filename)
    names = list(roster.columns)
    dataset = tablib.Dataset(headers=[ROW_COLUMN, *names])
    for number, values in roster.rows:
        dataset.append([number, *(values[name] for name in names)])
    dataset.roster_info = {
        "sheet": roster.sheet,
        "header_row": roster.header_row,
        "ignored": roster.ignored,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return dataset


def dataset_roster(dataset: tablib.Dataset) -> Roster:
    info = getattr(dataset, "roster_info", {})
    names = [name for name in dataset.headers if name != ROW_COLUMN]
    if any(name not in HEADERS for name in names):
        raise RosterFileError(_("The data does not have the roster's columns."))
    position = dataset.headers.index(ROW_COLUMN)
    indexes = [dataset.headers.index(name) for name in names]
    rows = [
        (int(row[position]), {name: row[index] for name, index in zip(names, indexes, strict=True)})
        for row in dataset
    ]
    return Roster(
        sheet=info.get("sheet", ""),
        header_row=info.get("header_row", 0),
        columns={name: index for index, name in enumerate(names)},
        ignored=info.get("ignored", []),
        rows=rows,
    )


class RosterFormat(Format):
    """A roster file: read by ``roster.read``, which judges the file by its content."""

    extension = ""
    title = ""

    def __init__(self, encoding=None, **kwargs):
        self.encoding = encoding  # the reader finds the encoding itself

    def get_title(self):
        return self.title

    def create_dataset(self, in_stream):
        data = in_stream if isinstance(in_stream, bytes) else in_stream.encode()
        with gc_paused():
            return roster_dataset(data, filename=f"roster.{self.extension}")

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


def format_for(filename: str) -> type[RosterFormat]:
    return RosterCSV if filename.lower().endswith(".csv") else RosterXLSX


# --- the resource ---------------------------------------------------------------------------


@contextlib.contextmanager
def gc_paused():
    """No cyclic garbage collection while a file's rows are checked and written: the rows
    make tens of thousands of small objects and no cycles, and the collector's passes over
    them cost more than a tenth of the import."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class RosterResult(Result):
    """django-import-export's result, with the plan and the warnings kept for our pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan: Plan | None = None
        self.batch = None
        self.fingerprint = ""
        self.warnings = []
        self.info: dict = {}


class RosterResource(resources.ModelResource):
    """Members by citizen ID, read from a roster in the government template's shape.

    ``import_data`` does not go row by row: the whole file is checked and set against the
    members held in a constant number of queries (``roster.plan``), then written in one
    transaction, or not at all. ``organisation`` is where the rows go."""

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
        return RosterResult

    def get_user_visible_fields(self):
        """Every column a roster may have (the admin lists them above the upload form)."""
        return [fields.Field(attribute=name, column_name=header) for name, header in COLUMNS]

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        with gc_paused():
            return self._import(dataset, dry_run=dry_run, **kwargs)

    def _import(self, dataset, *, dry_run: bool, **kwargs) -> RosterResult:
        result = RosterResult()
        result.info = getattr(dataset, "roster_info", {})
        if self.organisation is None:
            result.append_base_error(
                Error(ImportChanged(_("Choose the organisation to import into.")))
            )
            return result
        try:
            roster = dataset_roster(dataset)
        except RosterFileError as error:
            result.append_base_error(Error(error))
            return result
        if dry_run:
            plan = make_plan(roster, self.organisation)
        else:
            try:
                result.batch, plan = apply_plan(
                    roster,
                    self.organisation,
                    user=kwargs.get("user"),
                    file_name=kwargs.get("file_name") or "",
                    sha256=result.info.get("sha256", ""),
                    expected=kwargs.get("expected"),
                )
            except RowsRejected as error:
                plan = error.plan
            except ImportChanged as error:
                result.append_base_error(Error(error))
                return result
            except ValidationError as error:  # a value the checks let through, refused
                result.append_base_error(Error(ImportChanged("; ".join(error.messages))))
                return result
        self._fill(result, plan)
        preview_form = kwargs.get("preview_form")
        if preview_form is not None:  # the admin's confirmation carries the fingerprint
            preview_form.fingerprint = result.fingerprint
        return result

    def _fill(self, result: RosterResult, plan: Plan) -> None:
        """The plan as django-import-export's rows: new / update / skip, and invalid rows
        with a message per column; the diff of an updated row shows only what changes."""
        result.plan = plan
        result.fingerprint = plan.fingerprint()
        cell_names = dict(
            Cell.objects.filter(organisation_filter("", plan.organisation.pk)).values_list(
                "id", "name"
            )
        )
        result.cell_names = cell_names
        row_label, name_label, id_label, changes_label = (
            _("Row"),
            _("Full name"),
            _("Citizen ID"),
            _("Changes"),
        )
        result.diff_headers = [row_label, name_label, id_label, changes_label]
        kinds = {
            "new": RowResult.IMPORT_TYPE_NEW,
            "updated": RowResult.IMPORT_TYPE_UPDATE,
            "unchanged": RowResult.IMPORT_TYPE_SKIP,
        }
        for row in plan.rows:
            result.total_rows += 1
            result.warnings.extend(row.warnings)
            name = row.values.get("full_name") or ""
            citizen_id = mask_citizen_id(row.values.get("citizen_id") or "")
            if row.action == "rejected":
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
                changes_html(row, cell_names) if row.changes else "",
            ]
            result.rows.append(row_result)
            result.totals[row_result.import_type] += 1


def changes_html(row: PlannedRow, cell_names: dict[int, str]):
    if not row.changes:
        return ""
    parts = [
        format_html(
            "<div>{}: <del>{}</del> → <ins>{}</ins></div>",
            field_header(name),
            display_value(name, old, cell_names),
            display_value(name, new, cell_names),
        )
        for name, old, new in row.changes
    ]
    return format_html("{}" * len(parts), *parts)


def change_lines(row: PlannedRow, cell_names: dict[int, str]) -> list[tuple[str, str, str]]:
    return [
        (
            field_header(name),
            display_value(name, old, cell_names),
            display_value(name, new, cell_names),
        )
        for name, old, new in row.changes
    ]
