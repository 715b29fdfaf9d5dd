"""Printing the document page: the print stylesheet leaves the standard alone, laid out for paper.

The page is printed by a real print renderer (WeasyPrint applies `@media print`, as a browser's
print does) with the app's own stylesheet, and the printed text is read back."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from tests.builders import World
from tests.submissions.exporting import drafted

APP_CSS = Path(__file__).resolve().parents[2] / "web/static/web/app.css"


def printed_text(html: str) -> list[str]:
    # Nothing is fetched: the page's own stylesheet link is refused and the file passed instead.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url="data:,")
    pdf = document.write_pdf(stylesheets=[CSS(filename=str(APP_CSS))])
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_printed_document_page_is_the_standard_without_navigation_side_panel_or_buttons(
    world: World, as_user
) -> None:
    submission = drafted(world)
    page = as_user(world.drafter).get(f"/dokumen/{submission.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tugas saya" in html  # on screen: the menu
    assert "Tindakan" in html  # and the side panel

    pages = printed_text(html)

    text = " ".join(pages).replace("\n", " ")
    assert "Kepala Seksi Surveilans" in text
    assert "II. STANDAR KOMPETENSI" in text  # the print stylesheet's upper-case section headings
    for screen_only in ("Tugas saya", "Menu utama", "Status dan tindakan", "Tindakan", "Keluar"):
        assert screen_only not in text, screen_only
