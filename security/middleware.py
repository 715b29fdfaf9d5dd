"""Sessions end when idle or too old; logged-in answers are never cached; refusals are logged."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from security.audit import authorization_refused

LAST_SEEN = "security_last_seen"
STARTED = "security_started"
# Writing the session on every request would cost a query each; a minute's precision is enough.
LAST_SEEN_PRECISION = 60
REFUSED = (401, 403)


class SessionLimitsMiddleware:
    """A browser session ends after SESSION_IDLE_TIMEOUT seconds without a request, and in any
    case SESSION_ABSOLUTE_TIMEOUT seconds after login. (Django's SESSION_COOKIE_AGE alone slides
    with every save, so it bounds neither.) Place after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            self._enforce(request)
        return self.get_response(request)

    def _enforce(self, request: HttpRequest) -> None:
        now = int(time.time())
        session = request.session
        started = session.setdefault(STARTED, now)
        last_seen = session.get(LAST_SEEN, now)
        idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT
        if idle or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
            logout(request)  # flushes the session; login_required pages then ask to log in again
            return
        if now - last_seen >= LAST_SEEN_PRECISION or LAST_SEEN not in session:
            session[LAST_SEEN] = now


class PrivateResponsesMiddleware:
    """What a logged-in user sees stays out of shared and browser caches (`Cache-Control:
    no-store`), and every refused request (401, 403) goes to the security log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        if response.status_code in REFUSED:
            authorization_refused(request, response.status_code)
        return response


NUL_IN_QUERY = (
    "Parameter alamat berisi karakter NUL yang tidak diizinkan. / "
    "A query parameter contains a NUL character, which is not allowed."
)


class RefuseNulInQueryMiddleware:
    """A NUL byte in any query parameter answers 400 before a view sees it: PostgreSQL cannot
    compare text with NUL, so every filter and search would otherwise fail with a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return _refusal(request, key.replace("\x00", ""))
        return self.get_response(request)


def _refusal(request: HttpRequest, field: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        error = {"code": "null_characters_not_allowed", "message": NUL_IN_QUERY, "field": field}
        return JsonResponse({"detail": NUL_IN_QUERY, "errors": [error]}, status=400)
    return HttpResponse(NUL_IN_QUERY, status=400, content_type="text/plain; charset=utf-8")
