"""`Authorization: Token <token>`: knox's tokens, looked up through the cache.

The order of the checks: a token nobody issued, then one past its expiry, then an owner who was
deactivated, then a password changed since the token was issued. Each answers 401 with its own
code and words, so a client (or its operator) knows whether to log in again or to ask for an
account. The token's id is put on the request for the request log (api/middleware.py).
"""

from __future__ import annotations

import binascii
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.crypto import hash_token
from rest_framework.request import Request

from api.errors import TokenRefused
from integrations import auth_cache, tokens
from integrations.auth_cache import TokenEntry
from workflow.roles import remember_assignments

INVALID = _("Token tidak dikenal atau sudah dicabut; minta token baru lewat POST /api/v1/auth/token/.")
EXPIRED = _("Token sudah kedaluwarsa; minta token baru lewat POST /api/v1/auth/token/.")
INACTIVE = _("Akun pemilik token ini sudah dinonaktifkan.")
PASSWORD_CHANGED = _("Token dicabut karena kata sandi pemiliknya diganti; masuk lagi untuk token baru.")


def refuse(message: Any, code: str) -> TokenRefused:
    return TokenRefused(message, code=code)


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request: Request) -> tuple[User, TokenEntry] | None:
        result = super().authenticate(request)
        if result is not None:
            request._request.api_token_id = result[1].token_id  # type: ignore[attr-defined]
        return result

    def authenticate_credentials(self, token: bytes) -> tuple[User, TokenEntry]:
        try:
            digest = hash_token(token.decode("utf-8"))
        except (UnicodeDecodeError, TypeError, binascii.Error) as error:
            raise refuse(INVALID, "authentication_failed") from error
        now = timezone.now()
        entry = auth_cache.cached_token(digest) or self.token_from_database(digest, now)
        if entry.expiry is not None and entry.expiry <= now:
            tokens.token_revoke_digest(digest)
            raise refuse(EXPIRED, "token_expired")
        user = self.owner(entry)
        used = tokens.note_use(entry, now)
        if used is not None:
            auth_cache.remember_token(used, now)
        return user, used or entry

    def token_from_database(self, digest: str, now: Any) -> TokenEntry:
        entry = tokens.token_entry(digest)
        if entry is None:
            raise refuse(INVALID, "authentication_failed")
        auth_cache.remember_token(entry, now)
        return entry

    def owner(self, entry: TokenEntry) -> User:
        cached = auth_cache.cached_user(entry.user_id)
        if cached is None:
            cached = tokens.user_entry(entry.user_id)
            if cached is None:
                raise refuse(INVALID, "authentication_failed")
            auth_cache.remember_user(cached)
        user = cached.user
        if not user.is_active:
            tokens.tokens_revoke_all(user)
            raise refuse(INACTIVE, "account_inactive")
        if tokens.password_stamp(user) != entry.password_stamp:
            tokens.tokens_revoke_outlived(user)
            raise refuse(PASSWORD_CHANGED, "token_revoked")
        remember_assignments(user, cached.assignments)
        return user
