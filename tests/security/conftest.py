"""Login helpers: the web form and the API token view, each from a chosen client address."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from tests.factories import DEMO_PASSWORD
from tests.integration.conftest import redis_url  # noqa: F401  (a fixture for the Redis-backed tests)

TOKEN_URL = "/api/v1/auth/token/"
LOGIN_URL = "/masuk/"

Login = Callable[..., int]


def _web(username: str, password: str, address: str, **headers: Any) -> int:
    response = Client(REMOTE_ADDR=address, **headers).post(
        LOGIN_URL, {"username": username, "password": password}
    )
    if response.status_code == 302:
        return 200  # logged in
    if response.status_code == 200:
        return 400  # the form again: wrong credentials
    return int(response.status_code)


def _api(username: str, password: str, address: str, **headers: Any) -> int:
    response = Client(REMOTE_ADDR=address, **headers).post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )
    return int(response.status_code)


@pytest.fixture(params=["web", "api"])
def login(request: pytest.FixtureRequest, settings: Any) -> Login:
    """`login(username, password, address)` -> 200 logged in, 400 wrong credentials, 429 locked."""
    settings.AXES_ENABLED = True
    return {"web": _web, "api": _api}[request.param]


@pytest.fixture
def right() -> str:
    return DEMO_PASSWORD


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def events(self, name: str) -> list[dict[str, Any]]:
        return [
            {"event": r.getMessage(), **getattr(r, "fields", {})}
            for r in self.records
            if r.getMessage() == name
        ]


@pytest.fixture
def security_log() -> Iterator[Lines]:
    """What the `security` logger wrote (it does not propagate to the root logger)."""
    handler = Lines()
    logger = logging.getLogger("security")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
