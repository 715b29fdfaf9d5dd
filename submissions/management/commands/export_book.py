"""`manage.py export_book INSTANSI [--opd NAME] [--format pdf|docx] [--landscape] -o FILE`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from submissions.exports.book import EffectiveStandards
from submissions.exports.book_command import add_file_arguments, write_book
from submissions.models import OPD, Instansi


class Command(BaseCommand):
    help = (
        "Menulis buku standar yang berlaku (disetujui) dari sebuah instansi atau OPD ke berkas PDF atau "
        "Word, di proses ini (tanpa Celery): untuk administrator dan untuk gambar di README."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instansi", help='Nama instansi, mis. "Pemerintah Kota Madiun"')
        parser.add_argument("--opd", help="Nama OPD bila hanya satu OPD")
        add_file_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        instansi = Instansi.objects.filter(name=options["instansi"]).first()
        if instansi is None:
            raise CommandError(f"Instansi tidak ditemukan: {options['instansi']}")
        opd = None
        if options["opd"]:
            opd = OPD.objects.filter(instansi=instansi, name=options["opd"]).first()
            if opd is None:
                raise CommandError(f"OPD tidak ditemukan di {instansi.name}: {options['opd']}")
        nothing = "Tidak ada standar yang berlaku untuk pilihan ini; tidak ada berkas yang dibuat."
        self.stdout.write(write_book(EffectiveStandards(instansi, opd), options, nothing))
