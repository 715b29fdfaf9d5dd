from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from security.database import grant_app_privileges


class Command(BaseCommand):
    help = (
        "Beri peran basis data aplikasi hak baca-tulis, tanpa UPDATE/DELETE/TRUNCATE pada log transisi "
        "dan cuplikan isi. Dijalankan sebagai pemilik tabel (DATABASE_MIGRATION_URL) setelah migrate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default=settings.DATABASE_APP_ROLE, help="Peran aplikasi.")

    def handle(self, *args: Any, role: str = "", **options: Any) -> None:
        if connection.vendor != "postgresql" or not role:
            self.stdout.write("Satu peran untuk semua (atau bukan PostgreSQL): tidak ada hak yang diberikan.")
            return
        grant_app_privileges(connection, role)
        self.stdout.write(f"Hak peran {role} diperbarui.")
