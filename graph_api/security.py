"""HTTP hardening: response headers, a body-size limit, strict JSON bodies, public error text.

Every response carries ``nosniff``, a frame ban (CSP ``frame-ancestors`` and
``X-Frame-Options``), a Content-Security-Policy that only allows this service's own scripts
(the vendored GraphiQL, React and Cytoscape.js), and ``Referrer-Policy``. Bodies over
``QGRAPH_MAX_BODY`` are refused with 413 before they are read whole; a body that is not UTF-8,
not JSON, nested past the interpreter's recursion limit, or holding an integer of more digits
than any argument takes is a coded 400, never a 500.
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.errors import UNAVAILABLE_MESSAGE, LimitExceeded, QGraphError

# Inline styles: GraphiQL's editor and Cytoscape.js set style attributes and <style> nodes.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "cross-origin-opener-policy": "same-origin",
}
# An Int argument has at most 10 digits; 40 leaves room for floats without letting a
# 5,000-digit number reach int(), which refuses over 4,300 digits with a ValueError.
MAX_NUMBER_DIGITS = 40
# Codes whose messages carry store text (parser errors, socket paths): hidden outside debug.
PRIVATE_CODES = {
    "UNAVAILABLE": UNAVAILABLE_MESSAGE,
    "STORE_ERROR": "the graph store could not answer this request",
    "INTERNAL": "internal error",
    "CONFIG": "the service is misconfigured",
}


class BadRequest(QGraphError):
    """The HTTP request itself is malformed: not UTF-8, not JSON, not a GraphQL request."""

    code = "BAD_REQUEST"


class BodyTooLarge(LimitExceeded):
    """The body is larger than ``QGRAPH_MAX_BODY``."""


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
    """The HTTP status of a request refused before GraphQL execution."""
    if isinstance(exc, BodyTooLarge):
        return 413
    return {"UNAVAILABLE": 503, "TIMEOUT": 504, "INTERNAL": 500, "FORBIDDEN": 403}.get(exc.code, 400)


def error_body(exc: QGraphError, debug: bool) -> bytes:
    """A GraphQL-shaped error document for a request refused at the HTTP level."""
    error = {"message": public_message(exc, debug), "extensions": {"code": exc.code, **public_details(exc, debug)}}
    return json.dumps({"errors": [error]}, ensure_ascii=True).encode()


class NotFound(BadRequest):
    """No route answers at this path."""

    code = "NOT_FOUND"


class MethodNotAllowed(BadRequest):
    """The route exists, not for this HTTP method."""

    code = "METHOD_NOT_ALLOWED"


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404/405 (unknown path, wrong method) as a coded JSON error."""
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    kind = {404: NotFound, 405: MethodNotAllowed}.get(status, BadRequest)
    error = kind(exc.detail if isinstance(exc, HTTPException) else "bad request")
    headers = dict(exc.headers or {}) if isinstance(exc, HTTPException) else {}
    return Response(error_body(error, False), status_code=status, media_type="application/json", headers=headers)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise BadRequest(f"a JSON number of {len(text)} digits; at most {MAX_NUMBER_DIGITS} are accepted")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadRequest(f"the JSON number {text[:20]}… is out of range")
    return value


def _no_constant(name: str) -> Any:
    raise BadRequest(f"{name} is not JSON")


def loads(data: str | bytes, what: str = "the body") -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, bounded numbers, bounded nesting."""
    if isinstance(data, bytes | bytearray):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadRequest(f"{what} is not UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(data, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant)
    except RecursionError:
        raise BadRequest(f"{what} nests JSON arrays or objects too deep") from None
    except json.JSONDecodeError as exc:
        raise BadRequest(f"{what} is not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


async def send_error(send: Send, exc: QGraphError, debug: bool) -> None:
    """Answer a refused request with a coded JSON error."""
    body = error_body(exc, debug)
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status_of(exc), "headers": headers})
    await send({"type": "http.response.body", "body": body})


class HardenedHTTP:
    """ASGI middleware: security headers on every response; bodies and query strings bounded."""

    def __init__(
        self, app: ASGIApp, max_body: int, debug: bool = False, larger: dict[str, tuple[int, str]] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.debug = debug
        # paths that take larger bodies: (bytes, the setting), e.g. a notice for /admin/reload
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        if len(scope.get("query_string", b"")) > self.max_body:
            await send_error(send_with_headers, _too_large("query string", self.max_body), self.debug)
            return
        limit, setting = self.larger.get(scope["path"], (self.max_body, "QGRAPH_MAX_BODY"))
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await send_error(send_with_headers, _too_large("body", limit, setting), self.debug)
            return
        received = 0

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large("body", limit, setting)
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except BodyTooLarge as exc:
            if started:
                raise
            await send_error(send_with_headers, exc, self.debug)


def _too_large(what: str, limit: int, setting: str = "QGRAPH_MAX_BODY") -> BodyTooLarge:
    return BodyTooLarge(f"the {what} is larger than {limit} bytes ({setting})", limit=setting, maximum=limit)
