"""`manage.py send_digests`: compose and send today's digests now (the beat task does it daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from notifications.digests import compose_all_digests


class Command(BaseCommand):
    help = "Menyusun dan mengirim ringkasan harian notifikasi sekarang."

    def handle(self, *args: Any, **options: Any) -> None:
        digest_ids = compose_all_digests()
        self.stdout.write(f"{len(digest_ids)} ringkasan harian disiapkan.")
