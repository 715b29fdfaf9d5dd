"""X-Forwarded-Proto is believed only from the TLS proxy: gunicorn takes it from the addresses in
FORWARDED_ALLOW_IPS and ignores it from anyone else, and Django trusts only gunicorn's verdict."""

from __future__ import annotations

import http.client
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.services import PROJECT, free_port, wait_for


def _serve(tmp_path: Path, allowed: str) -> Iterator[int]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL", "REDIS_URL")},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "FORWARDED_ALLOW_IPS": allowed,
    }
    env.pop("PYTEST_VERSION", None)
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: _status(port, {}) is not None, timeout=60, what="gunicorn menjawab")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _status(port: int, headers: dict[str, str]) -> int | None:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)  # a loaded machine is slow
        connection.request("GET", "/masuk/", headers=headers)
        return connection.getresponse().status
    except OSError:
        return None


@pytest.fixture
def behind_other_proxy(tmp_path: Path) -> Iterator[int]:
    yield from _serve(tmp_path, "10.9.9.9")


@pytest.fixture
def behind_local_proxy(tmp_path: Path) -> Iterator[int]:
    yield from _serve(tmp_path, "127.0.0.1")


def test_a_client_claiming_https_itself_is_still_sent_to_https(behind_other_proxy: int) -> None:
    assert _status(behind_other_proxy, {"X-Forwarded-Proto": "https"}) == 301


def test_the_trusted_proxy_saying_https_is_believed(behind_local_proxy: int) -> None:
    assert _status(behind_local_proxy, {"X-Forwarded-Proto": "https"}) == 200
    assert _status(behind_local_proxy, {}) == 301
