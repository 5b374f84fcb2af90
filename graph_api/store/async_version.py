"""The graph version read on the serving event loop: one ``GET`` without a thread hop.

A response-cache lookup needs the version the next read would see (:meth:`GraphStore.version`).
Read through the blocking client it costs a hop to a worker thread and back, more than the
lookup itself; ``redis.asyncio`` reads it on the loop that serves the request. The reader is
bound to the loop it was created on (created and closed in the app's lifespan); on any other
loop :meth:`AsyncVersionReader.serves` is False and callers use the blocking read.
"""

from __future__ import annotations

import asyncio
from typing import Any

import redis
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from graph_api.errors import StoreUnavailable


class AsyncVersionReader:
    """Reads one key (the graph's version) over ``redis.asyncio`` on the current event loop."""

    def __init__(self, client: aioredis.Redis, key: str) -> None:
        self._client = client
        self._key = key
        self._loop = asyncio.get_running_loop()

    @classmethod
    def like(cls, conn: redis.Redis, key: str) -> AsyncVersionReader | None:
        """A reader reaching the server ``conn`` reaches (same socket or host, credentials and
        timeout; one immediate retry after a restart), or None for a TLS connection."""
        pool = conn.connection_pool
        kw: dict[str, Any] = pool.connection_kwargs
        common: dict[str, Any] = {
            "username": kw.get("username"),
            "password": kw.get("password"),
            "socket_timeout": kw.get("socket_timeout"),
            "retry": Retry(NoBackoff(), 1),
        }
        if issubclass(pool.connection_class, redis.UnixDomainSocketConnection):
            client = aioredis.Redis(unix_socket_path=kw["path"], **common)
        elif pool.connection_class is redis.Connection:
            client = aioredis.Redis(
                host=kw["host"], port=kw["port"], socket_connect_timeout=kw.get("socket_connect_timeout"), **common
            )
        else:
            return None  # TLS: the blocking read serves
        return cls(client, key)

    def serves(self) -> bool:
        """Whether the running event loop is the one this reader's connections belong to."""
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:
            return False

    async def version(self) -> str:
        """The version the next read sees ("" before any load)."""
        try:
            value = await self._client.get(self._key)
        except redis.RedisError as exc:
            raise StoreUnavailable.away(f"FalkorDB does not answer: {exc}") from exc
        return value.decode() if isinstance(value, bytes) else str(value or "")

    async def close(self) -> None:
        """Close the connections (on the loop they belong to)."""
        await self._client.aclose()
