"""Fair-use limits (not a security measure: axes guards logins), rates from settings.

DRF's throttles copy the rates when their module is imported; these read them at each request,
so REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (and test overrides) always apply.

The counts live in the shared cache (Redis). When it cannot be reached the API must keep working:
the counts move to this process's own memory for a short while (a warning is logged), so limits
still hold per process and every request, reads, logins and transitions alike, is answered.
The client is the address security.addresses trusts (DRF's own would believe a forged
X-Forwarded-For).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from security.addresses import client_address
from security.outage import CacheOutage

logger = logging.getLogger(__name__)

# After a failure the shared cache is left alone this long, so an outage costs one refused (or
# timed-out) connection per process every few seconds rather than one per request.
OUTAGE_BACKOFF_SECONDS = 5.0
LOCAL_COUNTS = LocMemCache("api-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


_OUTAGE = CacheOutage(
    "Cache bersama (Redis) tidak terjangkau (%s); batas permintaan API dihitung per proses "
    f"selama {OUTAGE_BACKOFF_SECONDS:g} detik.",
    OUTAGE_BACKOFF_SECONDS,
)


class _SurvivesCacheOutage:
    """Count in the shared cache; while it is away, in this process's memory instead."""

    cache: Any

    def allow_request(self, request: Request, view: Any) -> bool:
        if not _OUTAGE.active():
            try:
                return bool(super().allow_request(request, view))  # type: ignore[misc]
            except (RedisError, OSError) as error:
                _OUTAGE.begin(error)
        self.cache = LOCAL_COUNTS
        return bool(super().allow_request(request, view))  # type: ignore[misc]


class _RateFromSettings:
    scope: str | None

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope or "")

    def get_ident(self, request: Request) -> str:
        return client_address(request._request)


class UserThrottle(_SurvivesCacheOutage, _RateFromSettings, UserRateThrottle):
    pass


class AnonThrottle(_SurvivesCacheOutage, _RateFromSettings, AnonRateThrottle):
    pass


class LoginThrottle(_SurvivesCacheOutage, _RateFromSettings, ScopedRateThrottle):
    """Token requests, per client address (scope "login")."""
