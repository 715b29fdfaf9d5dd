"""Draws a `StandardView` in Word as the form has it: the header lines, then I, II and III as one
bordered table under the banner row, then the verification block of an enacted standard."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from submissions.exports.content import (
    EMPTY,
    CompetencyGroupBlock,
    CompetencyLine,
    RequirementBlock,
    RequirementItem,
    StandardView,
    Verification,
)
from submissions.exports.docx_tools import (
    GROUP_FILL,
    HEADER_FILL,
    add_field,
    add_row,
    base_font,
    centered,
    keep_together,
    merge,
    merge_across,
    merge_keeping,
    new_table,
    page_setup,
    repeat_as_header,
    scaled,
    shade,
    write,
    write_lines,
)
from submissions.exports.verification import qr_png
from submissions.models import Importance

CHECK = "\u2713"
IMPORTANCE_COLUMNS = (Importance.MUTLAK, Importance.PENTING, Importance.PERLU)
# The body's grid: No | Kompetensi | Level | Deskripsi | indicator no. | indicator text (3 columns,
# which III splits into Mutlak | Penting | Perlu). Parts of the width, scaled to the page.
BODY_GRID = (8, 30, 11, 43, 10, 23, 23, 22)
HEADER_GRID = (45, 3, 122)
NO, NAME, LEVEL, DESCRIPTION, INDICATOR_NO, INDICATOR_TEXT, LAST = 0, 1, 2, 3, 4, 5, 7
TICKS = (5, 6, 7)


def build_document(view: StandardView, *, landscape: bool = False) -> DocumentObject:
    """One standard as a file of its own."""
    document = new_document()
    section = document.sections[0]
    width = page_setup(section, landscape=landscape)
    page_furniture(section, mark=view.mark, footer=view.footer)
    draw_standard(document, view, width)
    document.core_properties.title = f"{view.title}: {view.name}"
    return document


def new_document() -> DocumentObject:
    document = Document()
    base_font(document)
    document.core_properties.author = "Alur SKJ"
    return document


def page_furniture(section: Section, *, mark: str, footer: str) -> None:
    """The DRAF mark atop every page of what is not enacted; the footer: state (if any) and page number."""
    header = section.header.paragraphs[0]
    header.text = ""
    if mark:
        centered(header)
        run = header.add_run(mark)
        run.bold = True
        run.font.size = Pt(28)
        run.font.color.rgb = RGBColor(0xB0, 0xB0, 0xB0)
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if footer:
        paragraph.add_run(f"{footer} | ")
    paragraph.add_run("Halaman ")
    add_field(paragraph, "PAGE")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def draw_standard(document: DocumentObject, view: StandardView, width_mm: int) -> Paragraph:
    """Append the standard to the document; answers its title paragraph (a book bookmarks it)."""
    title = centered(document.add_paragraph())
    run = title.add_run(view.title)
    run.bold = True
    run.font.size = Pt(13)
    _header_table(document, view.header, width_mm)
    document.add_paragraph()
    body = new_table(document, scaled(BODY_GRID, width_mm))
    banner = merge_across(body.add_row(), view.banner, fill=HEADER_FILL)
    banner.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _section_title(body, "I. IKHTISAR JABATAN")
    merge_across(body.add_row(), view.summary, bold=False, fill=None)
    _section_title(body, "II. STANDAR KOMPETENSI")
    _competencies(body, view.competencies)
    _section_title(body, "III. PERSYARATAN JABATAN")
    _requirements(body, view.requirements)
    if view.verification is not None:
        _verification(document, view.verification, width_mm)
    return title


def _header_table(document: DocumentObject, lines: tuple[tuple[str, str], ...], width_mm: int) -> None:
    table = new_table(document, scaled(HEADER_GRID, width_mm), grid=False)
    for label, value in lines:
        add_row(table, (label, ":", value))


def _section_title(table: Table, text: str) -> None:
    row = table.add_row()
    merge_across(row, text, fill=None)
    keep_together(row)


def _competencies(table: Table, blocks: tuple[CompetencyGroupBlock, ...]) -> None:
    head = table.add_row()
    for index, text in ((NO, "No"), (NAME, "Kompetensi"), (LEVEL, "Level"), (DESCRIPTION, "Deskripsi")):
        write(head.cells[index], text, bold=True, center=True)
    merge(head.cells[INDICATOR_NO], head.cells[LAST], "Indikator Kompetensi", bold=True, center=True)
    _style_head(head)
    for block in blocks:
        merge_across(table.add_row(), block.title)
        if not block.lines:
            merge_across(table.add_row(), "Belum diisi.", bold=False, fill=None)
        for line in block.lines:
            _competency(table, line)


def _competency(table: Table, line: CompetencyLine) -> None:
    """One row per indicator (number and text in cells of their own); the competency's cells span them."""
    indicators = line.indicators or ()
    rows: list[_Row] = []
    for indicator in indicators or (None,):
        row = table.add_row()
        keep_together(row)
        write(row.cells[INDICATOR_NO], indicator.number if indicator else "", center=True)
        merge(row.cells[INDICATOR_TEXT], row.cells[LAST], indicator.text if indicator else EMPTY)
        rows.append(row)
    first = rows[0]
    write(first.cells[NO], str(line.number), center=True)
    write(first.cells[NAME], line.name)
    write(first.cells[LEVEL], str(line.level), center=True)
    write(first.cells[DESCRIPTION], line.description)
    if len(rows) > 1:
        for column in (NO, NAME, LEVEL, DESCRIPTION):
            merge_keeping(first.cells[column], rows[-1].cells[column])


