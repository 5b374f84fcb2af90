"""FalkorDB adapter: the embedded server or an external one (``falkordb://host:port``).

Loads are all-or-nothing and invisible until complete: the live graph is copied to a
staging key (``GRAPH.COPY``), every step runs there, and ``RENAME`` swaps it in atomically.
One load at a time per graph: a lock key names its holder's connection and lives only as
long as that connection (see :class:`LoadLock`), so a killed loader never blocks the next.
With read replicas, reads go to one that holds the version the answer pinned, and a load waits
for the replicas to have it (:mod:`graph_api.store.replicas`).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import redis
from falkordb import FalkorDB

from cypher import Generated, Q
from graph_api.errors import StoreError, StoreFull, StoreTimeout, StoreUnavailable
from graph_api.store.async_version import AsyncVersionReader
from graph_api.store.embedded import EmbeddedServer, Endpoint
from graph_api.store.falkordb_client import connect, with_timeout
from graph_api.store.load_lock import LoadLock
from graph_api.store.params import check_params
from graph_api.store.protocol import Progress, Row, WriteStep
from graph_api.store.replicas import Replicas, swap_in
from graph_api.store.statements import Catalog

log = logging.getLogger(__name__)

# INFO persistence flags that mean a child process holds the fork.
FORK_FLAGS = ("aof_rewrite_in_progress", "rdb_bgsave_in_progress", "module_fork_in_progress")
FORK_WAIT_SECONDS = 60
STAGING_INFIX = "__staging_"
VERSION_SUFFIX = ":version"
# Redis refuses writes with MISCONF once it could not persist (a full disk), and with OOM at its
# memory limit: "MISCONF Errors writing to the AOF file: No space left on device".
FULL_SIGNS = ("MISCONF", "No space left", "OOM command not allowed")
COPY_TIMEOUT_SECONDS = 600.0
# A ping that takes longer than this means the server is frozen for the service's purposes.
HEALTH_TIMEOUT_SECONDS = 2.0
# FalkorDB's answer to a read of a graph key that does not exist yet.
EMPTY_KEY = "empty key"


class FalkorDBStore:
    """GraphStore over FalkorDB."""

    backend = "falkordb"

    def __init__(
        self,
        endpoint: Endpoint | None = None,
        *,
        url: str | None = None,
        graph_name: str = "quality_graph",
        password: str | None = None,
        username: str | None = None,
        query_timeout: float = 10.0,
        connect_timeout: float = 10.0,
        server: EmbeddedServer | None = None,
        replicas: Sequence[str] = (),
        replica_wait: float = 10.0,
    ) -> None:
        """``replicas``: ``falkordb://`` URLs of read replicas of this server (reads go there
        when they hold the current version); a load waits up to ``replica_wait`` seconds for
        the replicas attached to the primary to have it."""
        self.catalog = Catalog("falkordb")
        self.graph_name = graph_name
        self.round_trips = 0
        self._timeout_ms = int(query_timeout * 1000)
        self._server = server
        self._write_lock = threading.Lock()
        self._replica_wait = replica_wait

        def client(to_url: str | None, to_endpoint: Endpoint | None = None) -> FalkorDB:
            timeouts = {"query_timeout": query_timeout, "connect_timeout": connect_timeout}
            return connect(to_endpoint, to_url, username=username, password=password, **timeouts)

        try:
            self._db = client(url, endpoint)
        except redis.RedisError as exc:
            raise StoreUnavailable(f"FalkorDB does not answer at {url or endpoint}: {exc}") from exc
        self._conn: redis.Redis = self._db.connection
        self.replicas = Replicas(replicas, self.version_key, lambda u: client(u).connection) if replicas else None
        # Pings go over a pool of their own with a short timeout: a frozen server (stopped,
        # swapping, stuck in a fork) is reported within HEALTH_TIMEOUT_SECONDS, not after the
        # query timeout, and a ping never waits behind a long statement's connection.
        self._ping = with_timeout(self._conn, HEALTH_TIMEOUT_SECONDS, connect_seconds=HEALTH_TIMEOUT_SECONDS)
        # GRAPH.COPY of a large graph (about 1 GB at 1,000 notices) outlasts the statement
        # timeout; a retry would send the copy again ("destination key already exists"). So the
        # copy and the swap go over a connection of their own: a long timeout and no retry.
        self._copier = with_timeout(self._conn, COPY_TIMEOUT_SECONDS, retries=0)

    @property
    def server(self) -> EmbeddedServer | None:
        """The embedded server this store runs on, if any."""
        return self._server

    @classmethod
    def embedded(cls, server: EmbeddedServer, **kwargs: Any) -> FalkorDBStore:
        """Start (or attach to) an embedded server and connect to it."""
        endpoint = server.start()
        try:
            return cls(endpoint, server=server, **kwargs)
        except BaseException:
            server.stop()
            raise

    # -- reads ---------------------------------------------------------------------------
    def run(
        self,
        name: Q | Generated,
        params: Mapping[str, Any] | None = None,
        *,
        label: str | None = None,
        rel_type: str | None = None,
        version: str | None = None,
    ) -> list[Row]:
        """Run a named statement read-only (``GRAPH.RO_QUERY``): on a replica that holds
        ``version`` when one does, else on the primary."""
        check_params(params)
        text = self.catalog.text(name, label=label, rel_type=rel_type)
        self.round_trips += 1
        try:
            result = None
            if self.replicas is not None and version is not None:
                result = self.replicas.read(self.graph_name, text, params or {}, self._timeout_ms, version)
            if result is None:
                graph = self._db.select_graph(self.graph_name)
                result = graph.ro_query(text, dict(params or {}), timeout=self._timeout_ms)
        except Exception as exc:
            if EMPTY_KEY in str(exc):  # nothing loaded yet: an empty graph has no rows
                return []
            raise self._translate(exc, name) from exc
        header = [column[1] for column in result.header]
        return [dict(zip(header, values, strict=True)) for values in result.result_set]

    # -- writes --------------------------------------------------------------------------
    def write(self, steps: Sequence[WriteStep], progress: Progress | None = None) -> None:
        """Apply every step on a staging copy, then swap it in with one RENAME."""
        staging = f"{self.graph_name}{STAGING_INFIX}{uuid.uuid4().hex[:8]}"
        with self._write_lock:
            try:
                with LoadLock(self._conn, self.graph_name):
                    self._drop_stale_staging()
                    if self._conn.exists(self.graph_name):
                        self._wait_for_no_fork()
                        self._copier.execute_command("GRAPH.COPY", self.graph_name, staging)  # type: ignore[no-untyped-call]
                    graph = self._db.select_graph(staging)
                    for done, step in enumerate(steps, 1):
                        text = self.catalog.text(step.name, label=step.label, rel_type=step.rel_type)
                        self.round_trips += 1
                        try:
                            graph.query(text, dict(step.params))
                        except Exception as exc:
                            if "already indexed" not in str(exc):
                                raise self._translate(exc, step.name) from exc
                        if progress is not None:
                            progress(done, len(steps))
                    if self._conn.exists(staging):
                        # The swap and the new version are one step: a reader that sees the
                        # old version read only the old graph (graph_api/consistency.py).
                        swap_in(self._copier, staging, self.graph_name, self.version_key, self._replica_wait)
                        self._compact_aof()
            except redis.ConnectionError as exc:
                raise StoreUnavailable(
                    "FalkorDB connection lost during the load; readers see the old graph or the complete new one",
                    internal=str(exc),
                ) from exc
            except redis.RedisError as exc:  # the lock, the copy or the swap refused
                raise self._translate(exc, "load") from exc
            finally:
                with contextlib.suppress(redis.RedisError):
                    if self._conn.exists(staging):
                        self._conn.execute_command("GRAPH.DELETE", staging)  # type: ignore[no-untyped-call]

    def _drop_stale_staging(self) -> None:
        """Delete staging graphs a killed load left behind (we hold the lock, so none is live)."""
        for key in self._conn.scan_iter(match=f"{self.graph_name}{STAGING_INFIX}*", count=100):
            self._conn.execute_command("GRAPH.DELETE", key)  # type: ignore[no-untyped-call]
            log.info("dropped a staging graph left by an interrupted load", extra={"key": str(key)})

    def _wait_for_no_fork(self) -> None:
        """Wait while the server has a child process: GRAPH.COPY cannot fork beside it and
        FalkorDB 4.16 then blocks forever instead of failing ("Can't fork for module")."""
        deadline = time.monotonic() + FORK_WAIT_SECONDS
        while True:
            info = self._conn.info("persistence")
            if not any(info.get(flag) for flag in FORK_FLAGS):
                return
            if time.monotonic() > deadline:
                raise StoreError(
                    f"FalkorDB is busy with a background save for over {FORK_WAIT_SECONDS}s; try the load again"
                )
            time.sleep(0.05)

    def _compact_aof(self) -> None:
        """Rewrite the append-only file in the background (automatic rewrites are off)."""
        with contextlib.suppress(redis.RedisError):
            if self._conn.info("persistence").get("aof_enabled"):
                self._conn.bgrewriteaof()

    @property
    def version_key(self) -> str:
        """The key holding the graph's version, set in the transaction that swaps a load in."""
        return f"{self.graph_name}{VERSION_SUFFIX}"

    def version(self) -> str:
        """The version the next read sees (one GET: far cheaper than a graph statement)."""
        try:
            value = self._conn.get(self.version_key)
        except redis.RedisError as exc:
            raise self._translate(exc, Q.GET_META) from exc
        return value.decode() if isinstance(value, bytes) else str(value or "")

    def async_version_reader(self) -> AsyncVersionReader | None:
        """:meth:`version` for the calling event loop, read without a thread hop (None: use
        :meth:`version`). Create it on the serving loop and close it there."""
        return AsyncVersionReader.like(self._conn, self.version_key)

    # -- lifecycle -----------------------------------------------------------------------
    def health(self) -> None:
        """Ping the server, then the replicas (a replica that does not answer is recorded and
        logged, not raised: the primary serves its reads)."""
        try:
            self._ping.ping()
        except redis.TimeoutError as exc:
            raise StoreUnavailable.away(
                f"FalkorDB did not answer a ping within {HEALTH_TIMEOUT_SECONDS:g} s (frozen or overloaded): {exc}"
            ) from exc
        except redis.RedisError as exc:
            raise self._translate(exc, Q.PING) from exc
        if self.replicas is not None:
            self.replicas.check()

    def close(self) -> None:
        """Close connections; stop the embedded server if this process started it."""
        with contextlib.suppress(Exception):
            self._conn.close()
        with contextlib.suppress(Exception):
            self._ping.close()
        with contextlib.suppress(Exception):
            self._copier.close()
        if self.replicas is not None:
            self.replicas.close()
        if self._server is not None:
            self._server.stop()

    def _translate(self, exc: Exception, name: Q | Generated | str) -> Exception:
        message = str(exc)
        if any(sign in message for sign in FULL_SIGNS):
            where = f"the data directory {self._server.data_dir}" if self._server else "the FalkorDB server's disk"
            return StoreFull(
                f"the store cannot save the load: {where} is full (or the server's memory limit is reached); "
                "free space there and load again. The graph served is unchanged",
                internal=message,
            )
        if isinstance(exc, redis.ConnectionError | redis.TimeoutError) and "timed out" not in message:
            # The driver's text names the socket path: operators see it, clients do not.
            return StoreUnavailable.away(f"FalkorDB does not answer: {message}", statement=str(name))
        if "timed out" in message.lower() or "timeout" in message.lower():
            return StoreTimeout(f"statement {name} ran past the query timeout", statement=str(name))
        return StoreError(f"statement {name} failed: {message}", statement=str(name))
