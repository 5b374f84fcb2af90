"""Answers from the response cache, and the ``ETag`` of GET answers.

One cheap read of the store's version (:meth:`GraphStore.version`) keys each question; a hit
skips parsing the operation's answer anew, validation, the limits pass and every statement.
A miss runs the operation and keeps its answer when it has no errors and was read from that
same version (the repository pins the version before its first statement). GET answers carry
the key as their ``ETag``; :mod:`graph_api.http.raw_answers`, in front of this view, answers
a repeated request from its stored bytes and a matching ``If-None-Match`` with 304.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from graph_api.errors import QGraphError
from graph_api.metrics import Metrics
from graph_api.response_cache import CachedAnswer, ResponseCache, answer_key
from graph_api.schema.context import Context, call
from graph_api.store import GraphStore
from graph_api.store.async_version import AsyncVersionReader

# This request's ETag, for the GET response built after the operation ran.
_ETAG: ContextVar[str | None] = ContextVar("qgraph_etag", default=None)
Operation = Callable[[], Awaitable[tuple[ExecutionResult, Context | None]]]
# Where the layer in front of the view (graph_api/http/raw_answers.py) leaves its Pending.
PENDING = "qgraph.pending_answer"


@dataclass
class Pending:
    """One request's dealings with the cache, shared with the layer in front of the view: the
    version it read, and how many operations ran and how many of them are kept (or were hits)."""

    version: str
    operations: int = 0
    kept: int = 0

    @property
    def cacheable(self) -> bool:
        """Whether the response is the one kept answer of this version (so its bytes may be)."""
        return self.operations == 1 and self.kept == 1


class _CacheCollector(Collector):
    def __init__(self, cache: ResponseCache) -> None:
        self.cache = cache

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily("qgraph_response_cache_hits", "answers served from the cache", self.cache.hits)
        yield CounterMetricFamily("qgraph_response_cache_misses", "answers computed", self.cache.misses)
        yield GaugeMetricFamily("qgraph_response_cache_bytes", "bytes of answers kept", self.cache.bytes)


class AnswerCache:
    """The GraphQL view's answers per graph version."""

    def __init__(
        self,
        cache: ResponseCache,
        store_getter: Callable[[], GraphStore],
        metrics: Metrics,
        reader_getter: Callable[[], AsyncVersionReader | None] = lambda: None,
    ) -> None:
        self.cache = cache
        self.store_getter = store_getter
        self.reader_getter = reader_getter
        metrics.registry.register(_CacheCollector(cache))

    @property
    def enabled(self) -> bool:
        """Whether answers are kept at all (``QGRAPH_CACHE_MB`` > 0)."""
        return self.cache.max_bytes > 0

    async def version(self) -> str:
        """The store's version now: on this loop when the lifespan opened a reader for it,
        else through a store thread."""
        reader = self.reader_getter()
        if reader is not None and reader.serves():
            return await reader.version()
        return await call(self.store_getter().version)

    async def answer(self, request: Request, data: GraphQLRequestData, admin: bool, run: Operation) -> ExecutionResult:
        """The cached answer to this question of the current graph, or ``run``'s, kept."""
        if not self.enabled:
            return (await run())[0]
        pending: Pending | None = request.scope.get(PENDING)
        try:
            version = pending.version if pending is not None else await self.version()
        except QGraphError:
            return (await run())[0]  # the store is away: the operation says so in its own words
        if pending is not None:
            pending.operations += 1
        role = "admin" if admin else "anyone"
        key = answer_key(version, data.query or "", data.variables, data.operation_name, role)
        if request.method == "GET":
            _ETAG.set(key[:32])
        cached = self.cache.get(version, key)
        if cached is not None:
            if pending is not None:
                pending.kept += 1
            result: ExecutionResult = cached.value
            return result
        result, context = await run()
        read_from = context.repo.pinned if context is not None else None
        if not result.errors and read_from in (None, version):
            size = len(json.dumps(result.data, ensure_ascii=False, default=str))
            if self.cache.put(version, key, CachedAnswer(result, size)) and pending is not None:
                pending.kept += 1
        return result

    @staticmethod
    def tagged(response: Response) -> Response:
        """A GET answer with its ``ETag`` (the question's key under the graph version)."""
        etag = _ETAG.get()
        if etag is not None and response.status_code == 200:
            response.headers["etag"] = f'"{etag}"'
            response.headers["cache-control"] = "no-cache"  # keep it, but ask again: a load changes it
        return response
