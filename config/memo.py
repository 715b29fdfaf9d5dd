"""Per-process copies of rows that every transition reads and that change rarely, exact across processes.

A `Memo` keeps its values in this process's memory, tagged with a version held in the shared cache
(Redis in production, shared by every web and worker process). Whoever changes the rows calls
`bump()` (receivers of the models' save and delete), which gives the version a new random value at
once and again after commit; every use reads the version first, one small cache read instead of a
query, so a change made in one process is seen by the very next use in every other. A random value
rather than a counter: a version key evicted from the cache and created again can never bring back
values tagged with its old value.

Two cases cannot trust the copy and read the database instead:
- the shared cache is away (then every use reads the database; after `MAX_AGE_SECONDS` at the most
  a copy is read again anyway, so a change whose bump was lost in an outage cannot outlive it long);
- the current transaction changed the rows itself (it must see its own writes, and may still roll
  back: what it read is never kept).
"""

from __future__ import annotations

import logging
import pickle
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

from security.outage import CacheOutage

logger = logging.getLogger(__name__)

MAX_AGE_SECONDS = 300.0
# Versions read ahead of a transaction serve it only if it begins within this time.
READ_AHEAD_SECONDS = 1.0

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_OUTAGE = CacheOutage("Versi salinan data acuan tidak terbaca dari cache (%s); dibaca dari basis data.")
EVERY_MEMO: list[Memo[object, object]] = []


class _Changed(threading.local):
    # Set when this thread changed the memo's rows inside a transaction not yet ended.
    pending: bool = False


class _Snapshot(threading.local):
    # Every memo's version as read at the first use inside the current transaction (by its
    # outermost block): one cache round trip per transaction for all memos, not one per use.
    atomic: object | None = None
    versions: dict[str, str | None]
    # Registered on commit of the transaction it was read in: Django drops it when that
    # transaction commits or rolls back, so its absence says the transaction is over (an atomic
    # block used as a decorator is the same object in every transaction).
    sentinel: Callable[[], None] | None = None
    # Read by `read_ahead` just before a transaction, for that transaction to adopt.
    ahead: dict[str, str | None] | None = None
    ahead_at: float = 0.0

    def __init__(self) -> None:
        self.versions = {}

    def current(self, outer: object) -> bool:
        if self.atomic is not outer or self.sentinel is None:
            return False
        hooks = transaction.get_connection().run_on_commit
        return any(hook[1] is self.sentinel for hook in hooks)

    def take(self, outer: object, versions: dict[str, str | None]) -> None:
        def sentinel() -> None:
            return None

        self.atomic, self.versions, self.sentinel = outer, versions, sentinel
        transaction.on_commit(sentinel)


_SNAPSHOT = _Snapshot()


class Memo(Generic[K, V]):
    def __init__(self, name: str, *, max_keys: int = 10_000) -> None:
        self.version_key = f"memo:{name}:version"
        self.max_keys = max_keys  # then the copy starts afresh: memory stays bounded
        self._seen: str | None = None
        self._loaded_at = 0.0
        self._values: dict[K, V] = {}
        self._changed = _Changed()
        EVERY_MEMO.append(self)  # type: ignore[arg-type]

    def get(self, key: K, load: Callable[[], V]) -> V:
        """The value for `key`: this process's copy while it is current, else `load()` (kept)."""
        if self._changed.pending:
            if transaction.get_connection().in_atomic_block:
                return load()
            self._changed.pending = False  # committed or rolled back: start afresh
            self.forget()
        version = self._version()
        if version is None:
            return load()
        now = time.monotonic()
        if version != self._seen or now - self._loaded_at > MAX_AGE_SECONDS:
            self._values, self._seen, self._loaded_at = {}, version, now
        if key not in self._values and len(self._values) >= self.max_keys:
            self._values = {}
        values = self._values
        if key not in values:
            values[key] = load()
        return values[key]

    def bump(self) -> None:
        """The rows changed: every process reads them again (now, and once more after commit).

        Now, so that no process keeps what it read before; after commit, because a process may
        have read the old rows between the first bump and the commit.
        """
        self._set_new_version()
        self.forget()
        if transaction.get_connection().in_atomic_block:
            self._changed.pending = True
        transaction.on_commit(self._set_new_version)

    def forget(self) -> None:
        """Drop this process's copy (the shared version is left as it is)."""
        self._values, self._seen = {}, None

    def _version(self) -> str | None:
        if _OUTAGE.active():
            return None
        outer = _outermost_atomic()
        if outer is None:
            return _read_versions([self.version_key]).get(self.version_key)
        if not _SNAPSHOT.current(outer) or self.version_key not in _SNAPSHOT.versions:
            # Read once this transaction: a change committed meanwhile is seen by the next one.
            _SNAPSHOT.take(outer, _versions_read_ahead() or _read_versions(_every_key()))
        return _SNAPSHOT.versions.get(self.version_key)

    def _set_new_version(self) -> None:
        try:
            cache.set(self.version_key, uuid.uuid4().hex, timeout=None)
        except (RedisError, OSError) as error:
            _OUTAGE.begin(error)
        self.forget()


def read_ahead() -> None:
    """Just before a transaction that uses memos: read their versions now, outside it.

    The transaction then adopts them and talks to the cache no more while it holds its locks
    (DESIGN.md section 8: no network I/O inside a transition). A service that does not call
    this still works: its transaction reads the versions at its first use.
    """
    if _OUTAGE.active() or transaction.get_connection().in_atomic_block:
        return
    _SNAPSHOT.ahead, _SNAPSHOT.ahead_at = _read_versions(_every_key()), time.monotonic()


def _versions_read_ahead() -> dict[str, str | None] | None:
    ahead, _SNAPSHOT.ahead = _SNAPSHOT.ahead, None
    # Only for the transaction that follows at once, never for a later one.
    if ahead is None or time.monotonic() - _SNAPSHOT.ahead_at > READ_AHEAD_SECONDS:
        return None
    return ahead


def _every_key() -> list[str]:
    return [memo.version_key for memo in EVERY_MEMO]


def _outermost_atomic() -> object | None:
    """The outermost atomic block of the current transaction (a test case's own blocks aside)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    return next((block for block in connection.atomic_blocks if not block._from_testcase), None)


def _read_versions(keys: list[str]) -> dict[str, str | None]:
    """The versions of `keys` in the shared cache (a missing one is created); None when it is away."""
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if not isinstance(found.get(key), str)]
        if missing:
            for key in missing:
                cache.add(key, uuid.uuid4().hex, timeout=None)
            found.update(cache.get_many(missing))
    except (RedisError, OSError) as error:
        _OUTAGE.begin(error)
        return {}
    except (pickle.UnpicklingError, TypeError):
        return {}
    return {key: value if isinstance(value, str) else None for key, value in found.items()}


def forget_every_memo() -> None:
    """Tests: rows written by an earlier test were rolled back without a signal; start afresh."""
    _SNAPSHOT.atomic, _SNAPSHOT.versions, _SNAPSHOT.sentinel, _SNAPSHOT.ahead = None, {}, None, None
    for memo in EVERY_MEMO:
        memo.forget()
        memo._changed.pending = False
