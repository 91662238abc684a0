"""The columns of a roster, one declaration each: the member field it fills, the headers a
clerk may give it, how its values are read and checked, the words it takes, and how the
template and the exports write it.

Reading (``read``: the headers), checking (``check``: the values), planning (``plan``: what
counts as a change), the workbooks (template, rejected rows, export) and the admin's resource
all go by ``COLUMNS``: a new roster column is one entry here, and a function in ``cleaning``
if its values are read in a new way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import (
    ETHNICITY_CHOICES,
    Gender,
    Occupation,
    PoliticalTheory,
    ProfessionalLevel,
    Religion,
)
from ..models import Member
from .cleaning import (
    Cleaned,
    clean_cell,
    clean_citizen_id,
    clean_date_column,
    clean_general_education,
    word_key,
)

#: Excel's number formats of the roster's columns: text (a citizen ID typed into the column
#: keeps its leading zeros) and dates dd/mm/yyyy, as in the application's other workbooks
#: (``exports.DATE_FORMAT``; that module, with the dashboard it exports, is not loaded by the
#: import command).
TEXT_FORMAT = "@"
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class Vocabulary:
    """The words a column takes: its choices (stored value, label) in the order the template
    lists them, and the other spellings clerks write (by search key). The labels are read in
    the language in force, and the stored values as they are, unless ``reads_choices`` is
    off (then only the spellings are read)."""

    choices: Sequence[tuple[object, str]]
    spellings: Mapping[str, object] = field(default_factory=dict)
    reads_choices: bool = True
    #: A value that is none of the words is kept as typed (with a warning; reports count it
    #: as "other"), unless the column's values are yes/no or the rules need them.
    keeps_unknown: bool = True

    def words(self, extra: Sequence[tuple[str, object]] = ()) -> dict[str, object]:
        """Word key (``cleaning.word_key``) -> stored value, in the language in force, with
        the administrator's ``extra`` words (built once per file)."""
        mapping: dict[str, object] = {}
        if self.reads_choices:
            mapping.update({word_key(str(label)): value for value, label in self.choices})
            mapping.update({word_key(str(value)): value for value, _label in self.choices})
        mapping.update({word_key(written): value for written, value in self.spellings.items()})
        mapping.update({word_key(written): value for written, value in extra})
        return mapping

    def labels(self) -> list[str]:
        """The words as the template's value list offers them."""
        return [str(label) for _value, label in self.choices]

    @functools.cached_property
    def _label_of(self) -> dict[object, str]:
        return dict(self.choices)

    def label(self, value: object) -> str:
        """A stored value as a clerk writes it (a value it does not know, as it is)."""
        label = self._label_of.get(value)
        return str(value) if label is None else str(label)


@dataclass(frozen=True, slots=True)
class RosterColumn:
    """One column of a roster.

    ``name`` is the key of the column's values in a row as read, and the member field it
    fills (``attribute`` when that differs: the cell column fills ``cell_id``). ``headers``
    are the headers accepted for it (any case, spacing, Unicode form, with or without
    diacritics); the first is the one the template writes. A value is read as a word of the
    column's ``vocabulary`` when it has one (left out when not given, unless required), by
    its ``clean`` function when it has one (see ``cleaning``), else as free text. A
    ``required`` column must be in the file, and every row must give it a value.
    ``max_length`` is checked on the cleaned text. ``number_format`` is the cells' format in
    the template, the rejected rows and the export; ``width`` the template's column width
    (by default the header's).
    """

    name: str
    headers: tuple[str, ...]
    vocabulary: Vocabulary | None = None
    clean: Callable[[object, dict[str, int]], Cleaned] | None = None
    required: bool = False
    attribute: str = ""
    max_length: int | None = None
    number_format: str | None = None
    width: int | None = None
    #: Off where the column's own reading refuses anything but digits (the citizen ID).
    refuses_formulas: bool = True
    #: Another header of the same field, read only (not in the template or the exports): its
    #: value stands in for that column's when the row gives none, and must agree with it.
    agrees_with: str = ""

    def __post_init__(self) -> None:
        if not self.attribute:
            object.__setattr__(self, "attribute", self.name)

    @property
    def header(self) -> str:
        return self.headers[0]

    @property
    def template_width(self) -> int:
        return self.width or template_width(self.header)


def template_width(header: str) -> int:
    """A template column as wide as its header, and at least 12."""
    return max(12, len(str(header)) + 4)


def _max_length(name: str) -> int:
    return Member._meta.get_field(name).max_length


