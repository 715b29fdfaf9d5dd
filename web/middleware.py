"""Security headers for every page (issue 6): a strict Content-Security-Policy and friends.

Our own pages load scripts and styles only from our static files (htmx is configured by a meta
tag, no inline script or style). Django's admin and the interactive API docs ship inline scripts
and styles we do not control, so those paths get a policy that allows inline code but still
forbids other origins, plugins, framing and foreign form targets.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

STRICT_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# Admin and Swagger UI / ReDoc need inline script and style, and data: images (icons).
RELAXED_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
RELAXED_PREFIXES = ("/admin/", "/api/docs/", "/api/redoc/", "/api/schema/")

EXTRA_HEADERS = {
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for(request.path)
        for name, value in EXTRA_HEADERS.items():
            response.setdefault(name, value)
        return response


def policy_for(path: str) -> str:
    return RELAXED_POLICY if path.startswith(RELAXED_PREFIXES) else STRICT_POLICY


class IndonesianByDefaultMiddleware:
    """Pages are in Indonesian unless the user chose English with the language switcher.

    Django would otherwise follow the browser's Accept-Language, and many officials use browsers
    set to English. The API keeps honouring Accept-Language for its clients. Place before
    LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
