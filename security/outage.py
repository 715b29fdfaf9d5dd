"""A shared cache found away: its callers leave it alone for a few seconds instead of per request.

An outage then costs one refused (or timed-out) connection per process every few seconds, and the
log says so once per outage rather than on every request.
"""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)

BACKOFF_SECONDS = 5.0
EVERY_OUTAGE: list[CacheOutage] = []


class CacheOutage:
    def __init__(self, warning: str, backoff_seconds: float = BACKOFF_SECONDS) -> None:
        self.warning = warning  # one %s: the error
        self.backoff_seconds = backoff_seconds
        self.until = 0.0
        EVERY_OUTAGE.append(self)

    def active(self) -> bool:
        return time.monotonic() < self.until

    def begin(self, error: Exception) -> None:
        if not self.active():
            logger.warning(self.warning, error)
        self.until = time.monotonic() + self.backoff_seconds

    def end(self) -> None:
        self.until = 0.0


def end_every_outage() -> None:
    """The cache is back (a test that took it away ends): use it again at once."""
    for outage in EVERY_OUTAGE:
        outage.end()
