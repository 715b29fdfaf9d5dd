"""Small python-docx helpers for what its API does not cover: widths Word honours, shading, merges,
fields (page numbers, page references) and bookmarks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"
MARGIN_MM = 20
A4_MM = (210, 297)


def page_setup(section: Section, *, landscape: bool) -> int:
    """A4 in the chosen orientation with 20 mm margins; answers the width left for the text, in mm."""
    short, long = A4_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (long, short) if landscape else (short, long)
    section.page_width, section.page_height = Mm(width), Mm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    return width - 2 * MARGIN_MM


def scaled(fractions: Sequence[int], width_mm: int) -> tuple[float, ...]:
    total = sum(fractions)
    return tuple(width_mm * part / total for part in fractions)


def new_table(container: object, widths_mm: Sequence[float], *, grid: bool = True) -> Table:
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
    write_lines(cell, text.split("\n"), bold=bold, center=center)


def write_lines(cell: _Cell, lines: Sequence[str], *, bold: bool = False, center: bool = False) -> None:
    """One paragraph per line, so numbered items and typed line breaks wrap under themselves."""
    lines = [part for line in lines for part in line.split("\n")] or [""]
    first = cell.paragraphs[0]
    first.text = ""
    _fill(first, lines[0], bold=bold, center=center)
    for line in lines[1:]:
        _fill(cell.add_paragraph(), line, bold=bold, center=center)


def _fill(paragraph: Paragraph, text: str, *, bold: bool, center: bool) -> None:
    paragraph.add_run(text).bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def merge_across(row: _Row, text: str, *, bold: bool = True, fill: str | None = GROUP_FILL) -> _Cell:
    cell = merge(row.cells[0], row.cells[-1], text, bold=bold)
    if fill:
        shade(cell, fill)
    return cell


def merge(first: _Cell, last: _Cell, text: str, *, bold: bool = False, center: bool = False) -> _Cell:
    """Merge a rectangle of cells into one holding only `text` (python-docx keeps every cell's paragraphs)."""
    cell = first.merge(last)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    write(cell, text, bold=bold, center=center)
    return cell


def merge_keeping(first: _Cell, last: _Cell) -> _Cell:
    """Merge cells keeping the first cell's paragraphs only (the others are empty continuations)."""
    keep = len(first.paragraphs)
    cell = first.merge(last)
    for extra in cell.paragraphs[keep:]:
        extra._p.getparent().remove(extra._p)
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
    style.paragraph_format.space_after = Pt(0)
    # python-docx names only the Latin font; name the East Asian slot too so every script uses one face.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), name)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, PAGEREF ...): Word computes it, `placeholder` shows until then."""
    parts = (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    )
    for kind, value in parts:
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {value} "
        elif kind == "text":
            run.text = value or ""
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def add_bookmark(paragraph: Paragraph, name: str, ident: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def update_fields_on_open(document: object) -> None:
    """Ask Word to compute the table of contents' page references when the file is opened."""
    settings = document.settings.element  # type: ignore[attr-defined]
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    settings.append(flag)


def centered(paragraph: Paragraph) -> Paragraph:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


@dataclass(frozen=True)
class Span:
    """One cell of a row built at once: how many grid columns it spans, and whether it merges down."""

    text: str | Sequence[str] = ""
    span: int = 1
    bold: bool = False
    center: bool = False
    fill: str | None = None
    vmerge: str | None = None  # "restart" opens a vertical merge, "continue" carries it on below


def spanned_row(table: Table, widths_mm: Sequence[float], spans: Sequence[Span]) -> _Row:
    """A row with its merges written straight into the XML.

    python-docx's `merge` rescans the whole table for every merge, which made a standard take
    seconds; writing `gridSpan` and `vMerge` while building keeps a 250-standard book in minutes.
    """
    tr = table._tbl.add_tr()
    column = 0
    for spec in spans:
        tc = tr.add_tc()
        tc.width = Mm(sum(widths_mm[column : column + spec.span]))
        if spec.span > 1:
            tc.grid_span = spec.span
        if spec.vmerge:
            tc.get_or_add_tcPr().vMerge_val = spec.vmerge
        cell = _Cell(tc, table)
        if spec.vmerge != "continue":
            lines = [spec.text] if isinstance(spec.text, str) else list(spec.text)
            write_lines(cell, lines, bold=spec.bold, center=spec.center)
        if spec.fill:
            shade(cell, spec.fill)
        column += spec.span
    if column != len(widths_mm):
        raise ValueError(f"the row spans {column} of {len(widths_mm)} grid columns")
    return _Row(tr, table)
