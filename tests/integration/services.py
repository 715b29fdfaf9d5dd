"""Real services on loopback for the integration tier: an SMTP server, a Celery worker, waiting."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from email import message_from_bytes
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
    """aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd API)
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"

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
