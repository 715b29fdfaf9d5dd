"""The book as a PDF, laid out in parts so that the worker's memory stays flat whatever its length.

WeasyPrint keeps every laid-out page of a document in memory until it writes the file: a
1,000-page book laid out at once took 1.6 GB (bench/RESULTS.md). So the book is laid out as
separate documents, each a few standards long, and the PDFs are joined with pypdf:

1. the front matter (cover, lampiran, contents) with placeholder page numbers, to learn its length;
2. the standards in parts of `CHUNK` standards, each part's first page numbered where the previous
   part ended (`@page :first { counter-reset: page N }`), the signature after the last standard;
   each part tells on which page each of its standards starts (WeasyPrint's page anchors);
3. the front matter again with those page numbers. The numbers sit in boxes of a fixed width, so
   the front lays out exactly as it did with the placeholders and keeps its length.

Only one part's pages, and the small finished PDFs, are held at a time. The parts share one
parsed stylesheet and one font configuration. The contents' lines link to their standards and
the file's outline lists the OPDs and standards, both added when the parts are joined.
"""

from __future__ import annotations

import gc
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from submissions.exports.book import BookFrame
from submissions.exports.content import StandardView
from submissions.exports.pdf import GRID_PERCENT, IMPORTANCE_COLUMNS, data_only_fetcher, page_context, printed

CHUNK = 20  # standards laid out at once (about 80 pages): memory grows with the pages WeasyPrint holds
PLACEHOLDER = "0000"
PX_TO_PT = 0.75  # WeasyPrint measures in CSS pixels (96 per inch), PDF in points (72 per inch)
ANCHOR = "skj-"


@dataclass
class Part:
    pdf: bytes
    pages: int
    starts: dict[int, int]  # anchor -> page number in the book (1-based)


class Typesetter:
    """One stylesheet and one font configuration for every part of a book."""

    def __init__(self, *, landscape: bool) -> None:
        self.fonts = FontConfiguration()
        css = render_to_string(
            "submissions/exports/print.css", {**page_context(landscape=landscape), "book": True}
        )
        self.stylesheet = CSS(
            string=css, font_config=self.fonts, url_fetcher=data_only_fetcher(), base_url="data:,"
        )

    def render(self, html: str) -> Any:
        document = HTML(string=html, url_fetcher=data_only_fetcher(), base_url="data:,")
        return document.render(stylesheets=[self.stylesheet], font_config=self.fonts)


def render_book_pdf(
    frame: BookFrame, views: Iterable[StandardView], *, landscape: bool = False, chunk: int = CHUNK
) -> bytes:
    typesetter = Typesetter(landscape=landscape)
    front_pages = len(_front(typesetter, frame, {}).pages)
    parts: list[Part] = []
    next_page = front_pages + 1
    for anchor, views_of_part, last in _parts(views, chunk):
        part = _part(typesetter, frame, views_of_part, anchor=anchor, first_page=next_page, last=last)
        parts.append(part)
        next_page += part.pages
        gc.collect()  # WeasyPrint's boxes refer to each other: free the part's pages before the next
    starts = {anchor: page for part in parts for anchor, page in part.starts.items()}
    front = _front(typesetter, frame, starts)
    if len(front.pages) != front_pages:  # cannot happen with fixed-width numbers; never print wrong ones
        raise RuntimeError("the contents changed length once numbered")
    links = _links(front)
    return _joined(frame, front.write_pdf(), parts, starts, links)


def _parts(views: Iterable[StandardView], size: int) -> Iterator[tuple[int, list[StandardView], bool]]:
    """(first anchor, the part's views, whether it is the last part), reading one part ahead."""
    iterator = iter(views)
    current = list(itertools.islice(iterator, size))
    anchor = 1
    while current:
        following = list(itertools.islice(iterator, size))
        yield anchor, current, not following
        anchor += len(current)
        current = following


def _front(typesetter: Typesetter, frame: BookFrame, starts: dict[int, int]) -> Any:
    contents = [
        (group.opd, [(entry, starts.get(entry.anchor, PLACEHOLDER)) for entry in group.entries])
        for group in frame.toc
    ]
    html = render_to_string("submissions/exports/book_front.html", {"frame": frame, "contents": contents})
    return typesetter.render(html)


def _part(
    typesetter: Typesetter,
    frame: BookFrame,
    views: list[StandardView],
    *,
    anchor: int,
    first_page: int,
    last: bool,
) -> Part:
    context = {
        "frame": frame,
        "entries": printed(views, start=anchor),
        "first_page": first_page,
        "last": last,
        "book": True,
        "grid": GRID_PERCENT,
        "importance_columns": IMPORTANCE_COLUMNS,
    }
    document = typesetter.render(render_to_string("submissions/exports/book_part.html", context))
    # A standard's box is in the anchors of every page it runs over: its first page is the one.
    starts: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            if name.startswith(ANCHOR) and name[len(ANCHOR) :].isdigit():
                starts.setdefault(int(name[len(ANCHOR) :]), first_page + index)
    return Part(pdf=bytes(document.write_pdf()), pages=len(document.pages), starts=starts)


@dataclass(frozen=True)
class TocLink:
    page: int  # index of the front matter's page
    anchor: int
    rect: tuple[float, float, float, float]  # PDF points, origin at the bottom left


def _links(front: Any) -> list[TocLink]:
    """The contents' lines, where they are on their page; WeasyPrint is told to draw none itself
    (their targets lie in other parts, which it would report as missing)."""
    found = []
    for index, page in enumerate(front.pages):
        height = page.height
        for kind, target, (x0, y0, x1, y1), *_ in page.links:
            if kind == "internal" and target.startswith(ANCHOR) and target[len(ANCHOR) :].isdigit():
                rect = (x0 * PX_TO_PT, (height - y1) * PX_TO_PT, x1 * PX_TO_PT, (height - y0) * PX_TO_PT)
                found.append(TocLink(index, int(target[len(ANCHOR) :]), rect))
        page.links.clear()
    return found


def _joined(
    frame: BookFrame, front: bytes, parts: list[Part], starts: dict[int, int], links: list[TocLink]
) -> bytes:
    writer = PdfWriter()
    for pdf in (front, *(part.pdf for part in parts)):
        writer.append(PdfReader(io.BytesIO(pdf)), import_outline=False)
    for link in links:
        if link.anchor in starts:
            target = Link(rect=link.rect, target_page_index=starts[link.anchor] - 1)
            writer.add_annotation(page_number=link.page, annotation=target)
    for group in frame.toc:
        entries = [entry for entry in group.entries if entry.anchor in starts]
        if not entries:
            continue
        parent = writer.add_outline_item(title=group.opd, page_number=starts[entries[0].anchor] - 1)
        for entry in entries:
            writer.add_outline_item(
                title=f"{entry.anchor}. {entry.name}", page_number=starts[entry.anchor] - 1, parent=parent
            )
    writer.add_metadata({"/Title": " ".join(frame.title), "/Creator": "Alur SKJ"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
