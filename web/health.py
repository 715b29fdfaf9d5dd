"""Readiness checks (PostgreSQL, Redis, the worker's heartbeat) and the heartbeat the worker writes.

Each check answers on its own, so /readyz/ says which dependency is away. The worker's consumer
writes its heartbeat into a Redis hash every WORKER_HEARTBEAT_SECONDS while it is connected and
consuming; a heartbeat older than WORKER_HEARTBEAT_MAX_AGE_SECONDS means no worker is working.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass

import redis
from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

# What /readyz/ tells a client that finds a dependency away: look again in half a minute.
READYZ_RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str
    age_seconds: float | None = None

    def as_dict(self) -> dict[str, object]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def heartbeat_key() -> str:
    return str(getattr(settings, "WORKER_HEARTBEAT_KEY", "alur-skj:worker-heartbeat"))


def heartbeat_max_age() -> float:
    return float(getattr(settings, "WORKER_HEARTBEAT_MAX_AGE_SECONDS", 60))


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


def record_heartbeat(worker_name: str) -> None:
    """Called by the worker; an unreachable Redis only means no heartbeat this time."""
    if not settings.REDIS_URL:
        return
    try:
        client = _redis()
        client.hset(heartbeat_key(), worker_name, f"{time.time():.3f}")
        client.expire(heartbeat_key(), 24 * 60 * 60)
    except redis.RedisError as error:
        logger.warning("Detak worker %s tidak dapat ditulis: %s", worker_name, error)


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("readyz: basis data tidak menjawab: %s", error)
        return Check(False, "tidak menjawab")
    return Check(True, "menjawab")


def check_redis() -> Check:
    if not settings.REDIS_URL:
        return Check(True, "tidak dipakai (REDIS_URL kosong, tugas berjalan di dalam proses)")
    try:
        _redis().ping()
    except redis.RedisError as error:
        logger.warning("readyz: Redis tidak menjawab: %s", error)
        return Check(False, "tidak menjawab")
    return Check(True, "menjawab")


def check_worker() -> Check:
    if not settings.REDIS_URL:
        return Check(True, "tidak dipakai (tugas berjalan di dalam proses)")
    try:
        beats = _redis().hvals(heartbeat_key())
    except redis.RedisError:
        return Check(False, "tidak diketahui (Redis tidak menjawab)")
    if not beats:
        return Check(False, "belum ada detak worker")
    age = max(0.0, time.time() - max(float(beat) for beat in beats))
    if age > heartbeat_max_age():
        return Check(False, "detak terakhir terlalu lama", round(age, 1))
    return Check(True, "berdetak", round(age, 1))


def readiness() -> dict[str, Check]:
    return {"database": check_database(), "redis": check_redis(), "worker": check_worker()}
