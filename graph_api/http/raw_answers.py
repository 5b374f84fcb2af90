"""Repeated requests answered from their stored bytes, before Strawberry parses them.

A cache hit through the GraphQL view still costs the view's work (reading the request as
GraphQL, persisted queries, formatting the result, JSON encoding). This plain ASGI layer in
front of it keys a request by what it is made of: method, query string, body, the media types
it sends and accepts, and the caller's role (introspection depends on it). A hit answers the
response the view gave for that request under the same graph version, byte for byte; a miss
goes through the view, and its response is stored when the view answered exactly one operation
from the response cache or kept it there (:class:`graph_api.http.answers.Pending`). The graph
version is read once per request (on the serving loop when the lifespan opened a reader), so a
load in any process invalidates both layers at once. The layer also answers ``If-None-Match``
on GET with ``304 Not Modified`` when it names the answer's ``ETag``.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.errors import QGraphError
from graph_api.http.admin import is_admin
from graph_api.http.answers import PENDING, AnswerCache, Pending
from graph_api.response_cache import CachedAnswer

# Request headers that shape the response: every value is part of the key, in order.
VARYING = (b"content-type", b"accept")
NOT_MODIFIED_HEADERS = (b"etag", b"cache-control")


@dataclass(frozen=True)
class StoredResponse:
    """A response as the view sent it: status, headers and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes

    def header(self, name: bytes) -> bytes:
        """The first value of header ``name`` ("" when absent)."""
        return next((value for key, value in self.headers if key == name), b"")


def not_modified(etag: bytes, if_none_match: list[bytes]) -> bool:
    """Whether ``If-None-Match`` names ``etag`` (weak or strong; ``*`` is not honoured)."""
    tags = {tag.strip().removeprefix(b"W/") for value in if_none_match for tag in value.split(b",")}
    return bool(etag) and etag in tags


class RawAnswers:
    """ASGI layer in front of the GraphQL view: stored responses per graph version."""

    def __init__(self, app: ASGIApp, answers: AnswerCache, admin_token: str | None) -> None:
        self.app = app
        self.answers = answers
        self.admin_token = admin_token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or method not in ("GET", "POST") or not self.answers.enabled:
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        body = b""
        if method == "POST":
            while True:
                message = await receive()
                received.append(message)
                if message["type"] != "http.request":
                    break
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    break
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if_none_match = [v for k, v in headers if k == b"if-none-match"] if method == "GET" else []
        try:
            version = await self.answers.version()
        except QGraphError:
            version = None  # the store is away: the view answers in its own words, nothing kept
        key = self._key(scope, body)
        if version is not None:
            hit = self.answers.cache.get(version, key, count_miss=False)
            if hit is not None:
                await self._send_stored(hit.value, if_none_match, send)
                return

        async def replay() -> Message:
            return received.pop(0) if received else await receive()

        inner: Scope = scope
        pending = None
        if version is not None:
            pending = Pending(version)
            # The view's response is stored whole; 304 is decided here, for hits and misses alike.
            inner = {**scope, "headers": [h for h in headers if h[0] != b"if-none-match"], PENDING: pending}
        response = _Recorder(send, if_none_match, self.answers.cache.max_bytes // 4)
        await self.app(inner, replay, response.send)
        stored = response.stored()
        if pending is not None and pending.cacheable and stored is not None and stored.status == 200:
            size = len(stored.body) + len(body) + sum(len(k) + len(v) for k, v in stored.headers)
            self.answers.cache.put(pending.version, key, CachedAnswer(stored, size))

    def _key(self, scope: Scope, body: bytes) -> Hashable:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        varying = tuple(tuple(v for k, v in headers if k == name) for name in VARYING)
        authorization = next((v for k, v in headers if k == b"authorization"), b"")
        admin = is_admin(authorization.decode("latin-1"), self.admin_token)
        return ("raw", scope["method"], scope.get("query_string", b""), body, varying, admin)

    @staticmethod
    async def _send_stored(stored: StoredResponse, if_none_match: list[bytes], send: Send) -> None:
        if if_none_match and not_modified(stored.header(b"etag"), if_none_match):
            kept = [(k, v) for k, v in stored.headers if k in NOT_MODIFIED_HEADERS]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": stored.status, "headers": list(stored.headers)})
        await send({"type": "http.response.body", "body": stored.body})


class _Recorder:
    """Passes the view's response on (as ``304`` when the client holds it) and keeps a copy of
    it up to ``limit`` bytes of body."""

    def __init__(self, send: Send, if_none_match: list[bytes], limit: int) -> None:
        self._send = send
        self._if_none_match = if_none_match
        self._limit = limit
        self._start: tuple[int, tuple[tuple[bytes, bytes], ...]] | None = None
        self._body = bytearray()
        self._complete = False
        self._swallow = False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            # A copy as the view sent them: the middlewares outside (gzip, security headers)
            # change this message's header list in place after it is passed on.
            headers = tuple((bytes(k), bytes(v)) for k, v in message.get("headers", []))
            self._start = (message["status"], headers)
            etag = next((v for k, v in headers if k == b"etag"), b"")
            if message["status"] == 200 and self._if_none_match and not_modified(etag, self._if_none_match):
                self._swallow = True
                kept = [(k, v) for k, v in headers if k in NOT_MODIFIED_HEADERS]
                await self._send({"type": "http.response.start", "status": 304, "headers": kept})
                await self._send({"type": "http.response.body", "body": b""})
                return
        elif message["type"] == "http.response.body":
            if len(self._body) <= self._limit:
                self._body += message.get("body", b"")
            self._complete = not message.get("more_body", False)
        if not self._swallow:
            await self._send(message)

    def stored(self) -> StoredResponse | None:
        """The whole response, when it was sent whole and is small enough to keep."""
        if self._start is None or not self._complete or len(self._body) > self._limit:
            return None
        return StoredResponse(*self._start, bytes(self._body))
