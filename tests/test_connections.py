"""Bounded connections against a real uvicorn server on loopback (graph_api/connections.py)."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graph_api.connections import ConnectionBounds, default_max_connections, uvicorn_config


async def echo(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse({"bytes": len(body)})


APP = Starlette(routes=[Route("/echo", echo, methods=["GET", "POST"])])


def serve(bounds: ConnectionBounds) -> Iterator[int]:
    config = uvicorn_config(APP, host="127.0.0.1", port=0, bounds=bounds, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield port
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """A server with the default bounds."""
    yield from serve(ConnectionBounds())


@pytest.fixture
def tight_port() -> Iterator[int]:
    """Short deadlines and a small connection cap, so the test does not wait a minute."""
    yield from serve(ConnectionBounds(header_timeout=1.0, body_timeout=1.0, max_connections=20))


def raw(port: int, data: bytes, timeout: float = 15) -> bytes:
    """Send ``data`` and read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_and_body(answer: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_ordinary_requests_pass(port: int) -> None:
    url = f"http://127.0.0.1:{port}/echo"
    assert httpx.post(url, content=b"x" * 3_000_000).json() == {"bytes": 3_000_000}
    with httpx.Client() as client:  # keep-alive: several requests on one connection
        assert [client.get(url, headers={"x-pad": "y" * 30_000}).status_code for _ in range(3)] == [200] * 3


def test_oversized_headers_get_431(port: int) -> None:
    status, body = status_and_body(
        raw(port, b"GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
    )
    assert status == 431
    assert body == {"error": {"code": "LIMIT_EXCEEDED", "message": "request line and headers exceed 65536 bytes"}}


def test_endless_header_is_cut_at_the_limit(port: int) -> None:
    """An unfinished header that keeps growing is refused once it passes the limit; the rest is
    dropped unread and the connection ends within the linger time."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(b"GET /echo HTTP/1.1\r\nX-Big: ")
        try:
            for _ in range(40):
                sock.sendall(b"a" * 65536)
        except OSError:
            pass
        answer = sock.recv(65536)
        start = time.monotonic()
        with contextlib.suppress(OSError):
            while sock.recv(65536):
                pass
    assert answer.startswith(b"HTTP/1.1 431")
    assert time.monotonic() - start < 5


def test_long_query_string_gets_coded_414(port: int) -> None:
    status, body = status_and_body(raw(port, b"GET /echo?query=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert status == 414
    assert body["error"] == {"code": "LIMIT_EXCEEDED", "message": "the request line is longer than 65536 bytes"}


def test_slow_headers_are_cut_at_the_default_deadline(port: int) -> None:
    """Slowloris: a header line every second never completes; the server closes after 10 s."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(b"GET /echo HTTP/1.1\r\n")
        answer = b""
        for n in range(30):
            try:
                sock.sendall(f"X-{n}: y\r\n".encode())
            except OSError:
                break
            sock.settimeout(1.0)
            try:
                answer = sock.recv(65536)
            except TimeoutError:
                continue
            break
    took = time.monotonic() - start
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert 9 <= took < 16


def test_idle_connection_is_closed(tight_port: int) -> None:
    with socket.create_connection(("127.0.0.1", tight_port), timeout=10) as sock:
        start = time.monotonic()
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 408")
        assert sock.recv(65536) == b""
    assert time.monotonic() - start < 5


def test_dripped_body_is_cut(tight_port: int) -> None:
    with socket.create_connection(("127.0.0.1", tight_port), timeout=10) as sock:
        sock.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
        start = time.monotonic()
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408")
    assert time.monotonic() - start < 5


def test_connections_over_the_cap_get_503_and_others_still_served(tight_port: int) -> None:
    socks = [socket.create_connection(("127.0.0.1", tight_port), timeout=10) for _ in range(20)]
    try:
        time.sleep(0.2)
        extra = socket.create_connection(("127.0.0.1", tight_port), timeout=10)
        answer = extra.recv(65536)
        extra.close()
        assert answer.startswith(b"HTTP/1.1 503")
        assert b"retry-after: 1" in answer
    finally:
        for sock in socks:
            sock.close()
    time.sleep(0.3)
    assert httpx.get(f"http://127.0.0.1:{tight_port}/echo").status_code == 200


def test_default_cap_is_below_the_descriptor_limit() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert default_max_connections() <= soft - 128 or soft == resource.RLIM_INFINITY
    assert default_max_connections() >= 16
