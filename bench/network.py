"""Record every socket operation Python makes while a block runs (a benchmark probe, not a mock).

PostgreSQL traffic goes through libpq in C and is not seen; SMTP (smtplib), the Celery broker
(redis-py) and any HTTP call go through Python's socket module and are. Each call is recorded with
whether a database transaction was open at that moment: work after commit is expected (enqueueing
a task), network I/O inside the transaction is what the design forbids.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

PATCHED = ("connect", "connect_ex", "send", "sendall", "sendto")


@dataclass(frozen=True)
class Call:
    operation: str
    peer: str
    in_transaction: bool


@dataclass
class Recording:
    calls: list[Call] = field(default_factory=list)

    def peers(self, *, in_transaction: bool) -> list[str]:
        return sorted({c.peer for c in self.calls if c.in_transaction == in_transaction})

    def to_port(self, port: int) -> int:
        return sum(1 for c in self.calls if c.peer.endswith(f":{port}"))


@contextmanager
def recording() -> Iterator[Recording]:
    from django.db import connection

    result = Recording()
    originals = {name: getattr(socket.socket, name) for name in PATCHED}

    def wrap(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(sock: socket.socket, *args: Any, **kwargs: Any) -> Any:
            result.calls.append(Call(name, _peer(sock, name, args), connection.in_atomic_block))
            return original(sock, *args, **kwargs)

        return recorded

    for name, original in originals.items():
        setattr(socket.socket, name, wrap(name, original))
    try:
        yield result
    finally:
        for name, original in originals.items():
            setattr(socket.socket, name, original)


def _peer(sock: socket.socket, name: str, args: tuple[Any, ...]) -> str:
    address: Any = args[0] if name.startswith("connect") and args else args[-1] if name == "sendto" else None
    if address is None:
        try:
            address = sock.getpeername()
        except OSError:
            return "?"
    if isinstance(address, tuple):
        return f"{address[0]}:{address[1]}"
    return str(address)
