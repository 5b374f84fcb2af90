"""Connections to a FalkorDB server: the embedded one's endpoint or a ``falkordb://`` URL.

The primary and every read replica are reached the same way.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.retry import Retry

from graph_api.store.endpoint import Endpoint

# One immediate retry on a dropped connection: after a server restart the pooled connection
# is stale and the retry reconnects; a server that is down fails fast instead of backing off.
QUICK_RETRY = Retry(NoBackoff(), 1)
TLS_SCHEMES = frozenset({"falkordb+s", "falkordbs", "rediss"})


def connect(
    endpoint: Endpoint | None,
    url: str | None,
    *,
    username: str | None = None,
    password: str | None = None,
    query_timeout: float = 10.0,
    connect_timeout: float = 10.0,
) -> FalkorDB:
    """A client for ``endpoint`` (embedded) or ``url`` (``falkordb://user:password@host:port``);
    its socket timeout leaves the server's own query timeout room to answer first."""
    if endpoint is not None and endpoint.unix_socket:
        return FalkorDB(unix_socket_path=endpoint.unix_socket, socket_timeout=query_timeout + 5, retry=QUICK_RETRY)
    if url is not None:
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 6379
        username = username or parts.username
        password = password or parts.password
        ssl = parts.scheme in TLS_SCHEMES
    else:
        assert endpoint is not None and endpoint.port is not None
        host, port, ssl = "127.0.0.1", endpoint.port, False
    return FalkorDB(
        host=host,
        port=port,
        username=username,
        password=password,
        ssl=ssl,
        socket_timeout=query_timeout + 5,
        socket_connect_timeout=connect_timeout,
        retry=QUICK_RETRY,
    )


def display_address(url: str) -> str:
    """``host:port`` of a URL, without its credentials: what logs, /ready and /metrics name."""
    parts = urlsplit(url)
    return f"{parts.hostname or '127.0.0.1'}:{parts.port or 6379}"


def with_timeout(
    conn: redis.Redis, seconds: float, *, connect_seconds: float | None = None, retries: int | None = None
) -> redis.Redis:
    """A client with a pool of its own to ``conn``'s server, whose sockets time out after
    ``seconds`` (connecting after ``connect_seconds``, retrying ``retries`` times, when given):
    pings that must answer quickly, a copy or a swap that must never be sent twice."""
    pool = conn.connection_pool
    kwargs: dict[str, Any] = {**pool.connection_kwargs, "socket_timeout": seconds}
    if connect_seconds is not None:
        kwargs["socket_connect_timeout"] = connect_seconds
    if retries is not None:
        kwargs["retry"] = Retry(NoBackoff(), retries)
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))
