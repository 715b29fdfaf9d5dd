"""`manage.py export_decree_book NUMBER [--instansi NAME] [--format pdf|docx] [--landscape] -o FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from submissions.exports.book import frame_of, standard_views
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf
from workflow.books import DecreeBook
from workflow.models import Decree


class Command(BaseCommand):
    help = (
        "Menulis buku lampiran sebuah keputusan penetapan ke berkas PDF atau Word, di proses ini "
        "(tanpa Celery): untuk administrator dan untuk gambar di README."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("number", help='Nomor keputusan, mis. "18 Tahun 2026"')
        parser.add_argument("--instansi", help="Nama instansi, bila nomor yang sama ada di beberapa instansi")
        parser.add_argument("--format", choices=("pdf", "docx"), default="pdf")
        parser.add_argument("--landscape", action="store_true", help="A4 mendatar (bawaan: tegak)")
        parser.add_argument("-o", "--output", required=True, help="Berkas tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        decrees = Decree.objects.select_related("instansi").filter(number=options["number"])
        if options["instansi"]:
            decrees = decrees.filter(instansi__name=options["instansi"])
        found = list(decrees[:2])
        if len(found) != 1:
            many = "ada di lebih dari satu instansi; sebutkan --instansi"
            problem = "tidak ditemukan" if not found else many
            raise CommandError(f"Keputusan {options['number']} {problem}.")
        source = DecreeBook(found[0])
        if not source.standards().exists():
            raise CommandError("Keputusan ini belum menetapkan standar; tidak ada berkas yang dibuat.")
        frame, views = frame_of(source), standard_views(source)
        build = render_book_pdf if options["format"] == "pdf" else build_book
        Path(options["output"]).write_bytes(build(frame, views, landscape=options["landscape"]))
        self.stdout.write(f"{frame.count} standar ditulis ke {options['output']}.")
