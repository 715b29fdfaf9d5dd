"""`manage.py send_reminders`: one reminder and escalation sweep by hand (the beat runs it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from workflow.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Mengirim pengingat tenggat dan eskalasi yang sudah jatuh waktu (satu kali sapuan)."

    def handle(self, *args: Any, **options: Any) -> None:
        announced = send_due_reminders()
        self.stdout.write(f"{announced} pengingat/eskalasi dikirim.")
