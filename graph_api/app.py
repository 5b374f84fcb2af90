"""The Starlette application: GraphQL, health and readiness; the store lives in the lifespan."""

from __future__ import annotations

import contextlib
import functools
import hmac
import logging
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from graph_api.consistency import on_one_version
from graph_api.deadline import OPERATIONS
from graph_api.errors import RETRY_AFTER_SECONDS, QGraphError, StoreUnavailable
from graph_api.export import FORMATS, prepare, render
from graph_api.guard import CALLER_IS_ADMIN, allowed
from graph_api.labels import display_model
from graph_api.loading import Source, load_bundled_if_empty, load_sources, source_of
from graph_api.metrics import Metrics, ObservedRequests
from graph_api.schema import build_schema
from graph_api.schema.context import Context, call
from graph_api.security import (
    BadRequest,
    HardenedHTTP,
    MethodNotAllowed,
    error_body,
    http_error,
    loads,
    public_details,
    public_message,
    status_of,
)
from graph_api.settings import Settings, load_settings
from graph_api.store import GraphStore, open_store
from graph_api.store.repository import GraphRepository
from graph_api.store.supervisor import StoreWatch

log = logging.getLogger("graph_api.http")

STATIC = Path(__file__).resolve().parent / "static"
GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# (media type, status) decided in process_result for create_response of the same request.
_RESPONSE: ContextVar[tuple[str, int]] = ContextVar("qgraph_response", default=(JSON, 200))

# graphql-core's parser refuses a document over the token limit with this phrase; every other
# limit is a LimitExceeded of our own (graph_api/limits.py). "aliases" is not a marker: the
# validation message for conflicting fields says "Use different aliases".
LIMIT_MARKERS = ("tokens. parsing aborted",)


