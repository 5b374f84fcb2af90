"""HTTP hardening: response headers, a body-size limit, strict JSON bodies, public error text.

Every response carries ``nosniff``, a frame ban (CSP ``frame-ancestors`` and
``X-Frame-Options``), a Content-Security-Policy that only allows this service's own scripts
(the vendored GraphiQL, React and Cytoscape.js), and ``Referrer-Policy``. Bodies over
``QGRAPH_MAX_BODY`` are refused with 413 before they are read whole; a body that is not UTF-8,
not JSON, nested past the interpreter's recursion limit, or holding an integer of more digits
than any argument takes is a coded 400, never a 500 (bodies from :mod:`graph_api.http.errors`).
"""

from __future__ import annotations

import json
import math
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.errors import BadRequest, BodyTooLarge
from graph_api.http.errors import send_error

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
            await send_error(send_with_headers, scope["path"], _too_large("query string", self.max_body), self.debug)
            return
        limit, setting = self.larger.get(scope["path"], (self.max_body, "QGRAPH_MAX_BODY"))
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await send_error(send_with_headers, scope["path"], _too_large("body", limit, setting), self.debug)
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
            await send_error(send_with_headers, scope["path"], exc, self.debug)


def _too_large(what: str, limit: int, setting: str = "QGRAPH_MAX_BODY") -> BodyTooLarge:
    return BodyTooLarge(f"the {what} is larger than {limit} bytes ({setting})", limit=setting, maximum=limit)
