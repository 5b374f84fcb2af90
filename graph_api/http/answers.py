"""Answers from the response cache, and HTTP validation of them (ETag, If-None-Match → 304).

One cheap read of the store's version (:meth:`GraphStore.version`) keys each question; a hit
skips parsing the operation's answer anew, validation, the limits pass and every statement.
A miss runs the operation and keeps its answer when it has no errors and was read from that
same version (the repository pins the version before its first statement). GET answers carry
the key as their ``ETag``, so visualization tools that poll get ``304 Not Modified`` until a
load changes the graph.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar

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

# This request's (ETag, If-None-Match) for the response built after the operation ran.
_VALIDATION: ContextVar[tuple[str, str] | None] = ContextVar("qgraph_validation", default=None)
Operation = Callable[[], Awaitable[tuple[ExecutionResult, Context | None]]]


class _CacheCollector(Collector):
    def __init__(self, cache: ResponseCache) -> None:
        self.cache = cache

    def collect(self) -> Iterator[Metric]:
        yield CounterMetricFamily("qgraph_response_cache_hits", "answers served from the cache", self.cache.hits)
        yield CounterMetricFamily("qgraph_response_cache_misses", "answers computed", self.cache.misses)
        yield GaugeMetricFamily("qgraph_response_cache_bytes", "bytes of answers kept", self.cache.bytes)


class AnswerCache:
    """The GraphQL view's answers per graph version."""

    def __init__(self, cache: ResponseCache, store_getter: Callable[[], GraphStore], metrics: Metrics) -> None:
        self.cache = cache
        self.store_getter = store_getter
        metrics.registry.register(_CacheCollector(cache))

    async def answer(self, request: Request, data: GraphQLRequestData, admin: bool, run: Operation) -> ExecutionResult:
        """The cached answer to this question of the current graph, or ``run``'s, kept."""
        if self.cache.max_bytes <= 0:
            return (await run())[0]
        try:
            version = await call(self.store_getter().version)
        except QGraphError:
            return (await run())[0]  # the store is away: the operation says so in its own words
        role = "admin" if admin else "anyone"
        key = answer_key(version, data.query or "", data.variables, data.operation_name, role)
        if request.method == "GET":
            _VALIDATION.set((key[:32], request.headers.get("if-none-match", "")))
        cached = self.cache.get(version, key)
        if cached is not None:
            result: ExecutionResult = cached.value
            return result
        result, context = await run()
        read_from = context.repo.pinned if context is not None else None
        if not result.errors and read_from in (None, version):
            size = len(json.dumps(result.data, ensure_ascii=False, default=str))
            self.cache.put(version, key, CachedAnswer(result, size))
        return result

    @staticmethod
    def validated(response: Response) -> Response:
        """``response`` with its ``ETag``; ``304 Not Modified`` when the client holds it already."""
        validation = _VALIDATION.get()
        if validation is None or response.status_code != 200:
            return response
        etag, if_none_match = validation
        quoted = f'"{etag}"'
        if quoted in {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}:
            return Response(status_code=304, headers={"etag": quoted, "cache-control": "no-cache"})
        response.headers["etag"] = quoted
        response.headers["cache-control"] = "no-cache"  # keep it, but ask again: a load changes it
        return response
