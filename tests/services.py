"""The one way a test says it needs a real service: skip with the reason, or fail under REQUIRE_SERVICES.

CI sets REQUIRE_SERVICES=1 and nothing may skip there; on a laptop without PostgreSQL, Redis or
Chromium the test skips and prints why.
"""

from __future__ import annotations

import os

import pytest


def need(available: bool, reason: str) -> None:
    """Skip with the reason printed, or fail when the run requires every service (CI)."""
    if available:
        return
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"Layanan wajib tidak tersedia (REQUIRE_SERVICES=1): {reason}")
    print(f"SKIP: {reason}")
    pytest.skip(reason)
