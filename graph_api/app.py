"""The Starlette application: GraphQL, health and readiness; the store lives in the lifespan."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from graph_api.errors import QGraphError, StoreUnavailable
from graph_api.loading import load_bundled_if_empty
from graph_api.schema import build_schema
from graph_api.schema.context import Context, SnapshotCache, call
from graph_api.settings import Settings, load_settings
from graph_api.store import GraphStore, open_store
from graph_api.store.repository import GraphRepository

log = logging.getLogger("graph_api.http")

LIMIT_MARKERS = ("exceeds maximum operation depth", "aliases", "token limit", "tokens")


def error_code(error: GraphQLError) -> str:
    """The ``extensions.code`` of a GraphQL error."""
    original = error.original_error
    if isinstance(original, QGraphError):
        return original.code
    message = error.message.lower()
    if message.startswith("variable '$"):
        return "BAD_USER_INPUT"
    if original is not None and not isinstance(original, GraphQLError):
        return "INTERNAL"
    if any(m in message for m in LIMIT_MARKERS):
        return "LIMIT_EXCEEDED"
    if message.startswith("variable '$") or "got invalid value" in message:
        return "BAD_USER_INPUT"
    if message.startswith("syntax error"):
        return "GRAPHQL_PARSE_FAILED"
    return "GRAPHQL_VALIDATION_FAILED"


def format_error(error: GraphQLError, debug: bool) -> dict[str, Any]:
    """One error as JSON: message, locations, path, extensions.code; no internals unless debug."""
    code = error_code(error)
    message = error.message
    if code == "INTERNAL" and not debug:
        message = "internal error"
    elif not debug and " Did you mean" in message:
        message = message.split(" Did you mean", 1)[0]
    out: dict[str, Any] = {"message": message}
    if error.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        out["path"] = list(error.path)
    extensions: dict[str, Any] = {"code": code}
    original = error.original_error
    if isinstance(original, QGraphError):
        extensions.update({k: v for k, v in original.details.items() if isinstance(v, str | int)})
    out["extensions"] = extensions
    return out


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with our context and error format."""

    def __init__(self, settings: Settings, store_getter: Callable[[], GraphStore], **kw: Any) -> None:
        # No IDE page yet: Strawberry's GraphiQL loads its assets from a CDN, which this
        # service must never reference (a locally served GraphiQL is planned, issue 5).
        super().__init__(build_schema(settings), graphql_ide=None, **kw)
        self.settings = settings
        self.store_getter = store_getter
        self.cache = SnapshotCache()

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(repo=GraphRepository(self.store_getter()), settings=self.settings, cache=self.cache)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        data: GraphQLHTTPResponse = {"data": result.data}
        if result.errors:
            data["errors"] = [format_error(e, self.settings.debug) for e in result.errors]
        if result.extensions:
            data["extensions"] = result.extensions
        return data


class RequestLog:
    """One structured log line per HTTP request (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

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
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Starlette:
    """The ASGI app. It opens the store in its lifespan unless one is passed in (tests)."""
    settings = settings or load_settings()
    state: dict[str, GraphStore] = {} if store is None else {"store": store}

    def current_store() -> GraphStore:
        if "store" not in state:
            raise StoreUnavailable("the store is not open")
        return state["store"]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = store is None
        state["store"] = store if store is not None else await call(open_store, settings)
        try:
            if owned and settings.load_if_empty:
                await call(load_bundled_if_empty, state["store"], settings.write_batch)
            log.info("service ready", extra={"backend": state["store"].backend})
            yield
        finally:
            if owned:
                await call(state.pop("store").close)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        try:
            repo = GraphRepository(current_store())
            empty = await call(repo.is_empty)
        except QGraphError as exc:
            return JSONResponse({"status": "unavailable", "reason": exc.message}, status_code=503)
        if empty:
            return JSONResponse({"status": "empty", "reason": "no notice loaded"}, status_code=503)
        return JSONResponse({"status": "ready"})

    graphql = GraphQLApp(settings, current_store)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/health", health),
        Route("/ready", ready),
    ]
    return Starlette(
        debug=settings.debug,
        routes=routes,
        middleware=[Middleware(RequestLog)],
        lifespan=lifespan,
    )
