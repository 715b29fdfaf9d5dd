"""Running the same work in several threads at once, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def at_once(writers: int, work: Callable[[], T]) -> list[T]:
    """What `work` returned in each of `writers` threads that started it together (a barrier)."""
    barrier = threading.Barrier(writers)
    results: list[T] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            result = work()
            with lock:
                results.append(result)
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=run) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
