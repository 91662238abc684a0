"""The frame of a Party document (Hướng dẫn 36-HD/VPTW, 2018) in python-docx: A4 with its
margins, Times New Roman, the two-column heading (issuing body and number top left, "ĐẢNG
CỘNG SẢN VIỆT NAM" and the place and date in italics top right), the title, the body, the
signature block (T/M, title, name) beside the recipients (Nơi nhận). Staff edit the .docx in
Word before signing, so everything is plain paragraphs and tables, no fields or macros."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .heading import Heading

FONT = "Times New Roman"
BODY_SIZE = Pt(14)
SMALL = Pt(12)
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


@dataclass
class Paper:
    """One document: heading, number, date line, title lines, body paragraphs, signature
    and recipients."""

    heading: Heading
    #: The document's number ("12-QĐ/TU"); "" prints "Số …" to fill by hand, None no line.
    number: str | None
    dated: str
    title: str
    subtitle: str = ""
    body: list[str] = field(default_factory=list)
    #: "T/M CHI BỘ", "T/M BAN THƯỜNG VỤ", ...
    on_behalf: str = ""
    signer_title: str = "BÍ THƯ"
    signer: str = ""
    recipients: Sequence[str] = ()
    #: Rows of a table after the body (the first is its header), e.g. a checklist.
    table: list[list[str]] = field(default_factory=list)
    #: The table's column widths in millimetres (the page holds 165 mm).
    widths: Sequence[int] = ()


def new_document(*, landscape: bool = False) -> Document:
    """An empty A4 document with the margins of 36-HD/VPTW (top and bottom 20 mm, left 30 mm,
    right 15 mm) and Times New Roman."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    # East-Asian and complex-script faces too, so Word does not substitute for Vietnamese.
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for attribute in ("w:eastAsia", "w:cs", "w:hAnsi"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)
    return document


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _line(cell_or_document, text: str, *, bold=False, italic=False, underline=False, size=None):
    paragraph = cell_or_document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    if size is not None:
        run.font.size = size
    return paragraph


def _cell(table, row: int, column: int):
    cell = table.cell(row, column)
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return cell


def write_heading(document, paper: Paper) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    if paper.heading.upper:
        _line(left, paper.heading.upper, size=SMALL)
    _line(left, paper.heading.body, bold=True, size=SMALL)
    _line(left, "*", size=SMALL)
    if paper.number is not None:
        _line(left, f"Số {paper.number}" if paper.number else "Số …", size=SMALL)
    _line(right, PARTY, bold=True, underline=True, size=SMALL)
    _line(right, "")
    _line(right, paper.dated, italic=True)


def write_paper(document, paper: Paper) -> None:
    """One document into ``document`` (several follow each other on new pages)."""
    write_heading(document, paper)
    _line(document, "")
    _line(document, paper.title, bold=True, size=Pt(15))
    if paper.subtitle:
        _line(document, paper.subtitle, bold=True)
    _line(document, "-----")
    for text in paper.body:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.space_after = Pt(6)
        if text.isupper():
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = None
            paragraph.add_run(text).bold = True
        else:
            paragraph.add_run(text)
    if paper.table:
        write_table(document, paper.table, paper.widths)
    write_signature(document, paper)


def write_table(document, rows: list[list[str]], widths: Sequence[int] = ()) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = not widths
    # LibreOffice reads the grid's widths, Word the cells': both are set.
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Mm(width)
    for index, values in enumerate(rows):
        for column, value in enumerate(values):
            cell = table.cell(index, column)
            if widths:
                cell.width = Mm(widths[column])
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = SMALL
                run.bold = index == 0
    _line(document, "")


def write_signature(document, paper: Paper) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = _cell(table, 0, 0), _cell(table, 0, 1)
    if paper.recipients:
        heading = left.add_paragraph()
        run = heading.add_run("Nơi nhận:")
        run.bold, run.underline, run.font.size = True, True, SMALL
        for recipient in paper.recipients:
            left.add_paragraph().add_run(f"- {recipient},").font.size = Pt(11)
        left.add_paragraph().add_run("- Lưu.").font.size = Pt(11)
    else:
        left.add_paragraph()
    if paper.on_behalf:
        _line(right, paper.on_behalf, bold=True)
    _line(right, paper.signer_title, bold=True)
    _line(right, "(Ký, đóng dấu)" if paper.on_behalf else "(Ký, ghi rõ họ tên)", italic=True)
    for _blank in range(3):
        _line(right, "")
    _line(right, paper.signer or "", bold=True)


def page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render(papers: Sequence[Paper], *, title: str) -> bytes:
    """The papers one after the other, each on its own page, as a .docx file."""
    document = new_document()
    document.core_properties.title = title
    for index, paper in enumerate(papers):
        if index:
            page_break(document)
        write_paper(document, paper)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
