"""Django's Redis cache, with one Redis client per connection pool instead of one per command.

Django's own client builds a `redis.Redis` object for every cache call, and each one fills a
response-callback table of some 170 entries: under a burst of transitions (token, user, throttle
and memo reads, about seven calls per request) that was about 5% of the request's CPU. A
`redis.Redis` object is safe to share between threads (each command takes a connection from the
pool) and its pool reconnects after a fork, so one per pool is enough.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    # django-stubs leaves out the private helpers this reuses (_client, _get_connection_pool*).
    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
            client = self._clients[index] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
