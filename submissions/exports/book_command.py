"""What the book commands share (`export_book`, `export_decree_book`): their file options and the write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from submissions.exports.book import BookSource, frame_of, standard_views
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf


def add_file_arguments(parser: CommandParser) -> None:
    parser.add_argument("--format", choices=("pdf", "docx"), default="pdf")
    parser.add_argument("--landscape", action="store_true", help="A4 mendatar (bawaan: tegak)")
    parser.add_argument("-o", "--output", required=True, help="Berkas tujuan")


def write_book(source: BookSource, options: dict[str, Any], nothing: str) -> str:
    """Lay the book out in this process and write it; `nothing` is the refusal for an empty book."""
    if not source.standards().exists():
        raise CommandError(nothing)
    frame = frame_of(source)
    build = render_book_pdf if options["format"] == "pdf" else build_book
    Path(options["output"]).write_bytes(build(frame, standard_views(source), landscape=options["landscape"]))
    return f"{frame.count} standar ditulis ke {options['output']}."
