"""The roster's columns, walked one by one: each is recognised by the reader under every
header it accepts, written by the template in its place and format, and carried by the
export and the import both ways (a member exported imports back unchanged; a field changed
since is seen as that column's change)."""

import io
from datetime import date

import openpyxl
import pytest

from recruitment.models import Member
from recruitment.roster.check import check_row, value_maps
from recruitment.roster.columns import BY_NAME, COLUMNS
from recruitment.roster.plan import WRITABLE, make_plan
from recruitment.roster.read import find_header, read
from recruitment.roster.workbooks import export_workbook, template_workbook
from recruitment.text import strip_diacritics

pytestmark = pytest.mark.usefixtures("vietnamese")

#: Each column's value for the member exported, and another value the member may have held
#: instead (the citizen ID is how rows and members are matched: it cannot change).
HELD = {
    "full_name": ("Lò Thị Mai", "Lò Thị Mây"),
    "citizen_id": ("035190000123", None),
    "gender": ("female", "male"),
    "date_of_birth": (date(1990, 4, 1), date(1990, 4, 2)),
    "ethnicity": ("Thái", "Mường"),
    "religion": ("catholic", "buddhist"),
    "hometown": ("Mai Châu, Hòa Bình", "Phủ Lý, Hà Nam"),
    "residence": ("Tổ 3, phường Minh Khai", "Tổ 4, phường Minh Khai"),
    "occupation": ("health_worker", "teacher"),
    "general_education": ("9/12", "12/12"),
    "professional_level": ("university", "college"),
    "political_theory": ("intermediate", "elementary"),
    "youth_union_member": (True, False),
    "cell": ("Chi bộ số 1", "Chi bộ số 2"),
    "party_card_number": ("77123", "77124"),
    "decision_date": (date(2015, 5, 1), date(2015, 5, 2)),
    "ceremony_date": (date(2015, 5, 19), date(2015, 5, 20)),
    "official_date": (date(2016, 5, 19), date(2016, 5, 20)),
}


def held(organisation, name: str, which: int) -> object:
    """The value a member holds for a column, by its attribute (the cell by its id)."""
    value = HELD[name][which]
    return organisation.cells.get(name=value).pk if name == "cell" else value


@pytest.mark.parametrize(
    ("column", "header"),
    [(column, header) for column in COLUMNS for header in column.headers],
    ids=lambda item: getattr(item, "name", item),
)
def test_every_accepted_header_is_recognised_as_its_column(column, header):
    other = BY_NAME["citizen_id" if column.name == "full_name" else "full_name"]
    for spelling in (header, strip_diacritics(header).upper()):
        _index, columns, ignored = find_header([["STT", other.header, spelling]])
        assert columns == {other.name: 1, column.name: 2} and ignored == []


def test_the_template_has_every_column_in_order_under_its_header_and_format():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("Đảng bộ phường Minh Khai")))
    sheet = book.worksheets[0]
    assert [cell.value for cell in sheet[4]] == ["STT", *(c.header for c in COLUMNS)]
    for position, column in enumerate(COLUMNS, start=2):
        assert sheet.cell(row=5, column=position).number_format == (
            column.number_format or "General"
        ), column.name
        letter = sheet.cell(row=4, column=position).column_letter
        assert sheet.column_dimensions[letter].width == column.template_width
    # Each column with a vocabulary offers its words as a list, in its own cells.
    lists = {
        values[0]: [value for value in values[1:] if value]
        for values in book.worksheets[1].iter_cols(values_only=True)
    }
    targets = {
        str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    for position, column in enumerate(COLUMNS, start=2):
        letter = sheet.cell(row=5, column=position).column_letter
        if column.vocabulary is None:
            assert column.header not in lists and f"{letter}5" not in targets
            continue
        assert lists[column.header] == column.vocabulary.labels()
        assert f"{letter}5" in targets
    # The instructions name every column, the other headers it goes by, and whether it is
    # required.
    instructions = list(book.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert instructions[: len(COLUMNS)] == [
        (c.header, "; ".join(c.headers[1:]) or None, "Có" if c.required else None) for c in COLUMNS
    ]


def test_every_word_of_a_vocabulary_reads_back_as_its_value():
    maps = value_maps(added=False)
    for column in COLUMNS:
        if column.vocabulary is None:
            continue
        for value, label in column.vocabulary.choices:
            checked = check_row(
                4, {column.name: str(label)}, cells={}, today=date(2024, 3, 26), maps=maps
            )
            assert checked.values == {column.attribute: value}, (column.name, label)


def test_every_column_is_exported_and_imported_back(organisation, make_member):
    values = {BY_NAME[name].attribute: held(organisation, name, 0) for name in HELD}
    member = make_member(cell=organisation.cells.get(pk=values.pop("cell_id")), **values)
    data = export_workbook([member], title="ĐẢNG BỘ PHƯỜNG MINH KHAI")
    roster = read(data, filename="danh-sach.xlsx")
    assert list(roster.columns) == [column.name for column in COLUMNS]
    ((_number, row),) = roster.rows
    assert all(row[column.name] not in (None, "") for column in COLUMNS)
    # A column with a vocabulary is written in the clerk's words, as its list offers them.
    for column in COLUMNS:
        if column.vocabulary is not None:
            label = column.vocabulary.label(HELD[column.name][0])
            assert row[column.name] == label and label in column.vocabulary.labels()
    assert make_plan(roster, organisation).counts["unchanged"] == 1
    # Every column but the citizen ID is written by an import: held differently, it is
    # the one change of the row, and nothing else is.
    assert sorted(WRITABLE) == sorted(column.attribute for column in COLUMNS)
    for column in COLUMNS:
        if column.name == "citizen_id":
            continue
        Member.objects.filter(pk=member.pk).update(
            **{column.attribute: held(organisation, column.name, 1)}
        )
        ((field, _old, new),) = make_plan(roster, organisation).rows[0].changes
        expected = getattr(member, column.attribute)
        assert (field, new) == (column.attribute, expected), column.name
        Member.objects.filter(pk=member.pk).update(**{column.attribute: expected})
