"""How long login records are kept: failures, lockout counters and successes older than
LOGIN_RECORDS_RETENTION_DAYS are removed (the security log lines go to the SIEM meanwhile)."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


def purge_login_records(*, days: int | None = None) -> dict[str, int]:
    keep = int(settings.LOGIN_RECORDS_RETENTION_DAYS if days is None else days)
    before = timezone.now() - timedelta(days=keep)
    removed = {}
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count, _ = model.objects.filter(attempt_time__lt=before).delete()
        removed[model._meta.model_name or ""] = count
    return removed
