"""Real services on loopback for the integration tier: an SMTP server, a Celery worker, waiting."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], Any], *, timeout: float = 15, what: str = "kondisi") -> Any:
    """Poll until `condition()` is truthy; a service that never gets there fails the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"Tidak tercapai dalam {timeout} detik: {what}")


class Mailbox:
    """aiosmtpd handler that keeps every message it accepts.

    A test can make it refuse mail (`refuse_with = "451 ..."`), or run `on_accept(message)` just
    before it answers 250, which is where a fault hurts most: the message is taken, the sender
    does not know yet.
    """

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse_with: str | None = None
        self.refused = 0
        self.on_accept: Callable[[Message], None] | None = None
        # While `hold` is set, a sender waits for the answer to RCPT; `holding` says one is waiting.
        self.hold: threading.Event | None = None
        self.holding = threading.Event()

    async def handle_RCPT(  # noqa: N802 (aiosmtpd API)
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        hold = self.hold
        if hold is not None:
            self.holding.set()
            await asyncio.to_thread(hold.wait, 30)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        if self.refuse_with is not None:
            self.refused += 1
            return self.refuse_with
        # The modern policy decodes headers: a subject with an OPD's middle dot arrives RFC 2047-encoded.
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        self.messages.append(message)
        if self.on_accept is not None:
            self.on_accept(message)
        return "250 OK"

    def copies_per_notification(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for message in self.messages:
            key = str(message["X-Alur-SKJ-Notification"])
            counts[key] = counts.get(key, 0) + 1
        return counts

    def recipients(self) -> list[str]:
        return sorted(str(message["To"]) for message in self.messages)


class SMTPServer:
    """An SMTP server on a fixed loopback port that a test can stop and start again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def start_worker(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=INFO",
        "-n",
        f"{env['ALUR_TEST_QUEUE']}@%h",
        "-Q",
        env["ALUR_TEST_QUEUE"],
    ]
    log = log_path.open("wb")
    return subprocess.Popen(
        command, cwd=PROJECT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
    )


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def kill_worker(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no warm shutdown, nothing acknowledged or restored, as when the OOM killer strikes."""
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


class RedisServer:
    """A redis-server of the test's own on a free port, so the test can stop and start it again."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--dir", str(self.directory)]
        log = (self.directory / "redis.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_for(answers, timeout=10, what=f"redis-server di port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
