"""The token lookup, cached: token digest -> its owner and expiry, and user id -> the user with all
his role assignments, in Django's cache (Redis in production, shared by every process).

An API request then costs two cache reads instead of the token query, the user and the role
query. Entries are dropped at once when what they copy changes (integrations/receivers.py: a token
deleted, a user saved, a role assignment saved or deleted), and they live at most `TTL_SECONDS`
so that a change made while Redis was away cannot outlive the outage by long. Whether a role is
in force today is judged again at every request (workflow.roles), so Plt./Plh. periods need no
invalidation.

The cache is an accelerator only: while it cannot be reached, lookups go to the database.
"""

from __future__ import annotations

import datetime
import logging
import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

from security.outage import CacheOutage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from submissions.models import RoleAssignment

logger = logging.getLogger(__name__)

TTL_SECONDS = 300
# After a failure the cache is left alone this long: an outage costs one refused connection per
# process every few seconds, not one per request.
OUTAGE_BACKOFF_SECONDS = 5.0


@dataclass(frozen=True)
class TokenEntry:
    """What authenticating a token needs to know, without the secret or its owner's data."""

    token_id: int
    digest: str
    user_id: int
    expiry: datetime.datetime | None
    password_stamp: str
    last_used_at: datetime.datetime | None


@dataclass(frozen=True)
class UserEntry:
    user: User
    assignments: list[RoleAssignment]


def token_key(digest: str) -> str:
    return f"auth:token:{digest}"


def user_key(user_id: int) -> str:
    return f"auth:user:{user_id}"


_OUTAGE = CacheOutage(
    "Cache token tidak terjangkau (%s); token dibaca dari basis data.", OUTAGE_BACKOFF_SECONDS
)


def _get(key: str) -> Any:
    if _OUTAGE.active():
        return None
    try:
        return cache.get(key)
    except (RedisError, OSError) as error:
        _OUTAGE.begin(error)
        return None
    except (AttributeError, ImportError, TypeError, pickle.UnpicklingError):
        # An entry written by an older release whose classes changed: read the database instead.
        return None


def _set(key: str, value: Any, seconds: float) -> None:
    if _OUTAGE.active() or seconds <= 0:
        return
    try:
        cache.set(key, value, timeout=min(TTL_SECONDS, int(seconds)) or 1)
    except (RedisError, OSError) as error:
        _OUTAGE.begin(error)


def _delete(key: str) -> None:
    try:
        cache.delete(key)
    except (RedisError, OSError) as error:
        _OUTAGE.begin(error)


def _forget(key: str) -> None:
    # Now, so this transaction's next request sees the change; and again after commit, because a
    # concurrent request may have cached the old rows in between.
    _delete(key)
    transaction.on_commit(lambda: _delete(key))


def cached_token(digest: str) -> TokenEntry | None:
    entry = _get(token_key(digest))
    return entry if isinstance(entry, TokenEntry) else None


def remember_token(entry: TokenEntry, now: datetime.datetime) -> None:
    left = (entry.expiry - now).total_seconds() if entry.expiry else TTL_SECONDS
    _set(token_key(entry.digest), entry, left)


def forget_token(digest: str) -> None:
    _forget(token_key(digest))


def cached_user(user_id: int) -> UserEntry | None:
    entry = _get(user_key(user_id))
    return entry if isinstance(entry, UserEntry) else None


def remember_user(entry: UserEntry) -> None:
    _set(user_key(entry.user.pk), entry, TTL_SECONDS)


def forget_user(user_id: int) -> None:
    _forget(user_key(user_id))
