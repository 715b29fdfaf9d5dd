"""Service fixtures of the integration tier: PostgreSQL, Redis, a Celery worker process, SMTP.

Each test that needs a service skips with its reason printed when the service is absent, and
fails instead when REQUIRE_SERVICES=1 (CI). The worker reads the same PostgreSQL test database
(tests use `django_db(transaction=True)` so their rows are committed and visible to it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.db import connection

from config.celery import app as celery_app
from tests.integration.services import (
    RedisServer,
    SMTPServer,
    free_port,
    kill_worker,
    start_worker,
    stop_worker,
    wait_for,
)
from tests.services import need

# The queue name is private to the session, so sharing a Redis with other workers is safe; by
# default a database of its own, so a FLUSHDB elsewhere cannot empty this tier's queue either.
REDIS_URL = (
    os.environ.get("INTEGRATION_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
)


def redis_available(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.exceptions.RedisError:
        return False


def worker_application_name(queue_name: str) -> str:
    """How the worker's PostgreSQL sessions name themselves, so a test can terminate exactly those."""
    return f"worker-{queue_name}"


def worker_env(database: dict[str, Any], redis_url: str, queue_name: str, smtp_port: int) -> dict[str, str]:
    """The environment of a worker process on the test database, a Redis, a queue and the SMTP server."""
    credentials = f"{database['USER']}:{database['PASSWORD'] or ''}"
    address = f"{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"
    return {
        "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
        "DATABASE_URL": f"postgres://{credentials}@{address}?application_name={worker_application_name(queue_name)}",
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "5",
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "ALUR_TEST_QUEUE": queue_name,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }


@pytest.fixture
def postgres(transactional_db: None) -> None:
    need(
        connection.vendor == "postgresql",
        "butuh PostgreSQL: jalankan dengan DATABASE_URL=postgres://postgres@127.0.0.1:5432/alur_skj",
    )


@pytest.fixture(scope="session")
def redis_url() -> str:
    need(redis_available(REDIS_URL), f"butuh Redis di {REDIS_URL}")
    return REDIS_URL


@pytest.fixture(scope="session")
def queue_name() -> str:
    return f"alur-skj-test-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SMTPServer]:
    server = SMTPServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: SMTPServer) -> Iterator[SMTPServer]:
    """The running SMTP server with an empty mailbox (started again if a test stopped it)."""
    smtp_server.mailbox.messages.clear()
    smtp_server.mailbox.refuse_with = None
    smtp_server.mailbox.refused = 0
    smtp_server.mailbox.on_accept = None
    if smtp_server.controller is None:
        smtp_server.start()
    yield smtp_server
    if smtp_server.controller is None:
        smtp_server.start()


@pytest.fixture(scope="session")
def worker_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the worker stores files (export jobs); tests point their own storage there too."""
    return tmp_path_factory.mktemp("worker-media")


@pytest.fixture(scope="session")
def worker_process(
    django_db_setup: None,
    django_db_blocker: Any,
    redis_url: str,
    queue_name: str,
    smtp_server: SMTPServer,
    worker_media: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """`celery -A config worker` on the test database, the test Redis and the loopback SMTP server."""
    with django_db_blocker.unblock():
        need(connection.vendor == "postgresql", "butuh PostgreSQL agar worker dapat membaca basis data uji")
        database = connection.settings_dict
    env = worker_env(database, redis_url, queue_name, smtp_server.port)
    env["MEDIA_ROOT"] = str(worker_media)
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    process = start_worker(env, log_path)
    try:
        with use_broker(redis_url, queue_name):
            wait_for(
                lambda: process.poll() is not None or celery_app.control.ping(timeout=0.5),
                timeout=30,
                what="worker Celery menjawab ping",
            )
        assert process.poll() is None, f"worker berhenti; lihat {log_path}:\n{log_path.read_text()[-3000:]}"
        yield
    finally:
        stop_worker(process)


class use_broker:  # noqa: N801 (used as a context manager, reads like one)
    """Point this process's Celery app at a broker (non-eager) for the duration of a block."""

    def __init__(self, url: str, queue: str) -> None:
        self.changes = {"broker_url": url, "task_always_eager": False, "task_default_queue": queue}
        self.saved: dict[str, Any] = {}

    def __enter__(self) -> None:
        self.saved = {key: celery_app.conf[key] for key in self.changes}
        self._apply(self.changes)

    def __exit__(self, *exc: object) -> None:
        self._apply(self.saved)

    @staticmethod
    def _apply(values: dict[str, Any]) -> None:
        celery_app.conf.update(values)
        # Drop pooled connections to the previous broker, as Celery does after a fork.
        celery_app._after_fork()  # type: ignore[attr-defined]


@pytest.fixture
def worker(
    worker_process: None, postgres: None, redis_url: str, queue_name: str, smtp: SMTPServer
) -> Iterator[SMTPServer]:
    """A running worker, this process publishing to its queue; yields the SMTP server."""
    redis.Redis.from_url(redis_url).delete(queue_name)
    with use_broker(redis_url, queue_name):
        yield smtp


class OwnWorker:
    """A worker process of one test alone (its own queue, possibly its own Redis): it may be killed."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def queue(self) -> str:
        return self.env["ALUR_TEST_QUEUE"]

    def start(self) -> None:
        self.process = start_worker(self.env, self.log_path)
        with use_broker(self.env["REDIS_URL"], self.queue):
            wait_for(
                lambda: (
                    self.process is None
                    or self.process.poll() is not None
                    or celery_app.control.ping(timeout=0.5)
                ),
                timeout=30,
                what="worker sendiri menjawab ping",
            )
        assert self.alive(), f"worker berhenti; lihat {self.log_path}:\n{self.log_tail()}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        assert self.process is not None
        kill_worker(self.process)
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            stop_worker(self.process)
            self.process = None


@pytest.fixture
def own_worker_factory(
    postgres: None, smtp: SMTPServer, tmp_path: Path
) -> Iterator[Callable[[str], OwnWorker]]:
    """`own_worker_factory(redis_url)`: a started worker on a fresh queue of that Redis."""
    workers: list[OwnWorker] = []

    def make(redis_url: str) -> OwnWorker:
        queue = f"alur-skj-own-{uuid.uuid4().hex[:10]}"
        env = worker_env(connection.settings_dict, redis_url, queue, smtp.port)
        worker = OwnWorker(env, tmp_path / f"{queue}.log")
        worker.start()
        workers.append(worker)
        return worker

    yield make
    for worker in workers:
        worker.stop()


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    need(shutil.which("redis-server") is not None, "butuh redis-server (paket Debian redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
