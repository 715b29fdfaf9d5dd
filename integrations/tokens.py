"""A person's API tokens: issue one (shown once), list them, revoke one or all; and the lookup that
authenticates a token, through the cache (integrations/auth_cache.py).

knox stores only the SHA-512 digest of a token, so a token cannot be shown again after it is issued.
Each token expires `API_TOKEN_TTL_DAYS` after it was issued. A token dies when its owner's
password changes (its `password_stamp` no longer matches) or the owner is deactivated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from knox.models import AuthToken

from integrations.auth_cache import TokenEntry, UserEntry
from integrations.models import TokenLabel
from workflow.errors import NotFound
from workflow.roles import every_assignment

NAME_MAX = 100
DEFAULT_NAME = "Token API"
# The last use is written at most this often per token, so a client polling the status endpoint
# costs a write a minute, not one per request.
LAST_USE_EVERY = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    label: TokenLabel
    secret: str  # the only time it exists outside the client


def password_stamp(user: User) -> str:
    return salted_hmac("integrations.tokens.password", user.password).hexdigest()


def token_issue(*, user: User, name: str = "") -> IssuedToken:
    with transaction.atomic():
        token, secret = AuthToken.objects.create(user=user)
        label = TokenLabel.objects.create(
            token=token,
            name=" ".join((name or "").split())[:NAME_MAX] or DEFAULT_NAME,
            password_stamp=password_stamp(user),
        )
    return IssuedToken(label=label, secret=secret)


def tokens_of(user: User) -> QuerySet[TokenLabel]:
    """The user's tokens that still work, newest first."""
    return (
        TokenLabel.objects.filter(
            token__user=user, token__expiry__gt=timezone.now(), password_stamp=password_stamp(user)
        )
        .select_related("token")
        .order_by("-token__created", "-id")
    )


def token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of the user's own tokens; another's (or none) is not found."""
    deleted, _ = AuthToken.objects.filter(user=user, label__id=token_id).delete()
    if not deleted:
        raise NotFound("Token tidak ditemukan.")


def tokens_revoke_all(user: User) -> int:
    deleted: int = AuthToken.objects.filter(user=user).delete()[0]
    return deleted


def tokens_revoke_outlived(user: User) -> None:
    """Drop the tokens a password change or the passing of time has ended."""
    stale = AuthToken.objects.filter(user=user).exclude(label__password_stamp=password_stamp(user))
    stale.delete()
    AuthToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()


### The lookup behind authentication


def token_entry(digest: str) -> TokenEntry | None:
    """The token with this digest, read from the database (one query by primary key)."""
    label = TokenLabel.objects.select_related("token").filter(token_id=digest).first()
    if label is None:
        return None
    return TokenEntry(
        token_id=label.pk,
        digest=digest,
        user_id=label.token.user_id,
        expiry=label.token.expiry,
        password_stamp=label.password_stamp,
        last_used_at=label.last_used_at,
    )


def user_entry(user_id: int) -> UserEntry | None:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    return UserEntry(user=user, assignments=every_assignment(user_id))


def note_use(entry: TokenEntry, now: datetime.datetime) -> TokenEntry | None:
    """Record the token's use if the last record is older than a minute; the new entry, or None."""
    if entry.last_used_at is not None and now - entry.last_used_at < LAST_USE_EVERY:
        return None
    TokenLabel.objects.filter(pk=entry.token_id).update(last_used_at=now)
    return TokenEntry(**{**entry.__dict__, "last_used_at": now})


def token_revoke_digest(digest: str) -> None:
    AuthToken.objects.filter(digest=digest).delete()
