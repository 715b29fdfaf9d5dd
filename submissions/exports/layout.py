"""Draws a `StandardView` as a Word document in the official layout: header, I, II, III, footer."""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import Table, _Row

from submissions.exports.content import (
    EMPTY,
    CompetencyGroupBlock,
    RequirementBlock,
    RequirementItem,
    StandardView,
)
from submissions.exports.docx_tools import (
    HEADER_FILL,
    add_row,
    base_font,
    keep_together,
    landscape_a4,
    merge,
    merge_across,
    new_table,
    repeat_as_header,
    shade,
    write,
)
from submissions.models import Importance

CHECK = "\u2713"
IMPORTANCE_COLUMNS = (Importance.MUTLAK, Importance.PENTING, Importance.PERLU)
# Landscape A4 leaves 257 mm between 20 mm margins; each table fills it.
HEADER_WIDTHS = (10, 50, 5, 192)
COMPETENCY_WIDTHS = (10, 45, 15, 75, 112)
REQUIREMENT_WIDTHS = (55, 130, 24, 24, 24)


def build_document(view: StandardView) -> DocumentObject:
    document = Document()
    base_font(document)
    landscape_a4(document.sections[0])
    _title(document, view.title)
    _header_table(document, view.header)
    _heading(document, "I. IKHTISAR JABATAN")
    document.add_paragraph(view.summary)
    _heading(document, "II. STANDAR KOMPETENSI")
    _competency_table(document, view.competencies)
    _heading(document, "III. PERSYARATAN JABATAN")
    _requirement_table(document, view.requirements)
    _footer(document, view.footer)
    document.core_properties.title = f"{view.title}: {view.header[0][1]}"
    document.core_properties.author = "Alur SKJ"
    return document


def _title(document: DocumentObject, title: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(title)
    run.bold = True
    run.font.size = Pt(14)


def _heading(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(text).bold = True


def _header_table(document: DocumentObject, lines: tuple[tuple[str, str], ...]) -> None:
    table = new_table(document, HEADER_WIDTHS, grid=False)
    for number, (label, value) in enumerate(lines, start=1):
        add_row(table, (f"{number}.", label, ":", value))


def _competency_table(document: DocumentObject, blocks: tuple[CompetencyGroupBlock, ...]) -> None:
    table = new_table(document, COMPETENCY_WIDTHS)
    head = add_row(table, ("No", "Kompetensi", "Level", "Deskripsi", "Indikator Kompetensi"), bold=True)
    _style_head(head)
    for block in blocks:
        merge_across(table.add_row(), block.title)
        if not block.lines:
            merge_across(table.add_row(), "Belum diisi.", bold=False, fill="FFFFFF")
        for line in block.lines:
            row = add_row(
                table,
                (str(line.number), line.name, str(line.level), line.description, line.indicators or [EMPTY]),
                center=(0, 2),
            )
            keep_together(row)


def _requirement_table(document: DocumentObject, blocks: tuple[RequirementBlock, ...]) -> None:
    table = new_table(document, REQUIREMENT_WIDTHS)
    _requirement_head(table)
    for block in blocks:
        if block.is_flat:
            _requirement_item(table, block.title, block.items[0], bold_label=True)
            continue
        merge_across(table.add_row(), block.title)
        for item in block.items:
            _requirement_item(table, item.label, item)


def _requirement_head(table: Table) -> None:
    """Two header rows: "Tingkat pentingnya" spans the three importance columns above their names."""
    top = add_row(table, ("Jenis persyaratan", "Uraian", "Tingkat pentingnya", "", ""), bold=True)
    bottom = add_row(table, ("", "", "Mutlak", "Penting", "Perlu"), bold=True, center=(2, 3, 4))
    for index in (0, 1):
        merge(top.cells[index], bottom.cells[index], top.cells[index].text, bold=True)
    merge(top.cells[2], top.cells[4], "Tingkat pentingnya", bold=True, center=True)
    for row in (top, bottom):
        _style_head(row)


def _requirement_item(table: Table, label: str, item: RequirementItem, *, bold_label: bool = False) -> None:
    entries = item.texts or ((EMPTY, ""),)
    for index, (text, importance) in enumerate(entries):
        marks = tuple(CHECK if importance == column else "" for column in IMPORTANCE_COLUMNS)
        row = add_row(table, (label if index == 0 else "", text, *marks), center=(2, 3, 4))
        if bold_label and index == 0:
            write(row.cells[0], label, bold=True)


def _style_head(row: _Row) -> None:
    repeat_as_header(row)
    # A merged cell appears once per grid column it spans; shade it once.
    for cell in {id(cell._tc): cell for cell in row.cells}.values():
        shade(cell, HEADER_FILL)


def _footer(document: DocumentObject, text: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = text
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run.font.size = Pt(8)
