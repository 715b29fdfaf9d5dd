"""`manage.py import_dictionary FILE [--instansi NAME] [--dry-run]`: load a competency dictionary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from submissions.imports import import_dictionary
from submissions.models import Instansi


class Command(BaseCommand):
    help = (
        "Mengimpor kamus kompetensi dari spreadsheet .xlsx (kolom: kode, nama, kelompok, definisi, "
        "level, deskripsi, indikator; satu baris per kompetensi dan level). Tanpa --instansi, "
        "kamus nasional yang diisi. Semua baris diperiksa dulu; satu baris salah berarti tidak ada "
        "yang disimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Berkas .xlsx")
        parser.add_argument("--instansi", help='Nama instansi pemilik kamus, mis. "Pemerintah Kota Madiun"')
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa dan hitung saja, tanpa menyimpan."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        instansi = _instansi(options["instansi"])
        result = import_dictionary(path, instansi, dry_run=options["dry_run"])
        for problem in result.problems:
            self.stderr.write(str(problem))
        if not result.ok:
            raise CommandError(result.summary)
        target = instansi.name if instansi else "kamus nasional"
        note = " (uji coba, tidak disimpan)" if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{target}: {result.summary}{note}"))


def _instansi(name: str | None) -> Instansi | None:
    if not name:
        return None
    instansi = Instansi.objects.filter(name=name).first()
    if instansi is None:
        known = ", ".join(Instansi.objects.values_list("name", flat=True)[:10]) or "belum ada"
        raise CommandError(f"Instansi '{name}' tidak ditemukan. Yang ada: {known}.")
    return instansi
