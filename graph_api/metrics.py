"""Prometheus metrics: requests, latency, GraphQL errors by code, store round trips."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.errors import QGraphError
from graph_api.store.protocol import GraphStore
from graph_api.store.replicas import replicas_of
from graph_api.store.supervisor import StoreWatch

log = logging.getLogger("graph_api.http")

KNOWN_PATHS = ("/graphql", "/health", "/ready", "/metrics", "/export", "/admin", "/graphiql", "/static", "/")


class _StoreCollector(Collector):
    def __init__(self, store: Callable[[], GraphStore | None], watch: Callable[[], StoreWatch | None]) -> None:
        self.store = store
        self.watch = watch

    def collect(self) -> Iterator[Metric]:
        store, watch = self.store(), self.watch()
        families: dict[str, CounterMetricFamily | GaugeMetricFamily] = {
            "round_trips": CounterMetricFamily(
                "qgraph_store_round_trips", "Statements sent to the graph store", labels=["backend"]
            ),
            "restarts": CounterMetricFamily(
                "qgraph_store_restarts", "Embedded store restarts after it died", labels=["backend"]
            ),
            "outages": CounterMetricFamily(
                "qgraph_store_outages", "Times the store stopped answering", labels=["backend"]
            ),
            "available": GaugeMetricFamily(
                "qgraph_store_available", "1 while the store answers, 0 during an outage", labels=["backend"]
            ),
        }
        if store is not None:
            families["round_trips"].add_metric([store.backend], store.round_trips)
        yield from _replica_families(store)
        if store is not None and watch is not None:
            families["restarts"].add_metric([store.backend], watch.restarts)
            families["outages"].add_metric([store.backend], watch.outages)
            families["available"].add_metric([store.backend], 1 if watch.available else 0)
        yield from families.values()


def _replica_families(store: GraphStore | None) -> Iterator[Metric]:
    """Per replica: answering, holding the primary's version, reads served; and the reads the
    primary answered because no replica held the version (none without QGRAPH_REPLICAS)."""
    replicas = replicas_of(store)
    if store is None or replicas is None:
        return
    try:
        version = store.version()
    except QGraphError:
        version = None  # the primary is away: no replica is current
    available = GaugeMetricFamily("qgraph_replica_available", "1 while the replica answers", labels=["replica"])
    current = GaugeMetricFamily(
        "qgraph_replica_current", "1 while the replica holds the primary's graph version", labels=["replica"]
    )
    reads = CounterMetricFamily("qgraph_replica_reads", "Statements a replica answered", labels=["replica"])
    for state in replicas.states(version or ""):
        available.add_metric([state.address], 1 if state.available else 0)
        current.add_metric([state.address], 1 if state.current and version is not None else 0)
        reads.add_metric([state.address], state.reads)
    fallbacks = CounterMetricFamily(
        "qgraph_replica_fallbacks", "Statements the primary answered: no replica held the version"
    )
    fallbacks.add_metric([], replicas.fallbacks)
    yield from (available, current, reads, fallbacks)


class Metrics:
    """One registry per app (tests build many apps in one process)."""

    def __init__(
        self, store: Callable[[], GraphStore | None], watch: Callable[[], StoreWatch | None] = lambda: None
    ) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "qgraph_http_requests", "HTTP requests", ["method", "path", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "qgraph_http_request_duration_seconds",
            "HTTP request latency",
            ["path"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
        )
        self.errors = Counter(
            "qgraph_graphql_errors", "GraphQL errors by extensions.code", ["code"], registry=self.registry
        )
        self.registry.register(_StoreCollector(store, watch))

    def observe(self, method: str, path: str, status: int, seconds: float) -> None:
        """Count one request under a bounded path label."""
        label = next((p for p in KNOWN_PATHS if path == p or (p != "/" and path.startswith(p + "/"))), "other")
        self.requests.labels(method, label, str(status)).inc()
        self.latency.labels(label).observe(seconds)

    async def endpoint(self, request: Request) -> Response:
        """``GET /metrics`` in the Prometheus text format."""
        return Response(generate_latest(self.registry), media_type="text/plain; version=0.0.4; charset=utf-8")


class ObservedRequests:
    """One structured log line and the metrics of every HTTP request (plain ASGI)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            seconds = time.perf_counter() - started
            self.metrics.observe(scope["method"], scope["path"], status, seconds)
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round(seconds * 1000, 2),
                },
            )
