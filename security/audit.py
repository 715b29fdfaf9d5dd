"""The security log: failed and locked logins, successful ones, refused authorizations.

Every line names who (the username tried or the user), what (the event, the path, the status),
when (UTC, added by the formatter) and from where (the client address as security.addresses sees
it, unmasked: a SIEM needs it to correlate). Passwords never appear: Django removes them from the
credentials before the login signals fire.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from security.addresses import client_address

logger = logging.getLogger("security")

USER_AGENT_MAX = 255


def security_event(
    event: str, request: HttpRequest | None, level: int = logging.WARNING, **fields: Any
) -> None:
    where = _where(request) if request is not None else {}
    logger.log(level, event, extra={"fields": {**where, **fields}})


def _where(request: HttpRequest) -> dict[str, Any]:
    return {
        "address": client_address(request),
        "method": request.method,
        "path": request.path,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX],
        "channel": "api" if request.path.startswith("/api/") else "web",
    }


@receiver(user_login_failed, dispatch_uid="security.login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    security_event(
        "login_failed",
        request,
        username=str(credentials.get("username", ""))[:USER_AGENT_MAX],
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


@receiver(user_locked_out, dispatch_uid="security.locked_out")
def _locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kw: Any
) -> None:
    security_event("login_locked_out", request, username=username or "")


@receiver(user_logged_in, dispatch_uid="security.logged_in")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    security_event("login_succeeded", request, level=logging.INFO, username=user.get_username())


def authorization_refused(request: HttpRequest, status: int) -> None:
    user = getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else ""
    security_event("authorization_refused", request, username=username, status=status)
