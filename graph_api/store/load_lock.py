"""The load lock of a FalkorDB graph: one load at a time, and never held by the dead.

The lock is a key whose value names the holder's connection (``CLIENT ID``). The holder keeps
that connection open for the whole load and renews a short expiry from a heartbeat thread. A
loader that finds the lock taken asks the server whether the holder's connection still exists
(``CLIENT LIST ID``); when it does not — the holder was killed — it takes the lock at once.
The expiry is the backstop where ``CLIENT LIST`` is not allowed (ACL-restricted servers).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from types import TracebackType

import redis

from graph_api.errors import LoadBusy

log = logging.getLogger(__name__)

LOCK_TTL_SECONDS = 15
HEARTBEAT_SECONDS = LOCK_TTL_SECONDS / 3

# Set the key to ARGV[2] only while it still holds ARGV[1] (compare-and-set, atomically).
_REPLACE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end return false"  # noqa: E501
_EXPIRE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('EXPIRE', KEYS[1], ARGV[2]) end return 0"
_DELETE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"


class LoadLock:
    """``with LoadLock(conn, graph):`` holds the load lock of one graph for the block."""

    def __init__(self, conn: redis.Redis, graph: str) -> None:
        pool = conn.connection_pool
        # A connection of our own: its id is the holder's identity, so it must stay open.
        self._holder = redis.Redis(
            connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **pool.connection_kwargs),
            single_connection_client=True,
        )
        self.graph = graph
        self.key = lock_key(graph)
        self.value = ""
        self._stop = threading.Event()
        self._heartbeat: threading.Thread | None = None

    def __enter__(self) -> LoadLock:
        client_id = self._holder.client_id()
        self.value = f"{uuid.uuid4().hex}:{client_id}"
        if not self._holder.set(self.key, self.value, nx=True, ex=LOCK_TTL_SECONDS):
            self._take_from_dead_holder()
        self._heartbeat = threading.Thread(target=self._renew, name="qgraph-load-lock", daemon=True)
        self._heartbeat.start()
        return self

    def _take_from_dead_holder(self) -> None:
        current = self._holder.get(self.key)
        if current is None and self._holder.set(self.key, self.value, nx=True, ex=LOCK_TTL_SECONDS):
            return
        holder = _client_id(current)
        if current is not None and holder is not None and not self._connected(holder):
            replaced = self._holder.eval(_REPLACE_IF, 1, self.key, current, self.value, LOCK_TTL_SECONDS)
            if replaced:
                log.info("took over the load lock of a loader that is gone", extra={"holder": holder})
                return
        self.close()
        raise LoadBusy(f"another load into graph {self.graph!r} is running; try again when it ends", key=self.key)

    def _connected(self, client_id: int) -> bool:
        try:
            return bool(self._holder.execute_command("CLIENT", "LIST", "ID", client_id))  # type: ignore[no-untyped-call]
        except redis.ResponseError:  # CLIENT LIST not allowed: wait for the expiry instead
            return True

    def _renew(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            with contextlib.suppress(redis.RedisError):
                self._holder.eval(_EXPIRE_IF, 1, self.key, self.value, LOCK_TTL_SECONDS)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._heartbeat is not None:
            self._heartbeat.join()
        with contextlib.suppress(redis.RedisError):
            self._holder.eval(_DELETE_IF, 1, self.key, self.value)
        self.close()

    def close(self) -> None:
        """Close the holder's connection."""
        with contextlib.suppress(Exception):
            self._holder.close()
            self._holder.connection_pool.disconnect()


def lock_key(graph: str) -> str:
    """The key of a graph's load lock."""
    return f"qgraph:load-lock:{graph}"


def _client_id(value: bytes | str | None) -> int | None:
    if value is None:
        return None
    text = value.decode() if isinstance(value, bytes) else value
    _, _, tail = text.rpartition(":")
    return int(tail) if tail.isdigit() else None