def error_code(error: GraphQLError) -> str:
    """The ``extensions.code`` of a GraphQL error."""
    original = error.original_error
    if isinstance(original, QGraphError):
        return original.code
    if isinstance(original, RecursionError):  # the parser on a document nested hundreds deep
        return "LIMIT_EXCEEDED"
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
    original = error.original_error
    if isinstance(original, QGraphError):
        message = public_message(original, debug)
    elif isinstance(original, RecursionError):
        message = "the document nests too deep"
    elif code == "INTERNAL" and not debug:
        message = "internal error"
    if not debug and " Did you mean" in message:
        message = message.split(" Did you mean", 1)[0]
    out: dict[str, Any] = {"message": message}
    if error.locations:
        out["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        out["path"] = list(error.path)
    extensions: dict[str, Any] = {"code": code}
    if isinstance(original, QGraphError):
        extensions.update(public_details(original, debug))
    out["extensions"] = extensions
    return out


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view with our context, error format, strict request parsing, and
    operations run on the operation loop under the request deadline."""

    def __init__(self, settings: Settings, store_getter: Callable[[], GraphStore], metrics: Metrics, **kw: Any) -> None:
        # GraphiQL for a browser's GET: our own page with vendored assets, never a CDN.
        super().__init__(build_schema(settings), graphql_ide="graphiql", **kw)
        self.settings = settings
        self.store_getter = store_getter
        self.metrics = metrics

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        # Strawberry answers a malformed request with plain text; ours is a coded JSON error.
        try:
            return await super().run(request, context, root_value)
        except HTTPException as exc:
            error = MethodNotAllowed(exc.reason) if exc.status_code == 405 else BadRequest(exc.reason)
            status = exc.status_code
        except BadRequest as exc:
            error, status = exc, status_of(exc)
        self.metrics.errors.labels(error.code).inc()
        return Response(error_body(error, self.settings.debug), status_code=status, media_type=JSON)

    def decode_json(self, data: str | bytes) -> object:
        # The body comes as bytes: it must be a request object (or a batch); query-string
        # values (`variables`, `extensions`) come as text and are checked by Strawberry.
        value = loads(data, "the body" if isinstance(data, bytes) else "a query parameter")
        if isinstance(data, bytes) and not isinstance(value, dict | list):
            raise BadRequest(f"the body must be a JSON object with a `query`, not {type(value).__name__}")
        return value

    async def execute_single(self, **kwargs: Any) -> ExecutionResult:  # type: ignore[override]
        admin = is_admin(kwargs["request"].headers.get("authorization", ""), self.settings.admin_token)

        async def execute(context: Context) -> ExecutionResult:
            return await GraphQL.execute_single(self, **{**kwargs, "context": context})

        async def fresh_context() -> Context:
            return await self.get_context(kwargs["request"], kwargs.get("sub_response"))

        async def operation() -> ExecutionResult:
            CALLER_IS_ADMIN.set(admin)
            return await on_one_version(execute, kwargs["context"], fresh_context)

        OPERATIONS.watch_sigterm()
        try:
            return await OPERATIONS.run(operation(), self.settings.request_timeout)
        except QGraphError as exc:
            return ExecutionResult(data=None, errors=[GraphQLError(exc.message, original_error=exc)])

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(repo=GraphRepository(self.store_getter()), settings=self.settings)

    async def render_graphql_ide(self, request: Any) -> Response:
        return FileResponse(STATIC / "graphiql.html", media_type="text/html; charset=utf-8")

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        # GraphQL over HTTP: a client that accepts application/graphql-response+json gets it,
        # and a request error (parse, validation, variable coercion: errors without a path)
        # is a 400 without a data entry. application/json clients keep the 200 they expect.
        wants_gql = GRAPHQL_RESPONSE in request.headers.get("accept", "")
        request_error = result.data is None and bool(result.errors) and all(not e.path for e in (result.errors or []))
        timed_out = request_error and any(error_code(e) == "TIMEOUT" for e in result.errors or [])
        status = (504 if timed_out else 400) if wants_gql and request_error else 200
        _RESPONSE.set((GRAPHQL_RESPONSE if wants_gql else JSON, status))
        data: GraphQLHTTPResponse = {} if wants_gql and request_error else {"data": result.data}
        if result.errors:
            errors = [format_error(e, self.settings.debug) for e in result.errors]
            for error in errors:
                self.metrics.errors.labels(error["extensions"]["code"]).inc()
            data["errors"] = errors  # type: ignore[typeddict-item]
        if result.extensions:
            data["extensions"] = result.extensions
        return data

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type, status = _RESPONSE.get()
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        if status != 200:
            response.status_code = status
        return response


def _unavailable(exc: QGraphError) -> Response:
    """503 for a store that does not answer, with a retry hint and no internal detail."""
    retry = exc.details.get("retryAfter", RETRY_AFTER_SECONDS)
    return JSONResponse(
        {"status": "unavailable", "code": exc.code, "reason": exc.message, "retryAfter": retry},
        status_code=503,
        headers={"retry-after": str(retry)},
    )


def is_admin(authorization: str, token: str | None) -> bool:
    """Whether an ``Authorization`` header carries the admin bearer token."""
    return bool(token) and hmac.compare_digest(authorization.encode(), f"Bearer {token}".encode())


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> Starlette:
    """The ASGI app. It opens the store in its lifespan unless one is passed in (the CLI opens
    it before serving, so a store that cannot start is one error line, not a traceback)."""
    settings = settings or load_settings()
    state: dict[str, Any] = {} if store is None else {"store": store}
    metrics = Metrics(lambda: state.get("store"), lambda: state.get("watch"))

    def current_store() -> GraphStore:
        if "store" not in state:
            raise StoreUnavailable.away()
        current: GraphStore = state["store"]
        return current

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        owned = store is None
        if owned:
            state["store"] = await call(open_store, settings)
        watch = state["watch"] = StoreWatch(state["store"], settings.watch_interval)
        watch.start()
        try:
            if owned and settings.load_if_empty:
                await call(load_bundled_if_empty, state["store"], settings)
            log.info("service ready", extra={"backend": state["store"].backend})
            yield
        finally:
            watch.stop()
            if owned:
                await call(state.pop("store").close)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def ready(request: Request) -> Response:
        try:
            empty = await call(GraphRepository(current_store()).is_empty)
        except QGraphError as exc:
            return _unavailable(exc)
        if empty:
            return JSONResponse({"status": "empty", "reason": "no notice loaded"}, status_code=503)
        return JSONResponse({"status": "ready"})

    async def export(request: Request) -> Response:
        fmt = request.path_params["format"]
        if fmt not in FORMATS:
            return JSONResponse({"error": f"unknown format {fmt!r}", "formats": list(FORMATS)}, status_code=404)
        try:
            rows = await call(GraphRepository(current_store()).export)
        except QGraphError as exc:
            return _unavailable(exc)
        media_type, filename = FORMATS[fmt]
        body = await call(render, prepare(*rows), fmt)
        headers = {"content-disposition": f'attachment; filename="{filename}"'}
        return Response(body, media_type=media_type, headers=headers)

    async def reload(request: Request) -> Response:
        token = settings.admin_token
        given = request.headers.get("authorization", "")
        if not token or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return JSONResponse({"error": "a valid admin bearer token is required"}, status_code=401)
        force = request.query_params.get("force", "").lower() in {"1", "true", "yes"}
        try:
            raw = await request.body()  # bounded by HardenedHTTP (QGRAPH_MAX_FILE_MB here)
            source = Source("request body", raw) if raw else await call(source_of, None, settings.max_file_bytes)
            load = functools.partial(load_sources, current_store(), [source], settings, force=force)
            summary = await call(load)
        except QGraphError as exc:
            if exc.code == "BAD_INPUT":
                return JSONResponse({"error": exc.message, "code": exc.code, **exc.details}, status_code=400)
            if exc.code == "STORE_ERROR":  # another load holds the lock
                return JSONResponse({"error": exc.message, "code": exc.code}, status_code=409)
            return _unavailable(exc)
        return JSONResponse(
            {
                "loaded": [
                    {
                        "notice": d.notice_id,
                        "nodes": len(d.nodes),
                        "edges": len(d.edges),
                        "unplaced": len(d.unplaced),
                        "encoding": d.encoding,
                    }
                    for d in summary.notices
                ],
                "parse_seconds": round(summary.parse_seconds, 3),
                "write_seconds": round(summary.seconds, 3),
            }
        )

    async def explorer(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def model(request: Request) -> Response:
        return JSONResponse(display_model())  # the explorer's one label table

    async def guarded_metrics(request: Request) -> Response:
        token = CALLER_IS_ADMIN.set(is_admin(request.headers.get("authorization", ""), settings.admin_token))
        try:
            if not allowed(settings.metrics):
                return JSONResponse({"error": "a valid admin bearer token is required (QGRAPH_METRICS=admin)"},
                                    status_code=401)
        finally:
            CALLER_IS_ADMIN.reset(token)
        return await metrics.endpoint(request)

    graphql = GraphQLApp(settings, current_store, metrics)
    routes: list[BaseRoute] = [
        Route("/", explorer),
        Route("/model.json", model),
        Route("/favicon.ico", lambda request: FileResponse(STATIC / "favicon.ico", media_type="image/x-icon")),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/health", health),
        Route("/ready", ready),
        Route("/export/{format}", export),
    ]
    if settings.admin_token:
        routes.append(Route("/admin/reload", reload, methods=["POST"]))
    if settings.metrics != "off":
        routes.append(Route("/metrics", guarded_metrics))
    middleware = [
        Middleware(ObservedRequests, metrics=metrics),  # outermost: refused requests are counted too
        Middleware(
            HardenedHTTP,
            max_body=settings.max_body,
            debug=settings.debug,
            larger={"/admin/reload": (settings.max_file_bytes, "QGRAPH_MAX_FILE_MB")},
        ),
        Middleware(GZipMiddleware, minimum_size=1024),
    ]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["content-type", "authorization"],
            )
        )
    # Unknown paths and wrong methods answer coded JSON too (HardenedHTTP adds the headers).
    handlers = {StarletteHTTPException: http_error}
    return Starlette(
        debug=settings.debug, routes=routes, middleware=middleware, lifespan=lifespan, exception_handlers=handlers
    )
