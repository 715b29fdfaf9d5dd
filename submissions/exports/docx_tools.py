"""Small python-docx helpers for what its API does not cover: widths Word honours, shading, header rows."""

from __future__ import annotations

from collections.abc import Sequence

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row

HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"


def landscape_a4(section: Section, margin_mm: int = 20) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(margin_mm))


def new_table(container: object, widths_mm: Sequence[int], *, grid: bool = True) -> Table:
    # The ignore: a python-docx Document or table cell (both have add_table; the library has no types).
    table = container.add_table(rows=0, cols=len(widths_mm))  # type: ignore[attr-defined]
    if grid:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    return table


def add_row(
    table: Table, texts: Sequence[str | Sequence[str]], *, bold: bool = False, center: Sequence[int] = ()
) -> _Row:
    """A row whose cells carry the column widths: Word reads widths from cells, LibreOffice from the grid."""
    row = table.add_row()
    for index, (cell, column, text) in enumerate(zip(row.cells, table.columns, texts, strict=True)):
        cell.width = column.width
        lines = [text] if isinstance(text, str) else list(text)
        write_lines(cell, lines, bold=bold, center=index in center)
    return row


def write(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.text = ""
    run = paragraph.add_run(text)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_lines(cell: _Cell, lines: Sequence[str], *, bold: bool = False, center: bool = False) -> None:
    """One paragraph per line, so numbered indicators wrap under their own number."""
    write(cell, lines[0] if lines else "", bold=bold, center=center)
    for line in lines[1:]:
        paragraph = cell.add_paragraph()
        paragraph.add_run(line).bold = bold
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def merge_across(row: _Row, text: str, *, bold: bool = True, fill: str = GROUP_FILL) -> _Cell:
    cell = merge(row.cells[0], row.cells[-1], text, bold=bold)
    shade(cell, fill)
    return cell


def merge(first: _Cell, last: _Cell, text: str, *, bold: bool = False, center: bool = False) -> _Cell:
    """Merge a rectangle of cells into one holding only `text` (python-docx keeps every cell's paragraphs)."""
    cell = first.merge(last)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    write(cell, text, bold=bold, center=center)
    return cell


def shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def repeat_as_header(row: _Row) -> None:
    """Word repeats this row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def keep_together(row: _Row) -> None:
    _row_flag(row, "w:cantSplit")


def _row_flag(row: _Row, tag: str) -> None:
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def base_font(document: object, name: str = "Arial", size: float = 10) -> None:
    # The ignore: a python-docx Document, which the library leaves untyped.
    style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.font.name = name
    style.font.size = Pt(size)
    # python-docx names only the Latin font; name the East Asian slot too so every script uses one face.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), name)
