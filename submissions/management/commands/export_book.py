"""`manage.py export_book INSTANSI [--opd NAME] [--format pdf|docx] [--landscape] -o FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from submissions.exports.book import EffectiveStandards, frame_of, standard_views
from submissions.exports.docx_book import build_book
from submissions.exports.pdf_book import render_book_pdf
from submissions.models import OPD, Instansi


class Command(BaseCommand):
    help = (
        "Menulis buku standar yang berlaku (disetujui) dari sebuah instansi atau OPD ke berkas PDF atau "
        "Word, di proses ini (tanpa Celery): untuk administrator dan untuk gambar di README."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instansi", help='Nama instansi, mis. "Pemerintah Kota Madiun"')
        parser.add_argument("--opd", help="Nama OPD bila hanya satu OPD")
        parser.add_argument("--format", choices=("pdf", "docx"), default="pdf")
        parser.add_argument("--landscape", action="store_true", help="A4 mendatar (bawaan: tegak)")
        parser.add_argument("-o", "--output", required=True, help="Berkas tujuan")

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(name=options["instansi"]).first()
        if instansi is None:
            raise CommandError(f"Instansi tidak ditemukan: {options['instansi']}")
        opd = None
        if options["opd"]:
            opd = OPD.objects.filter(instansi=instansi, name=options["opd"]).first()
            if opd is None:
                raise CommandError(f"OPD tidak ditemukan di {instansi.name}: {options['opd']}")
        source = EffectiveStandards(instansi, opd)
        if not source.standards().exists():
            raise CommandError(
                "Tidak ada standar yang berlaku untuk pilihan ini; tidak ada berkas yang dibuat."
            )
        frame, views = frame_of(source), standard_views(source)
        build = render_book_pdf if options["format"] == "pdf" else build_book
        content = build(frame, views, landscape=options["landscape"])
        Path(options["output"]).write_bytes(content)
        self.stdout.write(f"{frame.count} standar ditulis ke {options['output']}.")
