"""`manage.py export_decree_book NUMBER [--instansi NAME] [--format pdf|docx] [--landscape] -o FILE`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from submissions.exports.book_command import add_file_arguments, write_book
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
        add_file_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        decrees = Decree.objects.select_related("instansi").filter(number=options["number"])
        if options["instansi"]:
            decrees = decrees.filter(instansi__name=options["instansi"])
        found = list(decrees[:2])
        if len(found) != 1:
            many = "ada di lebih dari satu instansi; sebutkan --instansi"
            problem = "tidak ditemukan" if not found else many
            raise CommandError(f"Keputusan {options['number']} {problem}.")
        nothing = "Keputusan ini belum menetapkan standar; tidak ada berkas yang dibuat."
        self.stdout.write(write_book(DecreeBook(found[0]), options, nothing))
