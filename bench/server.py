"""A real server for the HTTP benchmarks (gunicorn sync workers on loopback) and a load client.

The load client is deliberately simple: a fixed number of requests spread over a few threads, each
thread with its own connection, recording the latency of every request. Both sides of a comparison
go through the same client, so its own cost is in both numbers.
"""

from __future__ import annotations

import http.client
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PROJECT_DIR

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], workers: int, port: int | None = None) -> Iterator[int]:
    """Serve the project with `workers` sync workers; yields the port, stops the server afterwards."""
    port = port or free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "config.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
        "--timeout=60",
    ]
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env={**os.environ, **env})
    try:
        _wait_until_serving(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_serving(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped with code {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not start in time")


@dataclass
class Run:
    """The outcome of a batch of requests: per-request latencies (s), wall time (s) and failures."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    errors: dict[int, int] = field(default_factory=dict)

    def add(self, other: Run) -> None:
        self.latencies += other.latencies
        self.wall += other.wall
        for status, count in other.errors.items():
            self.errors[status] = self.errors.get(status, 0) + count

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(port: int, paths: Sequence[str], headers: dict[str, str], concurrency: int) -> Run:
    """GET every path once, `concurrency` at a time; returns latencies and the wall time of the batch."""
    work: queue.SimpleQueue[str] = queue.SimpleQueue()
    for path in paths:
        work.put(path)
    results: list[Run] = [Run() for _ in range(concurrency)]
    threads = [threading.Thread(target=_worker, args=(port, work, headers, r)) for r in results]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Run(wall=time.perf_counter() - started)
    for result in results:
        total.latencies += result.latencies
        for status, count in result.errors.items():
            total.errors[status] = total.errors.get(status, 0) + count
    return total


def _worker(port: int, work: queue.SimpleQueue[str], headers: dict[str, str], result: Run) -> None:
    # gunicorn's sync workers close the connection after each response; http.client reconnects.
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    while True:
        try:
            path = work.get_nowait()
        except queue.Empty:
            break
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        result.latencies.append(time.perf_counter() - started)
        if response.status != 200:
            result.errors[response.status] = result.errors.get(response.status, 0) + 1
    connection.close()