GENDER = Vocabulary(
    Gender.choices, {"nam": "male", "nu": "female", "n": "male"}, keeps_unknown=False
)
YES_NO = Vocabulary(
    [(True, gettext_lazy("Yes")), (False, gettext_lazy("No"))],
    {
        "co": True,
        "x": True,
        "v": True,
        "dv": True,
        "doan vien": True,
        "la doan vien": True,
        "yes": True,
        "khong": False,
        "khong co": False,
        "khong phai": False,
        "no": False,
        "": False,
    },
    reads_choices=False,
    keeps_unknown=False,
)
ETHNICITY = Vocabulary(ETHNICITY_CHOICES, {"dan toc kinh": "Kinh"})
RELIGION = Vocabulary(
    Religion.choices,
    {
        "khong": "none",
        "khong co": "none",
        "khong theo ton giao nao": "none",
        "": "none",
        "cong giao": "catholic",
        "thien chua giao": "catholic",
        "thien chua": "catholic",
        "dao thien chua": "catholic",
        "phat": "buddhist",
        "phat giao": "buddhist",
        "dao phat": "buddhist",
        "tin lanh": "protestant",
        "dao tin lanh": "protestant",
        "cao dai": "cao_dai",
        "hoa hao": "hoa_hao",
        "phat giao hoa hao": "hoa_hao",
    },
)
OCCUPATION = Vocabulary(
    Occupation.choices,
    {
        "giao vien": "teacher",
        "giang vien": "teacher",
        "nha giao": "teacher",
        "bac si": "health_worker",
        "y si": "health_worker",
        "y ta": "health_worker",
        "dieu duong": "health_worker",
        "duoc si": "health_worker",
        "y te": "health_worker",
        "nhan vien y te": "health_worker",
        "cong chuc": "civil_servant",
        "vien chuc": "civil_servant",
        "can bo": "civil_servant",
        "cong chuc, vien chuc": "civil_servant",
        "can bo, cong chuc": "civil_servant",
        "cbcc": "civil_servant",
        "cong nhan": "worker",
        "nong dan": "farmer",
        "lam ruong": "farmer",
        "quan doi": "armed_forces",
        "bo doi": "armed_forces",
        "quan nhan": "armed_forces",
        "cong an": "armed_forces",
        "luc luong vu trang": "armed_forces",
        "hoc sinh": "student",
        "sinh vien": "student",
        "kinh doanh": "business_owner",
        "buon ban": "business_owner",
        "chu doanh nghiep": "business_owner",
        "ho kinh doanh": "business_owner",
        "nhan vien": "enterprise_employee",
        "nhan vien doanh nghiep": "enterprise_employee",
        "ky su": "enterprise_employee",
        "nghi huu": "retired",
        "huu tri": "retired",
        "huu": "retired",
        "khac": "other",
        "tu do": "other",
    },
)
PROFESSIONAL_LEVEL = Vocabulary(
    ProfessionalLevel.choices,
    {
        "": "none",
        "khong": "none",
        "khong co": "none",
        "trung cap": "intermediate",
        "tc": "intermediate",
        "cao dang": "college",
        "cd": "college",
        "dai hoc": "university",
        "dh": "university",
        "cu nhan": "university",
        "cn": "university",
        "ky su": "university",
        "thac si": "master",
        "ths": "master",
        "tien si": "doctorate",
        "ts": "doctorate",
    },
)
POLITICAL_THEORY = Vocabulary(
    PoliticalTheory.choices,
    {
        "": "none",
        "khong": "none",
        "khong co": "none",
        "chua qua dao tao": "none",
        "so cap": "elementary",
        "sc": "elementary",
        "trung cap": "intermediate",
        "tc": "intermediate",
        "cao cap": "advanced",
        "cc": "advanced",
        "cu nhan": "advanced",
        "cn": "advanced",
    },
)

