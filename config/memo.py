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

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_OUTAGE = CacheOutage("Versi salinan data acuan tidak terbaca dari cache (%s); dibaca dari basis data.")
EVERY_MEMO: list[Memo[object, object]] = []


class _Changed(threading.local):
    # Set when this thread changed the memo's rows inside a transaction not yet ended.
    pending: bool = False


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
        try:
            version = cache.get(self.version_key)
            if version is None:
                cache.add(self.version_key, uuid.uuid4().hex, timeout=None)
                version = cache.get(self.version_key)
        except (RedisError, OSError) as error:
            _OUTAGE.begin(error)
            return None
        except (pickle.UnpicklingError, TypeError):
            return None
        return version if isinstance(version, str) else None

    def _set_new_version(self) -> None:
        try:
            cache.set(self.version_key, uuid.uuid4().hex, timeout=None)
        except (RedisError, OSError) as error:
            _OUTAGE.begin(error)
        self.forget()


def forget_every_memo() -> None:
    """Tests: rows written by an earlier test were rolled back without a signal; start afresh."""
    for memo in EVERY_MEMO:
        memo.forget()
        memo._changed.pending = False
