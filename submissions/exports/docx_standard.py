"""Draws a `StandardView` in Word as the form has it: the header lines, then I, II and III as one
bordered table under the banner row, then the verification block of an enacted standard."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from submissions.exports.content import (
    EMPTY,
    CompetencyLine,
    RequirementBlock,
    RequirementItem,
    StandardView,
    Verification,
)
from submissions.exports.docx_tools import (
    GROUP_FILL,
    HEADER_FILL,
    Span,
    add_field,
    add_row,
    base_font,
    centered,
    keep_together,
    new_table,
    page_setup,
    scaled,
    spanned_row,
    write_lines,
)
from submissions.exports.verification import qr_png
from submissions.models import Importance

CHECK = "\u2713"
IMPORTANCE_COLUMNS = (Importance.MUTLAK, Importance.PENTING, Importance.PERLU)
IMPORTANCE_HEADING = "Tingkat Pentingnya terhadap Jabatan"
# The body's grid: No | Kompetensi | Level | Deskripsi | indicator no. | indicator text (3 columns,
# which III splits into Mutlak | Penting | Perlu). Parts of the width, scaled to the page.
BODY_GRID = (8, 30, 11, 43, 10, 23, 23, 22)
HEADER_GRID = (45, 3, 122)
NO, LEVEL = 0, 2
ALL = len(BODY_GRID)


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
    widths = scaled(BODY_GRID, width_mm)
    body = new_table(document, widths)
    _body(body, widths, view)
    if view.verification is not None:
        _verification(document, view.verification, width_mm)
    return title


def _header_table(document: DocumentObject, lines: tuple[tuple[str, str], ...], width_mm: int) -> None:
    table = new_table(document, scaled(HEADER_GRID, width_mm), grid=False)
    for label, value in lines:
        add_row(table, (label, ":", value))


def _body(table: Table, widths: tuple[float, ...], view: StandardView) -> None:
    def row(*spans: Span) -> _Row:
        built = spanned_row(table, widths, spans)
        keep_together(built)
        return built

    row(Span(view.banner, ALL, bold=True, center=True, fill=HEADER_FILL))
    row(Span("I. IKHTISAR JABATAN", ALL, bold=True))
    row(Span(view.summary, ALL))
    row(Span("II. STANDAR KOMPETENSI", ALL, bold=True))
    row(
        *(
            Span(text, bold=True, center=True, fill=HEADER_FILL)
            for text in ("No", "Kompetensi", "Level", "Deskripsi")
        ),
        Span("Indikator Kompetensi", 4, bold=True, center=True, fill=HEADER_FILL),
    )
    for block in view.competencies:
        row(Span(block.title, ALL, bold=True, fill=GROUP_FILL))
        if not block.lines:
            row(Span("Belum diisi.", ALL))
        for line in block.lines:
            for spans in _competency(line):
                row(*spans)
    row(Span("III. PERSYARATAN JABATAN", ALL, bold=True))
    _requirements(row, view.requirements)


def _requirements(row: Callable[..., _Row], blocks: tuple[RequirementBlock, ...]) -> None:
    def head(text: str, span: int = 1, vmerge: str | None = None) -> Span:
        return Span(text, span, bold=True, center=True, fill=HEADER_FILL, vmerge=vmerge)

    row(head("Jenis Persyaratan", 2, "restart"), head("Uraian", 3, "restart"), head(IMPORTANCE_HEADING, 3))
    row(
        head("", 2, "continue"),
        head("", 3, "continue"),
        *(head(label) for label in ("Mutlak", "Penting", "Perlu")),
    )
    for block in blocks:
        if not block.is_flat:
            row(Span(block.title, ALL, bold=True, fill=GROUP_FILL))
        for item in block.items:
            label = block.title if block.is_flat else item.label
            for spans in _requirement(label, item, bold=block.is_flat):
                row(*spans)


def _competency(line: CompetencyLine) -> list[tuple[Span, ...]]:
    """One row per indicator (number and text in cells of their own); the competency's cells span them."""
    indicators = [(indicator.number, indicator.text) for indicator in line.indicators] or [("", EMPTY)]
    rows = []
    for index, (number, text) in enumerate(indicators):
        merge = None if len(indicators) == 1 else "restart" if index == 0 else "continue"
        own = (str(line.number), line.name, str(line.level), line.description)
        rows.append(
            (
                *(
                    Span(value, center=column in (NO, LEVEL), vmerge=merge)
                    for column, value in enumerate(own)
                ),
                Span(number, center=True),
                Span(text, 3),
            )
        )
    return rows


def _requirement(label: str, item: RequirementItem, *, bold: bool) -> list[tuple[Span, ...]]:
    entries = item.texts or ((EMPTY, ""),)
    return [
        (
            Span(label if index == 0 else "", 2, bold=bold),
            Span(text, 3),
            *(Span(CHECK if importance == value else "", center=True) for value in IMPORTANCE_COLUMNS),
        )
        for index, (text, importance) in enumerate(entries)
    ]


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
