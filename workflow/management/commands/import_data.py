"""`manage.py import_data KIND FILE --instansi NAME [--dry-run]`: the pages' import, from a shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from submissions.imports import KINDS, preview_import
from submissions.models import ImportKind, Instansi
from workflow.setup.imports import apply_import


class Command(BaseCommand):
    help = (
        "Mengimpor OPD (opds), peta jabatan (peta_jabatan), pengguna dan peran (people), atau kamus "
        "kompetensi (dictionary) dari .xlsx atau .csv, dengan pemeriksaan yang sama seperti halaman "
        "impor: satu baris salah berarti tidak ada yang disimpan. Pengguna baru menerima undangan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=list(KINDS), help="Jenis data")
        parser.add_argument("file", help="Berkas .xlsx atau .csv")
        parser.add_argument("--instansi", help="Nama instansi (wajib kecuali kamus nasional)")
        parser.add_argument("--dry-run", action="store_true", help="Tampilkan pratinjau saja.")
        parser.add_argument("--verbose-rows", action="store_true", help="Tampilkan hasil setiap baris.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        kind = options["kind"]
        instansi = _instansi(options["instansi"], kind)
        content = path.read_bytes()
        if options["dry_run"]:
            preview = preview_import(kind, content, instansi)
        else:
            with transaction.atomic(durable=True):
                preview = apply_import(kind=kind, content=content, instansi=instansi, actor=None)
        if options["verbose_rows"]:
            for row in preview.rows:
                self.stdout.write(f"Baris {row.row}: {row.outcome.label} {row.label} {'; '.join(row.notes)}")
        for line in preview.all_problems():
            self.stderr.write(line)
        if not preview.ok:
            raise CommandError(preview.summary)
        self.stdout.write(self.style.SUCCESS(preview.summary))


def _instansi(name: str | None, kind: str) -> Instansi | None:
    if not name:
        if kind == ImportKind.DICTIONARY:
            return None
        raise CommandError("Sebutkan --instansi untuk jenis data ini.")
    instansi = Instansi.objects.filter(name=name).first()
    if instansi is None:
        raise CommandError(f"Instansi '{name}' tidak ditemukan.")
    return instansi
