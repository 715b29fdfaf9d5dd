"""`manage.py seed_demo`: the demo world used by the README, screenshots and acceptance checks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from demo.seed import seed
from demo.world import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Membuat data demo Alur SKJ (aman dijalankan berulang kali)."

    def handle(self, *args: Any, **options: Any) -> None:
        documents = seed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Data demo siap ({documents} dokumen SKJ baru). "
                f"Semua pengguna demo memakai kata sandi '{DEMO_PASSWORD}'."
            )
        )
