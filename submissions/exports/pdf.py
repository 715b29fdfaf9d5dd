"""The same arrangement as the Word file, drawn as HTML from a print template and set by WeasyPrint.

WeasyPrint lays out with Pango and the fonts installed from Debian packages (Liberation, DejaVu).
Its fetcher here accepts only `data:` URLs (the QR codes are inlined), so rendering never reaches
the network, whatever a text field contains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from submissions.exports.content import StandardView
from submissions.exports.docx_standard import BODY_GRID, IMPORTANCE_COLUMNS
from submissions.exports.verification import qr_svg_data_uri

# Strings, so that the Indonesian locale never writes a decimal comma into the CSS.
GRID_PERCENT = tuple(f"{part * 100 / sum(BODY_GRID):.2f}" for part in BODY_GRID)


@dataclass(frozen=True)
class PrintedStandard:
    view: StandardView
    anchor: int
    first: bool
    qr: str


def printed(
    views: Iterable[StandardView], *, start: int = 1, break_first: bool = False
) -> list[PrintedStandard]:
    """The standards with their anchors (numbered from `start`) and QR codes; the first starts a new
    page only when something comes before it in the same document."""
    return [
        PrintedStandard(
            view=view,
            anchor=anchor,
            first=anchor == start and not break_first,
            qr=qr_svg_data_uri(view.verification.url) if view.verification else "",
        )
        for anchor, view in enumerate(views, start=start)
    ]


def page_context(*, landscape: bool, footer: str = "") -> dict[str, Any]:
    # The footer goes into a CSS string: quotes and backslashes would end it early.
    prefix = "".join(ch for ch in footer if ch not in '"\\')
    return {
        "orientation": "landscape" if landscape else "portrait",
        "footer_prefix": f"{prefix} | " if prefix else "",
        "grid": GRID_PERCENT,
        "importance_columns": IMPORTANCE_COLUMNS,
    }


def render_standard_pdf(view: StandardView, *, landscape: bool = False) -> bytes:
    context = {
        **page_context(landscape=landscape, footer=view.footer),
        "title": f"{view.title}: {view.name}",
        "entries": printed([view]),
    }
    return html_to_pdf(render_to_string("submissions/exports/standard.html", context))


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, url_fetcher=data_only_fetcher(), base_url="data:,")
    return bytes(document.write_pdf())


def data_only_fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"})
