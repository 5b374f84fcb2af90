"""One error body: RFC 9457 problem details on every route but /graphql, which keeps
GraphQL's shape, whatever refused the request (a route, the HTTP guard, the router)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest
from starlette.requests import Request
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.errors import BodyTooLarge, LoadBusy, QGraphError, StoreFull, StoreUnavailable, Unauthenticated
from graph_api.http.errors import handlers, problem_body, status_of
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import reset

PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}
AUTH = {"authorization": "Bearer s3cret"}


@pytest.fixture(scope="module")
def client(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> Iterator[TestClient]:
    reset(falkor, notice)
    admin = settings.with_(admin_token="s3cret", metrics="admin", max_body=1000, max_file_mb=1)
    with TestClient(create_app(admin, store=falkor)) as c:
        yield c


# (method, path, headers, body, status, code): every kind of refusal off /graphql.
REFUSALS = [
    ("GET", "/nowhere", {}, None, 404, "NOT_FOUND"),
    ("GET", "/static/nothing.js", {}, None, 404, "NOT_FOUND"),
    ("GET", "/export/pdf", {}, None, 404, "NOT_FOUND"),
    ("POST", "/health", {}, None, 405, "METHOD_NOT_ALLOWED"),
    ("GET", "/admin/reload", AUTH, None, 405, "METHOD_NOT_ALLOWED"),
    ("POST", "/admin/reload", {}, None, 401, "UNAUTHENTICATED"),
    ("GET", "/admin/notices", {"authorization": "Bearer wrong"}, None, 401, "UNAUTHENTICATED"),
    ("DELETE", "/admin/notices/notice:2023", {"authorization": "s3cret"}, None, 401, "UNAUTHENTICATED"),
    ("GET", "/metrics", {}, None, 401, "UNAUTHENTICATED"),
    ("DELETE", "/admin/notices/notice:1999", AUTH, None, 404, "NOT_FOUND"),
    ("POST", "/admin/reload", AUTH, "没有结构".encode(), 400, "BAD_INPUT"),
    ("POST", "/admin/reload", AUTH, b"x" * (1024 * 1024 + 1), 413, "LIMIT_EXCEEDED"),
    ("GET", "/health?" + "q" * 1001, {}, None, 413, "LIMIT_EXCEEDED"),
]


@pytest.mark.parametrize(("method", "path", "headers", "body", "status", "code"), REFUSALS,
                         ids=[f"{r[0]} {r[1][:30]} {r[4]}" for r in REFUSALS])
def test_every_refusal_off_graphql_is_a_coded_problem(  # type: ignore[no-untyped-def]
    client: TestClient, method: str, path: str, headers: dict[str, str], body: bytes | None, status: int, code: str
) -> None:
    response = client.request(method, path, headers=headers, content=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json; charset=utf-8"
    problem = response.json()
    assert problem.keys() >= PROBLEM_KEYS and problem["type"] == "about:blank"
    assert (problem["status"], problem["code"]) == (status, code) and problem["detail"]
    assert response.headers["x-content-type-options"] == "nosniff"
    if status == 401:
        assert response.headers["www-authenticate"] == 'Bearer realm="qgraph admin"'


def test_graphql_refusals_keep_the_graphql_shape(client: TestClient) -> None:
    big = client.post("/graphql", content=b" " * 1001, headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    put = client.put("/graphql", json={"query": "{ __typename }"})
    assert put.status_code == 405 and put.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert put.headers["content-type"].startswith("application/json")


def test_a_chunked_reload_body_over_the_limit_is_413_not_a_retry(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 65536  # 1.25 MB in all, no content-length: the limit is met while reading

    response = client.post("/admin/reload", headers=AUTH, content=chunks())
    assert response.status_code == 413 and "retry-after" not in response.headers
    assert response.json()["code"] == "LIMIT_EXCEEDED" and response.json()["limit"] == "QGRAPH_MAX_FILE_MB"


def test_ready_when_empty_is_a_problem(falkor: FalkorDBStore, settings: Settings) -> None:
    reset(falkor)
    with TestClient(create_app(settings, store=falkor)) as c:
        ready = c.get("/ready")
    assert ready.status_code == 503 and ready.headers["retry-after"] == "2"
    assert ready.json() == {"type": "about:blank", "title": "Service Unavailable", "status": 503,
                            "detail": "no notice loaded", "code": "NOT_READY"}


@pytest.mark.parametrize(("error", "status"), [
    (Unauthenticated("x"), 401), (LoadBusy("x"), 409), (BodyTooLarge("x"), 413), (StoreUnavailable.away(), 503),
    (QGraphError("x"), 500), (StoreFull("x"), 507),
])
def test_each_code_has_one_status(error: QGraphError, status: int) -> None:
    assert status_of(error) == status
    assert f'"status": {status}' in problem_body(error, debug=False).decode()


def test_any_other_exception_is_a_coded_500_without_its_text() -> None:
    scope = {"type": "http", "method": "GET", "path": "/export/json", "headers": [], "query_string": b""}
    response = asyncio.run(handlers(debug=False)[Exception](Request(scope), RuntimeError("/run/secret.sock")))
    assert response.status_code == 500 and b"secret" not in response.body
    assert json.loads(response.body)["code"] == "INTERNAL"
