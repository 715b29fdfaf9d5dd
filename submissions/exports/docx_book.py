"""The book in Word: cover, lampiran heading and contents, one section per standard, signature."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt

from submissions.exports.book import BookFrame, Lampiran, TocGroup
from submissions.exports.content import StandardView
from submissions.exports.docx_standard import draw_standard, new_document, page_furniture
from submissions.exports.docx_tools import (
    add_bookmark,
    add_field,
    add_row,
    centered,
    new_table,
    page_setup,
    update_fields_on_open,
)

BOOKMARK = "skj_{}"


def build_book(frame: BookFrame, views: Iterable[StandardView], *, landscape: bool = False) -> bytes:
    document = new_document()
    first = document.sections[0]
    width = page_setup(first, landscape=landscape)
    page_furniture(first, mark="", footer="")
    # The cover carries no page number: only the first page of the first section has its own (empty) footer.
    first.different_first_page_header_footer = True
    _cover(document, frame.title)
    _lampiran(document, frame.lampiran, width)
    _contents(document, frame.toc)
    furniture = ("", "")
    for anchor, view in enumerate(views, start=1):
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False  # numbered from its first page on
        if (view.mark, view.footer) != furniture:
            # A standard not in force (a package's drafts, a superseded version in an old decree's
            # lampiran) draws its own mark and status; the next section links back to it when alike.
            furniture = (view.mark, view.footer)
            section.header.is_linked_to_previous = False
            section.footer.is_linked_to_previous = False
            page_furniture(section, mark=view.mark, footer=view.footer)
        # The contents' page references point at each standard's title.
        add_bookmark(draw_standard(document, view, width), BOOKMARK.format(anchor), anchor)
    _signature(document, frame.lampiran)
    update_fields_on_open(document)
    document.core_properties.title = " ".join(frame.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cover(document: DocumentObject, title: tuple[str, ...]) -> None:
    for _ in range(8):
        document.add_paragraph()
    for index, line in enumerate(title):
        run = centered(document.add_paragraph()).add_run(line)
        run.bold = True
        run.font.size = Pt(18 if index == 0 else 14)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _lampiran(document: DocumentObject, lampiran: Lampiran, width_mm: int) -> None:
    table = new_table(document, (width_mm * 0.45, width_mm * 0.13, 3, width_mm * 0.42 - 3), grid=False)
    for label, value in lampiran.heading:
        add_row(table, ("", label, ":", value))
    document.add_paragraph()


def _contents(document: DocumentObject, toc: tuple[TocGroup, ...]) -> None:
    heading = centered(document.add_paragraph())
    heading.add_run("DAFTAR ISI").bold = True
    for group in toc:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.add_run(group.opd).bold = True
        for entry in group.entries:
            line = document.add_paragraph()
            line.paragraph_format.left_indent = Pt(14)
            line.add_run(f"{entry.anchor}. {entry.name} ... halaman ")
            add_field(line, f"PAGEREF {BOOKMARK.format(entry.anchor)} \\h", placeholder="-")


def _signature(document: DocumentObject, lampiran: Lampiran) -> None:
    document.add_paragraph()
    for text in (f"{lampiran.signature_office},", "", "", "", lampiran.signer or "(" + "." * 30 + ")"):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.left_indent = Pt(240)
        paragraph.add_run(text).bold = bool(text)
