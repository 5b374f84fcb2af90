"""Every HTTP error body, built here and only here.

GraphQL routes (``/graphql``) answer in GraphQL's own shape, whatever refused the request:
``{"errors": [{"message": …, "extensions": {"code": …}}]}``. Every other route (``/ready``,
``/export/*``, ``/admin/*``, ``/metrics``, unknown paths, wrong methods, refused bodies)
answers RFC 9457 problem details as ``application/problem+json``::

    {"type": "about:blank", "title": "Service Unavailable", "status": 503,
     "detail": "the graph store is unavailable; retry in a few seconds",
     "code": "UNAVAILABLE", "retryAfter": 2}

Problem details because it is the IETF's standard error body for HTTP APIs, which HTTP client
libraries, API gateways and OpenAPI tools already read; ``code`` is the same machine-readable
code GraphQL answers carry in ``extensions.code``, and other members (``retryAfter``,
``limit``, ``maximum``, ``source``, ``line`` …) name what failed. A 503 carries
``Retry-After``, a 401 ``WWW-Authenticate``. The status of each code is in :data:`STATUS`.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Send

from graph_api.errors import (
    RETRY_AFTER_SECONDS,
    UNAVAILABLE_MESSAGE,
    BadRequest,
    BodyTooLarge,
    MethodNotAllowed,
    NotFound,
    QGraphError,
)

GRAPHQL_PATH = "/graphql"
PROBLEM = "application/problem+json"
JSON = "application/json"
# The realm a 401 names in WWW-Authenticate (RFC 6750 bearer tokens).
AUTHENTICATE = 'Bearer realm="qgraph admin"'
# Codes whose messages carry store text (parser errors, socket paths): hidden outside debug.
PRIVATE_CODES = {
    "UNAVAILABLE": UNAVAILABLE_MESSAGE,
    "STORE_ERROR": "the graph store could not answer this request",
    "INTERNAL": "internal error",
    "CONFIG": "the service is misconfigured",
}
# The HTTP status of a request refused by code; 400 for any other.
STATUS = {
    "UNAUTHENTICATED": 401,
    "FORBIDDEN": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "LOAD_BUSY": 409,
    "INTERNAL": 500,
    "STORE_ERROR": 500,
    "CONFIG": 500,
    "UNAVAILABLE": 503,
    "NOT_READY": 503,
    "TIMEOUT": 504,
    "INSUFFICIENT_STORAGE": 507,
}


def public_message(exc: QGraphError, debug: bool) -> str:
    """The message a client may see: store and internal text only in debug mode."""
    if debug or getattr(exc, "public", False):
        return exc.message
    return PRIVATE_CODES.get(exc.code, exc.message)


def public_details(exc: QGraphError, debug: bool) -> dict[str, str | int]:
    """``exc.details`` that are plain values; for store and internal errors only numbers (a
    retry hint) outside debug mode, and never a statement name."""
    private = exc.code in PRIVATE_CODES and not debug
    return {
        k: v
        for k, v in exc.details.items()
        if isinstance(v, str | int) and (debug or (k != "statement" and not (private and isinstance(v, str))))
    }


def status_of(exc: QGraphError) -> int:
    """The HTTP status of a refused request."""
    if isinstance(exc, BodyTooLarge):
        return 413
    return STATUS.get(exc.code, 400)


def graphql_body(exc: QGraphError, debug: bool) -> bytes:
    """A GraphQL-shaped error document for a GraphQL request refused at the HTTP level."""
    error = {"message": public_message(exc, debug), "extensions": {"code": exc.code, **public_details(exc, debug)}}
    return json.dumps({"errors": [error]}, ensure_ascii=True).encode()


def problem_body(exc: QGraphError, debug: bool) -> bytes:
    """RFC 9457 problem details for a refusal on any other route."""
    status = status_of(exc)
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": public_message(exc, debug),
        "code": exc.code,
        **public_details(exc, debug),
    }
    return json.dumps(problem, ensure_ascii=False).encode()


def error_parts(path: str, exc: QGraphError, debug: bool) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a refusal at ``path``: the body's shape follows the route."""
    status = status_of(exc)
    headers = {"content-type": f"{PROBLEM}; charset=utf-8"}
    if path == GRAPHQL_PATH:
        body = graphql_body(exc, debug)
        headers["content-type"] = f"{JSON}; charset=utf-8"
    else:
        body = problem_body(exc, debug)
    if status == 503:
        headers["retry-after"] = str(exc.details.get("retryAfter", RETRY_AFTER_SECONDS))
    if status == 401:
        headers["www-authenticate"] = AUTHENTICATE
    return status, headers, body


def error_response(path: str, exc: QGraphError, debug: bool) -> Response:
    """The refusal of a request at ``path`` as a response."""
    status, headers, body = error_parts(path, exc, debug)
    return Response(body, status_code=status, headers=headers)


async def send_error(send: Send, path: str, exc: QGraphError, debug: bool) -> None:
    """Answer a refused request from ASGI middleware (before any route ran)."""
    status, headers, body = error_parts(path, exc, debug)
    raw = [(k.encode(), v.encode()) for k, v in headers.items()] + [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def handlers(debug: bool) -> dict[Any, Any]:
    """Starlette exception handlers: a route's QGraphError, Starlette's own 404/405, and any
    other exception as a coded 500 (its text only in debug mode)."""

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QGraphError)
        return error_response(request.url.path, exc, debug)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        kind = {404: NotFound, 405: MethodNotAllowed}.get(status, BadRequest)
        error = kind(exc.detail if isinstance(exc, HTTPException) else "bad request")
        response = error_response(request.url.path, error, debug)
        response.headers.update(dict(exc.headers or {}) if isinstance(exc, HTTPException) else {})
        return response

    async def internal(request: Request, exc: Exception) -> Response:
        # Anything else a route raised: logged with its traceback by Starlette, answered coded.
        return error_response(request.url.path, QGraphError(f"{type(exc).__name__}: {exc}"), debug)

    return {QGraphError: refused, HTTPException: http_error, Exception: internal}
