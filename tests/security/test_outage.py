"""A cache found away is left alone for a while, and the log says so once per outage."""

import logging

import pytest

from security.outage import CacheOutage


def test_an_outage_is_logged_once_and_lasts_its_backoff(caplog: pytest.LogCaptureFixture) -> None:
    outage = CacheOutage("Cache tidak terjangkau (%s).", backoff_seconds=60)
    assert not outage.active()

    with caplog.at_level(logging.WARNING, logger="security.outage"):
        outage.begin(ConnectionRefusedError("refused"))
        outage.begin(ConnectionRefusedError("refused again"))

    assert outage.active()
    assert [record.getMessage() for record in caplog.records] == ["Cache tidak terjangkau (refused)."]


def test_an_ended_outage_uses_the_cache_again() -> None:
    outage = CacheOutage("Cache tidak terjangkau (%s).", backoff_seconds=60)
    outage.begin(ConnectionRefusedError("refused"))
    outage.end()
    assert not outage.active()
