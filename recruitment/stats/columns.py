"""The columns of the table of organisations, declared once.

The page's header (with its sort links) and cells, its sorting, the JSON's rows and the
workbook's sheet all read ``COLUMNS``: a new column is one entry here (with a ``SortKey`` if
the page sorts by it, and a field of ``OrganisationRow`` if it is a new figure).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from enum import StrEnum
from operator import attrgetter

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ..models import Candidate
from ..text import vietnamese_sort_key
from .figures import PIPELINE_STAGES
from .organisations import OrganisationRow, OrganisationStatus

#: Percentages are written in percent units (72.6 for 72.6 %), as on the page and in the JSON.
PERCENT_FORMAT = "0.0"


class Cell(StrEnum):
    """How the page shows a column's value."""

    TEXT = "text"  # plain text
    LINK = "link"  # text linking to the organisation's own dashboard
    SMALL = "small"  # small text
    NUMBER = "number"  # a whole number, right-aligned, "—" for none
    PERCENT = "percent"  # to one decimal with the locale's separator, right-aligned
    BADGE = "badge"  # a badge in the colour of the organisation's status
    STAGE = "stage"  # a narrow count of candidates at one stage, empty for none


class SortKey(StrEnum):
    """The page's ``?sort=`` values (``-`` in front: descending)."""

    CODE = "code"
    NAME = "name"
    CATEGORY = "category"
    QUOTA = "quota"
    ADMITTED = "admitted"
    PERCENT = "percent"
    REMAINING = "remaining"
    PIPELINE = "pipeline"
    STATUS = "status"


DEFAULT_SORT = SortKey.STATUS
#: Sorting by status puts those behind first (the order of ``OrganisationStatus``).
STATUS_ORDER = {status: rank for rank, status in enumerate(OrganisationStatus)}


@dataclass(frozen=True)
class Column:
    """One column of the table of organisations."""

    #: The row's field in the JSON (``pipeline.<stage>``: the stage's count in ``pipeline``).
    key: str
    #: The workbook's header, and the page's unless ``page_header`` is set.
    header: str | Promise
    #: What the workbook writes and the page shows.
    value: Callable[[OrganisationRow], object]
    #: How the page shows it; None: in the workbook and the JSON only.
    cell: Cell | None = None
    page_header: str | None = None
    sort: SortKey | None = None
    #: What the page sorts by, when not the value itself.
    sort_value: Callable[[OrganisationRow], object] | None = None
    #: The workbook's number format.
    number_format: str | None = None
    #: The stage whose candidates it counts, for the count of one stage.
    stage: str | None = None

    @property
    def short_header(self) -> str | Promise:
        return self.page_header or self.header

    @property
    def header_class(self) -> str:
        """The class of the page's header cell: numbers are right-aligned."""
        if self.cell is Cell.STAGE:
            return "text-end stage-col"
        return "text-end" if self.cell in (Cell.NUMBER, Cell.PERCENT) else ""

    @property
    def sort_key(self) -> Callable[[OrganisationRow], object]:
        return self.sort_value or self.value


def stage_column(stage: str, number: int) -> Column:
    """The count of an organisation's candidates at ``stage``; the page heads it with
    ``number`` (the legend under the table names the stage)."""
    return Column(
        key=f"pipeline.{stage}",
        header=Candidate.Stage(stage).label,
        value=lambda row: row.pipeline.get(stage, 0),
        cell=Cell.STAGE,
        page_header=str(number),
        stage=stage,
    )


COLUMNS: list[Column] = [
    Column(
        key="code",
        header=_("Code"),
        value=attrgetter("code"),
        cell=Cell.TEXT,
        sort=SortKey.CODE,
    ),
    Column(
        key="name",
        header=_("Organisation"),
        value=attrgetter("name"),
        cell=Cell.LINK,
        sort=SortKey.NAME,
        sort_value=lambda row: vietnamese_sort_key(row.name),
    ),
    Column(
        key="category_label",
        header=_("Category"),
        value=attrgetter("category_label"),
        cell=Cell.SMALL,
        sort=SortKey.CATEGORY,
        sort_value=lambda row: vietnamese_sort_key(str(row.category_label)),
    ),
    Column(
        key="quota",
        header=_("Quota"),
        value=attrgetter("quota"),
        cell=Cell.NUMBER,
        sort=SortKey.QUOTA,
        sort_value=lambda row: row.quota or 0,
    ),
    Column(
        key="admitted",
        header=_("Admitted"),
        value=attrgetter("admitted"),
        cell=Cell.NUMBER,
        sort=SortKey.ADMITTED,
    ),
    Column(
        key="percent",
        header=_("Share of the quota (%)"),
        value=attrgetter("percent"),
        cell=Cell.PERCENT,
        page_header="%",
        sort=SortKey.PERCENT,
        sort_value=lambda row: row.percent or 0,
        number_format=PERCENT_FORMAT,
    ),
    Column(
        key="remaining",
        header=_("Remaining"),
        value=attrgetter("remaining"),
        cell=Cell.NUMBER,
        sort=SortKey.REMAINING,
        sort_value=lambda row: row.remaining or 0,
    ),
    Column(
        key="admitted_last_year",
        header=_("Admitted in the same period last year"),
        value=attrgetter("admitted_last_year"),
    ),
    Column(
        key="admitted_in_term",
        header=_("Admitted in the term"),
        value=attrgetter("admitted_in_term"),
    ),
    Column(key="trained", header=_("Elite candidates trained"), value=attrgetter("trained")),
    *(stage_column(stage, number) for number, stage in enumerate(PIPELINE_STAGES, start=2)),
    Column(
        key="in_pipeline",
        header=_("In the pipeline"),
        value=attrgetter("in_pipeline"),
        cell=Cell.NUMBER,
        sort=SortKey.PIPELINE,
    ),
    Column(
        key="status_label",
        header=_("Status"),
        value=attrgetter("status_label"),
        cell=Cell.BADGE,
        sort=SortKey.STATUS,
        sort_value=lambda row: STATUS_ORDER[row.status],
    ),
]

#: The page's table: the columns it shows, the counts per stage last (narrow numbered
#: columns, explained under the table).
PAGE_COLUMNS = [column for column in COLUMNS if column.cell and not column.stage] + [
    column for column in COLUMNS if column.stage
]
SORTABLE = {column.sort: column for column in COLUMNS if column.sort}
#: The row's own fields, in the JSON's order.
ROW_FIELDS = [field.name for field in fields(OrganisationRow)]
#: The columns the JSON adds to the row's own fields: those computed from them.
COMPUTED = [column for column in COLUMNS if not column.stage and column.key not in ROW_FIELDS]


def sorted_rows(rows: list[OrganisationRow], sort: str) -> tuple[list[OrganisationRow], str]:
    """The rows in the order ``sort`` asks for, and the sort key the page marks; an unknown
    key sorts by status."""
    key = sort.lstrip("-")
    column = SORTABLE.get(key, SORTABLE[DEFAULT_SORT])
    ordered = sorted(rows, key=column.sort_key, reverse=sort.startswith("-"))
    return ordered, sort if key in SORTABLE else DEFAULT_SORT


def json_row(row: OrganisationRow) -> dict:
    """A row as the JSON gives it: its fields (the counts per stage under ``pipeline``),
    then the columns computed from them."""
    data = {name: getattr(row, name) for name in ROW_FIELDS}
    data["pipeline"] = dict(row.pipeline)
    for column in COMPUTED:
        data[column.key] = column.value(row)
    return data
