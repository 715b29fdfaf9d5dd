"""The client address comes from the socket, or from as many X-Forwarded-For entries as there are
trusted proxies, never from what the client wrote itself; the API throttles use the same address."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client, RequestFactory

from security.addresses import client_address
from tests.builders import World
from tests.security.conftest import TOKEN_URL


def _address(forwarded: str | None, remote: str = "10.0.0.2") -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


def test_without_trusted_proxies_the_socket_peer_is_the_client(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert _address("198.51.100.7") == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own entry comes first
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # entered behind the outer proxy
        (1, "bukan-alamat", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, None, "10.0.0.2"),
    ],
)
def test_behind_trusted_proxies_the_entry_they_wrote_is_the_client(
    settings, proxies: int, forwarded: str | None, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies
    assert _address(forwarded) == expected


@pytest.fixture
def login_rate(settings: Any) -> None:
    cache.clear()
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "login": "2/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def _token_request(forwarded: str) -> int:
    client = Client(REMOTE_ADDR="203.0.113.66", HTTP_X_FORWARDED_FOR=forwarded)
    body = {"username": "penyusun", "password": "salah"}
    return int(client.post(TOKEN_URL, body, content_type="application/json").status_code)


@pytest.mark.usefixtures("login_rate")
def test_a_forged_forwarded_for_header_gets_no_fresh_throttle_quota(world: World) -> None:
    statuses = [_token_request(f"192.0.2.{index}") for index in range(3)]

    assert statuses == [400, 400, 429]
    cache.clear()


def _in_own_connections(forwarded: str, statuses: list[int]) -> None:
    try:
        statuses.append(_token_request(forwarded))
    finally:
        connections.close_all()


@pytest.mark.integration
@pytest.mark.usefixtures("login_rate")
def test_throttle_counts_are_shared_by_every_worker_through_redis(
    world: World, settings, redis_url: str
) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    cache.clear()
    statuses: list[int] = []
    # Each thread gets its own cache connection, as each gunicorn worker does.
    for forwarded in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        worker = threading.Thread(target=_in_own_connections, args=(forwarded, statuses))
        worker.start()
        worker.join()

    assert statuses == [400, 400, 429]
    cache.clear()
