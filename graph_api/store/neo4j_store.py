"""Neo4j adapter over the official driver: routing reads, managed write transactions."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import neo4j
from neo4j import GraphDatabase, Query, RoutingControl, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from cypher import Generated, Q
from graph_api.errors import StoreError, StoreTimeout, StoreUnavailable
from graph_api.store.params import check_params
from graph_api.store.protocol import Progress, Row, WriteStep
from graph_api.store.statements import Catalog

log = logging.getLogger(__name__)


class Neo4jStore:
    """GraphStore over Neo4j (single server, cluster or Aura) via ``bolt://``/``neo4j://``."""

    backend = "neo4j"

    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        query_timeout: float = 10.0,
        connect_timeout: float = 10.0,
        write_batch: int = 500,
        dialect: str = "neo4j",
    ) -> None:
        """``dialect`` is the Cypher the server speaks: ``neo4j``, or ``falkordb`` for FalkorDB's
        own Bolt listener (it reports itself as Neo4j 5.13 but has FalkorDB's procedures: its
        full-text index is ``db.idx.fulltext``, not ``db.index.fulltext``)."""
        self.catalog = Catalog(dialect)
        self.round_trips = 0
        self.database = database
        self.write_batch = write_batch
        self._timeout = query_timeout
        auth = (user, password or "") if user else None
        try:
            self._driver = GraphDatabase.driver(
                url,
                auth=auth,
                connection_timeout=connect_timeout,
                connection_acquisition_timeout=connect_timeout + query_timeout,
                max_transaction_retry_time=max(connect_timeout, 5.0),
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreUnavailable(f"cannot use Neo4j URL {url!r}: {exc}") from exc

    def _query(self, name: Q | Generated, label: str | None = None, rel_type: str | None = None) -> Query:
        text = self.catalog.text(name, label=label, rel_type=rel_type)
        return Query(text, timeout=self._timeout)

    def run(
        self,
        name: Q | Generated,
        params: Mapping[str, Any] | None = None,
        *,
        label: str | None = None,
        rel_type: str | None = None,
        version: str | None = None,
    ) -> list[Row]:
        """Run a named statement in a read transaction routed to readers, with retries.

        ``version`` needs nothing here: the driver's bookmarks make every read of this process
        see at least what its last load wrote, and the answer's version check covers loads
        made by other processes (:mod:`graph_api.consistency`)."""
        check_params(params)
        self.round_trips += 1
        return self._read(name, params, label, rel_type)

    def _read(
        self,
        name: Q | Generated,
        params: Mapping[str, Any] | None,
        label: str | None = None,
        rel_type: str | None = None,
    ) -> list[Row]:
        try:
            records, _, _ = self._driver.execute_query(
                self._query(name, label, rel_type),
                dict(params or {}),
                routing_=RoutingControl.READ,
                database_=self.database,
            )
        except Exception as exc:
            raise _translate(exc, name) from exc
        return [record.data() for record in records]

    def write(self, steps: Sequence[WriteStep], progress: Progress | None = None) -> None:
        """Every step in one managed write transaction: all of it lands, or none."""

        @unit_of_work(timeout=self._timeout * max(len(steps), 1))
        def work(tx: neo4j.ManagedTransaction) -> None:
            for done, step in enumerate(data_steps, 1):
                text = self.catalog.text(step.name, label=step.label, rel_type=step.rel_type)
                for params in self._batches(step):
                    tx.run(text, params).consume()
                if progress is not None:
                    progress(done, len(data_steps))

        index_steps = [s for s in steps if s.name.value.startswith("create_index")]
        data_steps = [s for s in steps if not s.name.value.startswith("create_index")]
        try:
            # The load's bookmarks go to the manager the reads (execute_query) wait on: the next
            # read of this process, on whichever follower, sees the load (causal consistency).
            bookmarks = self._driver.execute_query_bookmark_manager
            with self._driver.session(database=self.database, bookmark_manager=bookmarks) as session:
                # Schema changes cannot share a transaction with data writes in Neo4j.
                for step in index_steps:
                    self.round_trips += 1
                    session.execute_write(_run_schema, self.catalog.text(step.name))
                self.round_trips += len(data_steps)
                session.execute_write(work)
        except Exception as exc:
            raise _translate(exc, Q.MERGE_NODES) from exc

    def _batches(self, step: WriteStep) -> list[dict[str, Any]]:
        """The step's parameters, its ``rows`` split by the write-batch setting."""
        params = dict(step.params)
        rows = params.get("rows")
        if not isinstance(rows, list) or len(rows) <= self.write_batch:
            return [params]
        size = self.write_batch
        return [{**params, "rows": rows[i : i + size]} for i in range(0, len(rows), size)]

    def version(self) -> str:
        """The version recorded by the last completed load (its meta node); not counted in
        ``round_trips``, which counts the statements that answer questions."""
        rows = self._read(Q.GET_META, None)
        return str(rows[0]["version"] or "") if rows else ""

    def health(self) -> None:
        """Check the server answers."""
        try:
            self._driver.verify_connectivity()
        except Exception as exc:
            raise _translate(exc, Q.PING) from exc

    def close(self) -> None:
        """Close the driver (created once per process in the app's lifespan)."""
        with contextlib.suppress(Exception):
            self._driver.close()


def _run_schema(tx: neo4j.ManagedTransaction, text: str) -> None:
    tx.run(text).consume()


def _translate(exc: Exception, name: Q | Generated) -> Exception:
    if isinstance(exc, ServiceUnavailable | SessionExpired | OSError):
        return StoreUnavailable.away(f"Neo4j does not answer: {exc}", statement=str(name))
    if isinstance(exc, AuthError):
        return StoreUnavailable(f"Neo4j refused the credentials: {exc.message}", statement=str(name))
    if isinstance(exc, ClientError) and "Timeout" in (exc.code or ""):
        return StoreTimeout(f"statement {name} ran past the query timeout", statement=str(name))
    if isinstance(exc, Neo4jError):
        return StoreError(f"statement {name} failed: {exc.message or exc}", statement=str(name))
    return StoreError(f"statement {name} failed: {exc}", statement=str(name))
