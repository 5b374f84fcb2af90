"""FalkorDB read replicas: a read goes to a replica only when the replica holds the graph
version the answer pinned on the primary; otherwise the primary answers it.

Why that is enough (see also :mod:`graph_api.consistency`): a replica applies the primary's
replication stream in order, and a load's ``RENAME`` and its ``<graph>:version`` key reach it
inside one ``MULTI``/``EXEC``. Every statement sent to a replica is preceded, in one pipeline on
one connection, by a ``GET`` of that key, so the statement binds a graph at least as new as the
version it saw; when that version is the pinned one, and the primary still reports it when the
answer is done, the statement read exactly that graph. A replica that lags, restarted from older
files, or lost its primary reports another version and is skipped, so a reader never sees an
older graph than the primary's after a load has returned. The check rides in the statement's
own round trip; a replica already seen behind is probed with a lone ``GET`` first, so a
statement is not sent where it would be thrown away.

A replica that does not answer is logged once, skipped for ``RETRY_SECONDS`` (or until the
store's health check finds it back) and its reads go to the primary meanwhile.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import redis
from falkordb import Graph
from falkordb.query_result import QueryResult

from graph_api.store.falkordb_client import display_address, with_timeout

log = logging.getLogger("graph_api.store")

RETRY_SECONDS = 5.0  # a replica that failed is tried again by a read after this long
PING_SECONDS = 1.0  # the health check's deadline per replica
# The replica connection's trouble (as opposed to the statement's): skip it, read the primary.
AWAY = (redis.ConnectionError, redis.TimeoutError)


class _OtherVersion(Exception):
    """The replica holds another graph version than the one asked for."""

    def __init__(self, seen: str) -> None:
        super().__init__(seen)
        self.seen = seen


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value or "")


class _AtVersion:
    """What :class:`falkordb.Graph` needs of a client: every command goes in one pipeline
    behind a ``GET`` of the version key, and its reply counts only at the expected version."""

    def __init__(self, conn: redis.Redis, key: str, expected: str) -> None:
        self.conn, self.key, self.expected = conn, key, expected

    def execute_command(self, *args: Any) -> Any:
        """Send ``args`` after the version check; raise :class:`_OtherVersion` when it fails."""
        pipe = self.conn.pipeline(transaction=False)
        pipe.get(self.key)
        pipe.execute_command(*args)  # type: ignore[no-untyped-call]
        seen, reply = pipe.execute(raise_on_error=False)
        if isinstance(seen, Exception):
            raise redis.ConnectionError(f"the version check failed: {seen}")
        if _text(seen) != self.expected:
            raise _OtherVersion(_text(seen))
        if isinstance(reply, Exception):
            raise reply
        return reply


@dataclass
class Replica:
    """One replica and what this process last saw of it."""

    address: str  # host:port, no credentials
    conn: redis.Redis
    ping: redis.Redis
    available: bool = True
    seen: str | None = None  # the version it reported last
    retry_at: float = 0.0
    reads: int = 0


@dataclass(frozen=True)
class ReplicaState:
    """What /ready and /metrics say of one replica."""

    address: str
    available: bool
    current: bool  # its version is the primary's
    reads: int


class Replicas:
    """Round-robin reads over the replicas that hold the pinned version."""

    def __init__(self, urls: Sequence[str], version_key: str, client: Callable[[str], redis.Redis]) -> None:
        """``client(url)`` connects to one replica (with the primary's credentials and timeouts)."""
        self.version_key = version_key
        self.members = []
        for url in urls:
            conn = client(url)
            ping = with_timeout(conn, PING_SECONDS, connect_seconds=PING_SECONDS)
            self.members.append(Replica(display_address(url), conn, ping))
        self.fallbacks = 0  # reads the primary answered because no replica held the version
        self._turn = itertools.count()
        self._lock = threading.Lock()

    def read(
        self, graph_name: str, text: str, params: Mapping[str, Any], timeout_ms: int, version: str
    ) -> QueryResult | None:
        """The statement's result from a replica at ``version``; None when none could answer.

        Errors of the statement itself (a timeout, a bad parameter) are raised, as the primary
        would raise them; a replica that does not answer is skipped."""
        count = len(self.members)
        start = next(self._turn)
        for i in range(count):
            replica = self.members[(start + i) % count]
            if not self._holds(replica, version):
                continue
            graph = Graph(_AtVersion(replica.conn, self.version_key, version), graph_name)
            try:
                result = graph.ro_query(text, dict(params), timeout=timeout_ms)
            except _OtherVersion as other:
                replica.seen = other.seen
                continue
            except AWAY as exc:
                self._mark(replica, False, exc)
                continue
            replica.reads += 1
            return result
        self.fallbacks += 1
        return None

    def _holds(self, replica: Replica, version: str) -> bool:
        if not replica.available and time.monotonic() < replica.retry_at:
            return False
        if replica.seen == version and replica.available:
            return True
        try:  # over the ping connection: a frozen replica costs PING_SECONDS, not a query timeout
            replica.seen = _text(replica.ping.get(self.version_key))
        except (*AWAY, redis.ResponseError) as exc:
            self._mark(replica, False, exc)
            return False
        self._mark(replica, True)
        return replica.seen == version

    def check(self) -> None:
        """Ping every replica and read its version (the store's health check calls this)."""
        for replica in self.members:
            try:
                replica.seen = _text(replica.ping.get(self.version_key))
            except redis.RedisError as exc:
                self._mark(replica, False, exc)
            else:
                self._mark(replica, True)

    def _mark(self, replica: Replica, available: bool, exc: Exception | None = None) -> None:
        """Record a replica's state; log each change once."""
        with self._lock:
            if not available:
                replica.retry_at = time.monotonic() + RETRY_SECONDS
            if replica.available == available:
                return
            replica.available = available
        if available:
            log.warning("replica available again", extra={"replica": replica.address})
        else:
            replica.seen = None
            log.warning(
                "replica unavailable; its reads go to the primary",
                extra={"replica": replica.address, "reason": str(exc)},
            )

    def states(self, primary_version: str) -> list[ReplicaState]:
        """Each replica as last seen, against the primary's current version."""
        return [
            ReplicaState(r.address, r.available, r.available and r.seen == primary_version, r.reads)
            for r in self.members
        ]

    def close(self) -> None:
        """Close every replica connection."""
        for replica in self.members:
            for conn in (replica.conn, replica.ping):
                with contextlib.suppress(Exception):
                    conn.close()


def swap_in(conn: redis.Redis, staging: str, graph_name: str, version_key: str, wait_seconds: float) -> None:
    """Swap ``staging`` in as ``graph_name`` with a new version, in one ``MULTI``/``EXEC``; then,
    on the same connection (``WAIT`` counts that connection's writes), wait up to
    ``wait_seconds`` for every replica attached to the primary to have it. A replica still
    behind then is skipped by readers until it reports the new version."""
    try:
        replication = conn.info("replication")
    except redis.ConnectionError:  # a pooled connection left from before a server restart
        replication = conn.info("replication")  # INFO is safe to send twice; the swap is not
    attached = int(replication.get("connected_slaves", 0)) if wait_seconds > 0 else 0
    pipe = conn.pipeline(transaction=False)
    pipe.execute_command("MULTI")  # type: ignore[no-untyped-call]
    pipe.execute_command("RENAME", staging, graph_name)  # type: ignore[no-untyped-call]
    pipe.execute_command("SET", version_key, uuid.uuid4().hex)  # type: ignore[no-untyped-call]
    pipe.execute_command("EXEC")  # type: ignore[no-untyped-call]
    if attached:
        pipe.execute_command("WAIT", attached, int(wait_seconds * 1000))  # type: ignore[no-untyped-call]
    replies = pipe.execute()
    failed = next((r for r in replies[3] or () if isinstance(r, Exception)), None)
    if failed is not None:
        raise failed
    if attached and replies[4] < attached:
        log.warning(
            "a load returned before every replica had it; readers use the primary until they do",
            extra={"replicas": attached, "acknowledged": replies[4], "waited_seconds": wait_seconds},
        )


def replicas_of(store: object) -> Replicas | None:
    """The read replicas a store reads from, if it has any (FalkorDB with QGRAPH_REPLICAS)."""
    found = getattr(store, "replicas", None)
    return found if isinstance(found, Replicas) else None


def replica_report(store: object, primary_version: str) -> list[dict[str, Any]] | None:
    """What /ready says of each replica; None for a store without replicas."""
    replicas = replicas_of(store)
    if replicas is None:
        return None
    return [
        {"replica": s.address, "available": s.available, "current": s.current} for s in replicas.states(primary_version)
    ]
