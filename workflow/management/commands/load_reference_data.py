"""`manage.py load_reference_data`: minimum levels and send-back reason codes, also for production."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from workflow.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Memuat data referensi (level minimum per kelompok jabatan dan kode alasan pengembalian). "
        "Hanya menambah yang belum ada; perubahan administrator tidak ditimpa."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            created = load_reference_data()
        self.stdout.write(self.style.SUCCESS(f"Data referensi siap ({created} baris baru)."))
