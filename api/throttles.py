"""Fair-use limits (not a security measure: axes guards logins), rates from settings.

DRF's throttles copy the rates when their module is imported; these read them at each request,
so REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (and test overrides) always apply.
"""

from __future__ import annotations

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


class _RateFromSettings:
    scope: str | None

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        return rates.get(self.scope or "")


class UserThrottle(_RateFromSettings, UserRateThrottle):
    pass


class AnonThrottle(_RateFromSettings, AnonRateThrottle):
    pass


class LoginThrottle(_RateFromSettings, ScopedRateThrottle):
    """Token requests, per client address (scope "login")."""
