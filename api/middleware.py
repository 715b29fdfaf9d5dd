"""Every request made with a token is attributable: one line in the security log per request."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from security.audit import security_event


class TokenRequestLogMiddleware:
    """Logs user, token id, method, path and status of each request a token authenticated.

    The token id is set by api.authentication while DRF authenticates, inside the view, so it is
    read here once the response exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token_id = getattr(request, "api_token_id", None)
        if token_id is not None:
            user = getattr(request, "user", None)
            security_event(
                "api_token_request",
                request,
                level=logging.INFO,
                username=user.get_username() if user is not None and user.is_authenticated else "",
                token_id=token_id,
                status=response.status_code,
            )
        return response
