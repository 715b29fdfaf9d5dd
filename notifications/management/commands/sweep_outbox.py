"""`manage.py sweep_outbox`: one run of the outbox sweeper by hand (the beat runs it every minute)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from notifications.delivery import sweep_outbox
from notifications.dispatch import dispatch_deliveries


class Command(BaseCommand):
    help = "Mengantrekan ulang notifikasi yang masih menunggu dikirim."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sweep_outbox()
        enqueued = dispatch_deliveries(result.due)
        self.stdout.write(
            f"{result.recovered} notifikasi macet dipulihkan; {enqueued} dari {len(result.due)} diantrekan."
        )
