from __future__ import annotations

from celery import shared_task

from security.records import purge_login_records as purge


@shared_task(name="security.tasks.purge_login_records", ignore_result=True)
def purge_login_records() -> dict[str, int]:
    return purge()