#: The roster's columns, in the order of the template and the exports.
COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn(
        "full_name",
        ("Họ và tên", "Họ tên", "Họ và tên đảng viên", "Họ và tên khai sinh"),
        required=True,
        max_length=_max_length("full_name"),
    ),
    RosterColumn(
        "citizen_id",
        (
            "Số CCCD",
            "CCCD",
            "Số căn cước",
            "Số căn cước công dân",
            "Số định danh cá nhân",
            "Số định danh",
            "Căn cước công dân",
        ),
        clean=clean_citizen_id,
        required=True,
        number_format=TEXT_FORMAT,
        refuses_formulas=False,
    ),
    RosterColumn(
        "gender",
        ("Giới tính", "Nam/Nữ", "Nam, nữ"),
        required=True,
        vocabulary=GENDER,
    ),
    RosterColumn(
        "date_of_birth",
        ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "Ngày, tháng, năm sinh"),
        clean=clean_date_column,
        required=True,
        number_format=DATE_FORMAT,
    ),
    RosterColumn("ethnicity", ("Dân tộc",), vocabulary=ETHNICITY),
    RosterColumn("religion", ("Tôn giáo",), vocabulary=RELIGION),
    RosterColumn("hometown", ("Quê quán",), max_length=_max_length("hometown")),
    RosterColumn(
        "residence",
        ("Nơi thường trú", "Nơi ở hiện nay", "Địa chỉ thường trú", "Thường trú"),
        max_length=_max_length("residence"),
    ),
    RosterColumn(
        "occupation",
        ("Nghề nghiệp", "Nghề nghiệp hiện nay"),
        vocabulary=OCCUPATION,
    ),
    RosterColumn(
        "general_education",
        ("Giáo dục phổ thông", "Trình độ văn hóa", "Văn hóa", "GDPT"),
        clean=clean_general_education,
    ),
    RosterColumn(
        "professional_level",
        ("Chuyên môn", "Trình độ chuyên môn", "Chuyên môn nghiệp vụ"),
        vocabulary=PROFESSIONAL_LEVEL,
    ),
    RosterColumn(
        "political_theory",
        ("Lý luận chính trị", "LLCT", "Trình độ lý luận chính trị"),
        vocabulary=POLITICAL_THEORY,
    ),
    RosterColumn("youth_union_member", ("Đoàn viên", "Là đoàn viên"), vocabulary=YES_NO),
    RosterColumn(
        "cell",
        ("Chi bộ", "Sinh hoạt tại chi bộ", "Tên chi bộ"),
        clean=clean_cell,
        required=True,
        attribute="cell_id",
    ),
    RosterColumn(
        "party_card_number",
        ("Số thẻ đảng viên", "Số thẻ", "Số thẻ ĐV"),
        max_length=_max_length("party_card_number"),
    ),
    RosterColumn(
        "decision_date",
        (
            "Ngày vào Đảng",
            "Ngày kết nạp",
            "Ngày vào Đảng dự bị",
            "Ngày vào Đảng (kết nạp)",
            "Ngày kết nạp vào Đảng",
        ),
        clean=clean_date_column,
        required=True,
        number_format=DATE_FORMAT,
    ),
    RosterColumn(
        "ceremony_date",
        ("Ngày tổ chức lễ kết nạp", "Ngày lễ kết nạp", "Lễ kết nạp"),
        clean=clean_date_column,
        number_format=DATE_FORMAT,
    ),
    RosterColumn(
        "official_date",
        ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày được công nhận"),
        clean=clean_date_column,
        number_format=DATE_FORMAT,
    ),
)
#: The columns read but never written: another name of a column's field. "Ngày vào Đảng" on
#: rosters and party cards is the admission decision's date (party age counts from it), so a
#: roster may give it, the decision's own date, or both (then they must agree).
AGREEING: tuple[RosterColumn, ...] = (
    RosterColumn(
        "decision_date_given",
        ("Ngày quyết định kết nạp", "Ngày QĐ kết nạp", "Ngày ký quyết định kết nạp"),
        clean=clean_date_column,
        number_format=DATE_FORMAT,
        agrees_with="decision_date",
    ),
)
#: Every column the reader knows: the template's and the agreeing ones.
READ_COLUMNS = COLUMNS + AGREEING
BY_NAME = {column.name: column for column in READ_COLUMNS}
BY_ATTRIBUTE = {column.attribute: column for column in COLUMNS}
REQUIRED = tuple(column for column in COLUMNS if column.required)


def given(name: str, columns: Mapping[str, object]) -> bool:
    """Whether a file's columns (``columns``: by name) give a column, itself or through a
    column that agrees with it."""
    return name in columns or any(
        column.name in columns for column in AGREEING if column.agrees_with == name
    )


def required_header(column: RosterColumn) -> str:
    """A required column's header as a missing-column message names it, with the headers of
    the columns that may stand in for it ("Ngày vào Đảng / Ngày quyết định kết nạp")."""
    others = [other.header for other in AGREEING if other.agrees_with == column.name]
    return " / ".join([column.header, *others])


def raw_value(values: Mapping[str, object], column: RosterColumn) -> object:
    """A row's value (as read) for a column, or the value of a column agreeing with it."""
    if column.name in values:
        return values[column.name]
    for other in AGREEING:
        if other.agrees_with == column.name and other.name in values:
            return values[other.name]
    return None


def header_of(name: str) -> str:
    """The template's header of a column, by its name or the attribute it fills."""
    return (BY_NAME.get(name) or BY_ATTRIBUTE[name]).header


def display_value(attribute: str, value: object, cell_names: dict[int, str]) -> str:
    """A value as the clerk reads it: labels in Vietnamese, dates dd/mm/yyyy, the cell by its
    name (``cell_names``: id -> name)."""
    if value is None or value == "":
        return "—"
    if attribute == "cell_id":
        return cell_names.get(value, str(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    vocabulary = BY_ATTRIBUTE[attribute].vocabulary if attribute in BY_ATTRIBUTE else None
    return vocabulary.label(value) if vocabulary is not None else str(value)
