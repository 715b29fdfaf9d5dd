"""A fair-use limit for the one public page (verification of printed copies), per client address."""

from __future__ import annotations

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class VerifyThrottle(SimpleRateThrottle):
    """DRF's cache-backed counter; it reads only `request.META`, so it serves a Django view as well."""

    scope = "verify"

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
