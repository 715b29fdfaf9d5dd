"""The Redis cache shares one client per connection pool, and still works as Django's cache."""

from __future__ import annotations

import os

import pytest

from config.cache import SharedClientRedisCache

REDIS_URL = os.environ.get("REDIS_URL", "")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is not set: no Redis to talk to")


@pytest.fixture
def shared() -> SharedClientRedisCache:
    return SharedClientRedisCache(
        REDIS_URL, {"OPTIONS": {"socket_timeout": 1}, "KEY_PREFIX": "test-shared-client"}
    )


def test_every_call_uses_the_same_client_of_its_pool(shared) -> None:
    client = shared._cache

    assert client.get_client(write=True) is client.get_client(write=True)


def test_it_reads_and_writes_like_djangos_own(shared) -> None:
    shared.set("answer", {"value": 42}, 30)
    assert shared.get_many(["answer", "absent"]) == {"answer": {"value": 42}}
    assert shared.add("answer", "other", 30) is False
    shared.delete("answer")

    assert shared.get("answer") is None
