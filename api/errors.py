"""Exceptions the API's own parts raise, below the exception handler.

Kept apart from `api.exceptions`, which imports DRF's views: the parser and the ETag checks are
loaded while DRF reads its settings, so they must not import the handler's module.
"""

from __future__ import annotations

from rest_framework import exceptions


class ApiError(exceptions.APIException):
    """An API-level refusal with a stable code (e.g. a malformed If-Match header)."""

    def __init__(self, message: str, *, code: str, status_code: int, field: str = ""):
        super().__init__(detail=message, code=code)
        self.status_code = status_code
        self.field = field


class TokenRefused(exceptions.AuthenticationFailed):
    """401 for a token that is unknown, revoked, expired or whose owner may no longer use it; its
    own words (translated), not the generic ones of `authentication_failed`."""