def _requirements(table: Table, blocks: tuple[RequirementBlock, ...]) -> None:
    top, bottom = table.add_row(), table.add_row()
    merge(top.cells[0], bottom.cells[1], "Jenis Persyaratan", bold=True, center=True)
    merge(top.cells[2], bottom.cells[4], "Uraian", bold=True, center=True)
    merge(
        top.cells[TICKS[0]],
        top.cells[TICKS[-1]],
        "Tingkat Pentingnya terhadap Jabatan",
        bold=True,
        center=True,
    )
    for column, label in zip(TICKS, ("Mutlak", "Penting", "Perlu"), strict=True):
        write(bottom.cells[column], label, bold=True, center=True)
    for row in (top, bottom):
        _style_head(row)
    for block in blocks:
        if block.is_flat:
            _requirement_item(table, block.title, block.items[0], bold_label=True)
            continue
        row = table.add_row()
        merge_across(row, block.title, fill=GROUP_FILL)
        for item in block.items:
            _requirement_item(table, item.label, item)


def _requirement_item(table: Table, label: str, item: RequirementItem, *, bold_label: bool = False) -> None:
    entries = item.texts or ((EMPTY, ""),)
    for index, (text, importance) in enumerate(entries):
        row = table.add_row()
        keep_together(row)
        merge(row.cells[0], row.cells[1], label if index == 0 else "", bold=bold_label)
        merge(row.cells[2], row.cells[4], text)
        for column, value in zip(TICKS, IMPORTANCE_COLUMNS, strict=True):
            write(row.cells[column], CHECK if importance == value else "", center=True)


def _style_head(row: _Row) -> None:
    repeat_as_header(row)
    # A merged cell appears once per grid column it spans; shade it once.
    for cell in {id(cell._tc): cell for cell in row.cells}.values():
        shade(cell, HEADER_FILL)


def _verification(document: DocumentObject, verification: Verification, width_mm: int) -> None:
    document.add_paragraph()
    table = new_table(document, (30, width_mm - 30), grid=False)
    row = table.add_row()
    picture = row.cells[0].paragraphs[0].add_run()
    picture.add_picture(io.BytesIO(qr_png(verification.url)), width=Mm(25))
    write_lines(
        row.cells[1],
        [
            f"Kode verifikasi: {verification.code}",
            f"Periksa keaslian salinan ini di {verification.url}",
            f"SHA-256 isi yang ditetapkan: {verification.sha256}",
        ],
    )
    for paragraph in row.cells[1].paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(8)
