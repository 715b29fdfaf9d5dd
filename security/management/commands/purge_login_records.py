from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from security.records import purge_login_records


class Command(BaseCommand):
    help = "Hapus catatan login (gagal, berhasil, penguncian) yang lebih tua dari masa simpan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Masa simpan dalam hari (bawaan: LOGIN_RECORDS_RETENTION_DAYS, "
            f"sekarang {settings.LOGIN_RECORDS_RETENTION_DAYS}).",
        )

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        removed = purge_login_records(days=days)
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in removed.items()))
