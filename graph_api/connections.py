"""Bounded HTTP connections: header size, header and body read deadlines, a connection cap.

uvicorn bounds none of these on its own: a client that never finishes its headers (slowloris),
sends 100 MB of them, opens thousands of idle sockets or drips a body holds memory and file
descriptors for as long as it likes. :class:`BoundedHttpProtocol` is uvicorn's httptools
protocol with four bounds added, each answered the way a client can act on:

===============================  ================================================  ==========
bound                            when it is met                                    answer
===============================  ================================================  ==========
``max_header_bytes``             request line plus headers grow past it            431 / 414
``header_timeout``               a request's headers are not complete in time,     408, close
                                 counted from the connection (or the request's
                                 first byte on a kept-alive connection)
``body_timeout``                 the body is not complete in time after its        408, close
                                 headers
``max_connections``              more connections are open than that               503, close
===============================  ================================================  ==========

Idle kept-alive connections are closed by uvicorn's own ``timeout_keep_alive`` (5 s).
The bounds ride on uvicorn's ``Config`` (:func:`uvicorn_config`) so worker processes get them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import resource
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)

# File descriptors kept free for everything that is not a client: store connections, the
# data files, the log, the worker pipes.
RESERVED_DESCRIPTORS = 128
DEFAULT_MAX_CONNECTIONS = 1000
# After a refusal the connection lingers this long, reading and dropping what the client still
# sends, so closing with unread input does not reset the connection before the answer arrives.
LINGER_SECONDS = 2.0
REASONS = {
    408: "Request Timeout",
    414: "URI Too Long",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


@dataclass(frozen=True)
class ConnectionBounds:
    """What one client connection may hold; see the module docstring."""

    max_header_bytes: int = 65_536
    header_timeout: float = 10.0
    body_timeout: float = 60.0
    max_connections: int = DEFAULT_MAX_CONNECTIONS


def default_max_connections(reserved: int = RESERVED_DESCRIPTORS) -> int:
    """A connection cap below the process's descriptor limit (``ulimit -n``)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return DEFAULT_MAX_CONNECTIONS
    return max(16, min(DEFAULT_MAX_CONNECTIONS, soft - reserved))


def refusal(status: int, code: str, message: str, retry_after: int | None = None) -> bytes:
    """A complete HTTP/1.1 response that refuses a request and closes the connection."""
    body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
    head = [
        f"HTTP/1.1 {status} {REASONS[status]}",
        "content-type: application/json; charset=utf-8",
        f"content-length: {len(body)}",
        "connection: close",
    ]
    if retry_after is not None:
        head.append(f"retry-after: {retry_after}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class BoundedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the bounds of :class:`ConnectionBounds`."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.bounds: ConnectionBounds = getattr(config, "qgraph_bounds", ConnectionBounds())
        self._in_headers = True
        self._header_bytes = 0
        self._deadline: asyncio.TimerHandle | None = None
        self._refused = False
        self._url_bytes = 0
        self._header_bytes_parsed = 0

    # -- connection ------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.bounds.max_connections:
            log.warning(
                "connection refused: %d open, the limit is %d", len(self.connections) - 1, self.bounds.max_connections
            )
            self._refuse(503, "UNAVAILABLE", "too many open connections; try again shortly", retry_after=1)
            return
        self._arm(self.bounds.header_timeout, "the request headers did not arrive in time")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # lingering after a refusal: drop the rest
        if self._in_headers:
            self._header_bytes += len(data)
        super().data_received(data)
        # Checked after parsing: bytes still counted while the headers are incomplete all belong
        # to the request line and headers, so a large body in the same packet never counts here.
        if self._in_headers and self._header_bytes > self.bounds.max_header_bytes and not self.transport.is_closing():
            self._refuse_large_head()

    # -- parser callbacks ------------------------------------------------------------------
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if not self._in_headers:  # a further request on a kept-alive connection
            self._in_headers = True
            self._header_bytes = 0
            self._arm(self.bounds.header_timeout, "the request headers did not arrive in time")

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        self._url_bytes += len(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        self._header_bytes_parsed += len(name) + len(value) + 4  # ": " and CRLF

    def on_headers_complete(self) -> None:
        # Headers that arrived in one packet are complete before data_received can count them.
        if self._url_bytes + self._header_bytes_parsed > self.bounds.max_header_bytes:
            self._refuse_large_head()
            return
        self._in_headers = False
        self._header_bytes = self._url_bytes = self._header_bytes_parsed = 0
        self._arm(self.bounds.body_timeout, "the request body did not arrive in time")
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._disarm()
        if not self._refused:
            super().on_message_complete()

    # -- helpers ---------------------------------------------------------------------------
    def _arm(self, seconds: float, why: str) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire, why)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self, why: str) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete and not self._in_headers:
            # The application is answering (it may have read the body already): end the body.
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self._refuse(408, "TIMEOUT", why)

    def eof_received(self) -> None:
        if self._refused:
            self.transport.close()

    def _refuse_large_head(self) -> None:
        limit = self.bounds.max_header_bytes
        if self._url_bytes > limit:
            self._refuse(414, "LIMIT_EXCEEDED", f"the request line is longer than {limit} bytes")
        else:
            self._refuse(431, "LIMIT_EXCEEDED", f"request line and headers exceed {limit} bytes")

    def _refuse(self, status: int, code: str, message: str, retry_after: int | None = None) -> None:
        self._disarm()
        self._refused = True
        if self.cycle is None or self.cycle.response_complete or not self.cycle.response_started:
            self.transport.write(refusal(status, code, message, retry_after))
        if self.transport.can_write_eof():
            self.transport.write_eof()
            self.loop.call_later(LINGER_SECONDS, self.transport.close)
        else:
            self.transport.close()


def uvicorn_config(app: Any, *, host: str, port: int, bounds: ConnectionBounds, **kwargs: Any) -> uvicorn.Config:
    """A uvicorn ``Config`` serving ``app`` over :class:`BoundedHttpProtocol` with ``bounds``."""
    config = uvicorn.Config(
        app, host=host, port=port, http=BoundedHttpProtocol, log_config=None, server_header=False, **kwargs
    )
    config.qgraph_bounds = bounds  # type: ignore[attr-defined]
    return config
