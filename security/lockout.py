"""Login protection on top of django-axes: failures counted per username and per address apart.

django-axes records every failed login (AccessAttempt: username, address, user agent, count) and
every success (AccessLog). This handler decides differently from axes' own in three ways:

- A username is locked after AXES_FAILURE_LIMIT failures within the cool-off, from anywhere,
  except from an address where that account logged in successfully before (AccessLog, kept
  LOGIN_RECORDS_RETENTION_DAYS): a stranger guessing the password cannot lock the official out
  of his own office.
- An address is locked after LOGIN_ADDRESS_FAILURE_LIMIT failures, whatever usernames were tried,
  so one address cannot guess many accounts. The limit is higher than the username's: an office
  behind one NAT address shares it.
- A successful login clears the failures of its own username only. Its failures keep counting
  for the addresses they came from (the rows lose their username), so guessing from an address
  and logging in to one's own account in between does not wipe the address's count.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Greatest
from django.http import HttpRequest
from django.utils import timezone

# AccessAttempt.username is 255 characters; a longer name is no account's, but is still a failure.
USERNAME_MAX = 255
# Failures that no longer belong to a username, only to their address (no account has an empty name).
ADDRESS_ONLY = ""


class LoginGuardHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Failures on the username's scale: the address's count is scaled so that reaching the
        address limit reads as reaching the username limit (axes compares one number)."""
        username = get_client_username(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        by_username = 0
        if username and not logged_in_before(username, address):
            by_username = _total(recent.filter(username=username))
        by_address = _total(recent.filter(ip_address=address)) if address else 0
        limit = get_failure_limit(request, credentials)
        return max(by_username, by_address * limit // int(settings.LOGIN_ADDRESS_FAILURE_LIMIT))

    def reset_user_attempts(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        with transaction.atomic():
            rows = list(AccessAttempt.objects.select_for_update().filter(username=username))
            for row in rows:
                _keep_for_address(row)
        return len(rows)


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """What axes records as the username: the one tried, cut to the column's length."""
    name = (credentials or {}).get("username")
    if name is None:
        name = request.POST.get("username") if request.method == "POST" else None
    return None if name is None else str(name)[:USERNAME_MAX]


def logged_in_before(username: str, address: str | None) -> bool:
    if not address:
        return False
    since = timezone.now() - timedelta(days=int(settings.LOGIN_RECORDS_RETENTION_DAYS))
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def _total(attempts: QuerySet[AccessAttempt]) -> int:
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def _keep_for_address(row: AccessAttempt) -> None:
    kept, created = AccessAttempt.objects.select_for_update().get_or_create(
        username=ADDRESS_ONLY,
        ip_address=row.ip_address,
        user_agent=row.user_agent,
        defaults={
            "failures_since_start": 0,
            "http_accept": row.http_accept,
            "path_info": row.path_info,
            "get_data": "",
            "post_data": "",
        },
    )
    # attempt_time is auto_now_add: a new row takes the moved failures' time, an old one the later.
    latest = row.attempt_time if created else Greatest("attempt_time", row.attempt_time)
    AccessAttempt.objects.filter(pk=kept.pk).update(
        failures_since_start=F("failures_since_start") + row.failures_since_start, attempt_time=latest
    )
    row.delete()
