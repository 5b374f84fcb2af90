"""The GraphQL route: Strawberry's ASGI view with our context, error format, strict request
parsing, and operations run on the operation loop under the request deadline."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.responses import FileResponse, Response
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from graph_api.consistency import on_one_version
from graph_api.deadline import OPERATIONS
from graph_api.errors import BadRequest, MethodNotAllowed, QGraphError
from graph_api.guard import CALLER_IS_ADMIN
from graph_api.http.admin import is_admin
from graph_api.http.answers import AnswerCache
from graph_api.http.errors import GRAPHQL_PATH, JSON, error_response, public_details, public_message
from graph_api.metrics import Metrics
from graph_api.persisted import (
    PersistedQueries,
    PersistedQueryNotFound,
    PersistedQueryOnly,
    PersistedQueryUnsupported,
    documents_in,
)
from graph_api.response_cache import ResponseCache
from graph_api.schema import build_schema
from graph_api.schema.context import Context
from graph_api.security import loads
from graph_api.settings import Settings
from graph_api.store import GraphStore
from graph_api.store.async_version import AsyncVersionReader
from graph_api.store.repository import GraphRepository

STATIC = Path(__file__).resolve().parents[1] / "static"
GRAPHQL_RESPONSE = "application/graphql-response+json"
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

    def __init__(
        self,
        settings: Settings,
        store_getter: Callable[[], GraphStore],
        metrics: Metrics,
        reader_getter: Callable[[], AsyncVersionReader | None] = lambda: None,
        **kw: Any,
    ) -> None:
        # GraphiQL for a browser's GET: our own page with vendored assets, never a CDN.
        super().__init__(build_schema(settings), graphql_ide="graphiql", **kw)
        self.settings = settings
        self.store_getter = store_getter
        self.metrics = metrics
        registered = documents_in(settings.persisted_dir) if settings.persisted_dir else {}
        self.persisted = PersistedQueries(settings.persisted, registered)
        cache = ResponseCache(int(settings.cache_mb * 1024 * 1024))
        self.answers = AnswerCache(cache, store_getter, metrics, reader_getter)

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        # Strawberry answers a malformed request with plain text; ours is a coded JSON error.
        try:
            return await super().run(request, context, root_value)
        except HTTPException as exc:
            error: QGraphError = MethodNotAllowed(exc.reason) if exc.status_code == 405 else BadRequest(exc.reason)
            status = exc.status_code  # Strawberry's own (415 for a media type it does not take …)
        except BadRequest as exc:
            error, status = exc, 400
        except (PersistedQueryNotFound, PersistedQueryOnly, PersistedQueryUnsupported) as exc:
            # Apollo's clients read PersistedQueryNotFound from a 200 answer, then send the document.
            error, status = exc, 200 if isinstance(exc, PersistedQueryNotFound) else 400
        self.metrics.errors.labels(error.code).inc()
        response = error_response(GRAPHQL_PATH, error, self.settings.debug)
        response.status_code = status
        return response

    def decode_json(self, data: str | bytes) -> object:
        # The body comes as bytes: it must be a request object (or a batch); query-string
        # values (`variables`, `extensions`) come as text and are checked by Strawberry.
        value = loads(data, "the body" if isinstance(data, bytes) else "a query parameter")
        if isinstance(data, bytes) and not isinstance(value, dict | list):
            raise BadRequest(f"the body must be a JSON object with a `query`, not {type(value).__name__}")
        return value

    async def parse_http_body(self, request: Any) -> Any:
        # Persisted queries: a request may name its document by hash (APQ), or must (allow-list).
        parsed = await super().parse_http_body(request)
        admin = is_admin(request.headers.get("authorization", ""), self.settings.admin_token)
        for data in parsed if isinstance(parsed, list) else [parsed]:
            data.query = self.persisted.document(data.query, data.extensions, admin)
        return parsed

    async def execute_single(self, **kwargs: Any) -> ExecutionResult:  # type: ignore[override]
        admin = is_admin(kwargs["request"].headers.get("authorization", ""), self.settings.admin_token)
        return await self.answers.answer(
            kwargs["request"], kwargs["request_data"], admin, lambda: self._execute(kwargs, admin)
        )

    async def _execute(self, kwargs: dict[str, Any], admin: bool) -> Any:
        """Run one operation on the operation loop, under the request deadline, on one graph
        version; the context it ran with is returned beside the result (its pinned version)."""

        async def execute(context: Context) -> ExecutionResult:
            return await GraphQL.execute_single(self, **{**kwargs, "context": context})

        async def fresh_context() -> Context:
            return await self.get_context(kwargs["request"], kwargs.get("sub_response"))

        async def operation() -> tuple[ExecutionResult, Context]:
            CALLER_IS_ADMIN.set(admin)
            return await on_one_version(execute, kwargs["context"], fresh_context)

        OPERATIONS.watch_sigterm()
        try:
            return await OPERATIONS.run(operation(), self.settings.request_timeout)
        except QGraphError as exc:
            return ExecutionResult(data=None, errors=[GraphQLError(exc.message, original_error=exc)]), None

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
        return self.answers.tagged(response)
