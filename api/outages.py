"""Which errors mean "a service we depend on is away", and what to tell the client then.

Both the API's exception handler and the site-wide error views ask here, so a database or Redis
outage answers 503 with Retry-After everywhere, in words that say it is temporary.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Outage:
    code: str
    message: str
    retry_after: int = RETRY_AFTER_SECONDS


DATABASE = Outage(
    "database_unavailable",
    "Basis data sedang tidak dapat dihubungi; coba lagi sebentar lagi.",
)
CACHE = Outage(
    "cache_unavailable",
    "Layanan pendukung (Redis) sedang tidak dapat dihubungi; coba lagi sebentar lagi.",
)


def outage_of(error: BaseException) -> Outage | None:
    """The outage an error stands for, or None when it is not one (a bug, bad input)."""
    if isinstance(error, OperationalError | InterfaceError):
        return DATABASE
    if isinstance(error, RedisConnectionError | RedisTimeoutError):
        return CACHE
    return None
