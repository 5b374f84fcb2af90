"""Hostile requests from the fault-injection run: each is refused fast, with a code, no 500, no leak."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.errors import UNAVAILABLE_MESSAGE
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import reset

# Text that must never reach a client outside debug mode: store parser text, Cypher, paths.
LEAKS = ("errCtx", "CYPHER", "MATCH ", "RETURN ", ".sock", "/tmp/", "Traceback", 'File "', "redis", "falkordb")


def nested_filter(levels: int) -> dict[str, Any]:
    """`activities.all → participants.all` nested ``levels`` times (the 42 s request)."""
    inner: dict[str, Any] = {"kinds": ["REGION"]}
    for _ in range(levels):
        inner = {"activities": {"all": {"participants": {"all": inner}}}}
    return inner


def fragment_doubling(levels: int) -> str:
    parts = ["fragment X0 on Query { __typename }"]
    parts += [f"fragment X{i} on Query {{ ...X{i - 1} ...X{i - 1} }}" for i in range(1, levels + 1)]
    return f"{{ ...X{levels} }}\n" + "\n".join(parts)


ALIASES_30 = (
    "{ "
    + " ".join(
        f"a{i}: actors(first: 100) {{ nodes {{ name activities(first: 100) {{ nodes {{ title "
        f"participants {{ actor {{ name activities(first: 100) {{ nodes {{ title }} }} }} }} }} }} }} }}"
        for i in range(30)
    )
    + " }"
)
ACTORS_F = "query($f: ActorFilter){ actors(filter: $f){ totalCount } }"
ACTIVITIES_F = "query($f: ActivityFilter){ activities(filter: $f){ totalCount } }"


def body(query: str, variables: dict[str, Any] | None = None) -> bytes:
    return json.dumps({"query": query, "variables": variables or {}}, ensure_ascii=False).encode()


# (name, method, path or query string, body, expected status, expected code)
HOSTILE: list[tuple[str, str, str, bytes | None, int, str]] = [
    ("six-level nested filter", "POST", "", body(ACTORS_F, {"f": nested_filter(6)}), 200, "LIMIT_EXCEEDED"),
    ("ten-level nested filter", "POST", "", body(ACTORS_F, {"f": nested_filter(10)}), 200, "LIMIT_EXCEEDED"),
    ("fragment doubling x20", "POST", "", body(fragment_doubling(20)), 200, "LIMIT_EXCEEDED"),
    ("fragment doubling x39", "POST", "", body(fragment_doubling(39)), 200, "LIMIT_EXCEEDED"),
    ("30 aliases of nested pages", "POST", "", body(ALIASES_30), 200, "LIMIT_EXCEEDED"),
    ("in with 1M items", "POST", "", body(ACTORS_F, {"f": {"nameFilter": {"in": ["x"] * 1_000_000}}}), 413,
     "LIMIT_EXCEEDED"),
    ("in with 100k items", "POST", "", body(ACTORS_F, {"f": {"nameFilter": {"in": ["x"] * 100_000}}}), 200,
     "LIMIT_EXCEEDED"),
    ("OR with 100k branches", "POST", "", body(ACTORS_F, {"f": {"OR": [{"name": "x"}] * 100_000}}), 413,
     "LIMIT_EXCEEDED"),
    ("OR with 30k branches", "POST", "", body(ACTORS_F, {"f": {"OR": [{}] * 30_000}}), 200, "LIMIT_EXCEEDED"),
    ("10 MB body", "POST", "", body("{ __typename }", {"pad": "x" * 10_000_000}), 413, "LIMIT_EXCEEDED"),
    ("text of 1M characters", "POST", "", body(ACTIVITIES_F, {"f": {"text": "质" * 1_000_000}}), 413,
     "LIMIT_EXCEEDED"),
    ("text of 300k characters", "POST", "", body(ACTIVITIES_F, {"f": {"text": "质" * 300_000}}), 200,
     "LIMIT_EXCEEDED"),
    ("body null", "POST", "", b"null", 400, "BAD_REQUEST"),
    ("body a JSON string", "POST", "", b'"{ __typename }"', 400, "BAD_REQUEST"),
    ("body invalid UTF-8", "POST", "", b'{"query": "{ __typename \xff\xfe }"}', 400, "BAD_REQUEST"),
    ("1,000 nested [", "POST", "", b"[" * 1000 + b"]" * 1000, 400, "BAD_REQUEST"),
    ("5,000-digit integer", "POST", "", b'{"query": "{ __typename }", "variables": {"n": ' + b"9" * 5000 + b"}}",
     400, "BAD_REQUEST"),
    ("GET variables with 2,000 [", "GET", "?query=%7B__typename%7D&variables=" + "%5B" * 2000, None, 400,
     "BAD_REQUEST"),
    ("not JSON", "POST", "", b"{query", 400, "BAD_REQUEST"),
    ("5,000-digit literal", "POST", "", body("{ actors(first: %s){ totalCount } }" % ("9" * 5000)), 200,
     "BAD_USER_INPUT"),
    ("selections 600 deep", "POST", "", body("{" + "a {" * 600 + "b" + "}" * 601), 200, "GRAPHQL_PARSE_FAILED"),
    ("list literal 900 deep", "POST", "", body("{ nodes(ids: " + "[" * 900 + "]" * 900 + "){ id } }"), 200,
     "GRAPHQL_PARSE_FAILED"),
    ("selections 40 deep", "POST", "", body("{" + "a {" * 40 + "b" + "}" * 41), 200, "LIMIT_EXCEEDED"),
]  # fmt: skip


@pytest.fixture(scope="module")
def client(falkor: FalkorDBStore, notice: GraphData, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    reset(falkor, notice)
    settings = Settings(data_dir=tmp_path_factory.mktemp("unused"), load_if_empty=False)
    with TestClient(create_app(settings, store=falkor)) as c:
        yield c


def send(client: TestClient, method: str, target: str, content: bytes | None) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if method == "GET":
        return client.get("/graphql" + target, headers={"accept": "application/json"})
    return client.post("/graphql", content=content, headers=headers)


def assert_no_leak(text: str) -> None:
    for marker in LEAKS:
        assert marker not in text, marker


@pytest.mark.parametrize(("name", "method", "target", "content", "status", "code"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_request_is_refused_fast_with_a_code(
    client: TestClient, name: str, method: str, target: str, content: bytes | None, status: int, code: str
) -> None:
    start = time.perf_counter()
    response = send(client, method, target, content)
    elapsed = time.perf_counter() - start
    assert response.status_code == status, response.text[:300]
    errors = response.json()["errors"]
    assert [e["extensions"]["code"] for e in errors] == [code], errors
    assert errors[0]["message"]
    assert_no_leak(response.text)
    assert elapsed < 2, f"{name}: {elapsed:.2f} s"


@pytest.mark.parametrize("bad", ["a\x00b", "\ud800", "x\udfff"])
def test_unstorable_id_fails_only_its_field(client: TestClient, bad: str) -> None:
    query = "query($id: ID!){ bad: node(id: $id){ id } good: node(id: \"region:310000\"){ id } stats { nodes } }"
    content = json.dumps({"query": query, "variables": {"id": bad}}).encode()  # \ud800 escaped in JSON
    response = client.post("/graphql", content=content, headers={"content-type": "application/json"})
    assert response.status_code == 200
    answer = response.json()
    assert answer["data"]["good"] == {"id": "region:310000"} and answer["data"]["stats"]["nodes"] > 0
    assert answer["data"]["bad"] is None
    [error] = answer["errors"]
    assert error["path"] == ["bad"] and error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}
    assert_no_leak(response.text)


def test_unstorable_value_in_a_filter_is_bad_user_input(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": '{ actors(filter: {name: "上海\\u0000"}){ totalCount } }'})
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "filter"}


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    pages = [
        client.get("/"),
        client.get("/graphql", headers={"accept": "text/html"}),
        client.post("/graphql", json={"query": "{ __typename }"}),
        client.post("/graphql", content=b"null", headers={"content-type": "application/json"}),
        client.get("/health"),
        client.get("/static/explorer.js"),
        client.get("/nowhere"),
    ]
    for response in pages:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "server" not in response.headers


def test_introspection_and_metrics_can_be_closed(falkor: FalkorDBStore, settings: Settings) -> None:
    introspect = {"query": "{ __schema { queryType { name } } }"}
    with TestClient(create_app(settings.with_(introspection="off", metrics="off"), store=falkor)) as c:
        [error] = c.post("/graphql", json=introspect).json()["errors"]
        assert error["extensions"]["code"] == "FORBIDDEN" and "QGRAPH_INTROSPECTION" in error["message"]
        assert c.post("/graphql", json={"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}
        assert c.get("/metrics").status_code == 404
    admin = settings.with_(introspection="admin", metrics="admin", admin_token="s3cret")
    bearer = {"authorization": "Bearer s3cret"}
    with TestClient(create_app(admin, store=falkor)) as c:
        assert c.post("/graphql", json=introspect).json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert c.post("/graphql", json=introspect, headers=bearer).json()["data"]["__schema"]["queryType"] == {
            "name": "Query"
        }
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert "qgraph_http_requests_total" in c.get("/metrics", headers=bearer).text


def test_store_down_answers_hide_the_socket_path(tmp_path: Path, settings: Settings, notice: GraphData) -> None:
    from graph_api.loading import load_graphs
    from graph_api.store.embedded import EmbeddedServer

    server = EmbeddedServer(tmp_path)
    store = FalkorDBStore(server.start(), graph_name="g")
    load_graphs(store, [notice])
    try:
        with TestClient(create_app(settings, store=store)) as c:
            server.stop()
            down = c.post("/graphql", json={"query": "{ stats { nodes } }"})
            [error] = down.json()["errors"]
            assert error["extensions"] == {"code": "UNAVAILABLE", "retryAfter": 2}
            assert error["message"] == UNAVAILABLE_MESSAGE
            ready = c.get("/ready")
            assert ready.status_code == 503 and ready.json()["code"] == "UNAVAILABLE"
            for text in (down.text, ready.text):
                assert str(tmp_path) not in text
                assert_no_leak(text)
    finally:
        store.close()
        server.stop()


def test_store_text_is_shown_only_in_debug_mode() -> None:
    from graphql import GraphQLError

    from graph_api.errors import StoreError
    from graph_api.http.graphql import format_error

    failed = StoreError("statement get_nodes failed: errMsg: Invalid input errCtx: CYPHER `ids", statement="get_nodes")
    error = GraphQLError(failed.message, original_error=failed, path=["node"])
    assert format_error(error, debug=False) == {
        "message": "the graph store could not answer this request", "path": ["node"], "extensions": {"code": "STORE_ERROR"}
    }
    shown = format_error(error, debug=True)
    assert "errCtx" in shown["message"] and shown["extensions"] == {"code": "STORE_ERROR", "statement": "get_nodes"}


def test_wrong_method_and_content_type_are_coded(client: TestClient) -> None:
    put = client.put("/graphql", json={"query": "{ __typename }"})
    assert put.status_code == 405 and put.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert "POST" in put.headers["allow"] and put.headers["x-content-type-options"] == "nosniff"
    nowhere = client.get("/nowhere")
    assert nowhere.status_code == 404 and nowhere.json()["code"] == "NOT_FOUND"  # problem details off /graphql
    assert client.get("/static/nothing.js").json()["code"] == "NOT_FOUND"
    text = client.post("/graphql", content=b"{ __typename }", headers={"content-type": "text/plain"})
    assert text.status_code == 400 and text.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    batch = client.post("/graphql", json=[{"query": "{ __typename }"}])
    assert batch.status_code == 400 and batch.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_explorer_and_graphiql_work_under_the_csp(tmp_path: Path) -> None:
    import shutil
    import signal
    import subprocess

    from graph_api.store.embedded import free_port
    from tests.test_cli import _serve
    from tests.test_explorer import CHROMIUM, ROOT

    node = shutil.which("node")
    assert node and Path(CHROMIUM).exists(), "make test installs node packages and Debian's chromium"
    port = free_port()
    proc = _serve(tmp_path / "data", port)
    try:
        result = subprocess.run([node, str(ROOT / "js" / "csp-e2e.mjs"), f"http://127.0.0.1:{port}", CHROMIUM],
                                capture_output=True, text=True, timeout=180, cwd=ROOT)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["violations"] == [], report
    assert report["csp"]["/"] and report["csp"]["/graphql"]
    assert report["explorer"] > 1
    assert "totalCount" in report["graphiql"]


def test_refused_requests_are_counted_in_metrics(falkor: FalkorDBStore, settings: Settings) -> None:
    with TestClient(create_app(settings, store=falkor)) as c:
        c.post("/graphql", content=b"null", headers={"content-type": "application/json"})
        c.post("/graphql", content=b"x" * (settings.max_body + 1), headers={"content-type": "application/json"})
        text = c.get("/metrics").text
        assert 'qgraph_graphql_errors_total{code="BAD_REQUEST"} 1.0' in text
        assert 'qgraph_http_requests_total{method="POST",path="/graphql",status="413"} 1.0' in text
        assert 'qgraph_http_requests_total{method="POST",path="/graphql",status="400"} 1.0' in text


def test_body_limits_name_their_setting(falkor: FalkorDBStore, settings: Settings) -> None:
    admin = settings.with_(admin_token="s3cret", max_file_mb=2, max_body=1000)
    with TestClient(create_app(admin, store=falkor)) as c:
        small = c.post("/graphql", content=b" " * 1001, headers={"content-type": "application/json"})
        assert small.status_code == 413 and "(QGRAPH_MAX_BODY)" in small.json()["errors"][0]["message"]
        under = c.post("/graphql", content=b" " * 990 + b'{"query":"{a}"}'[:10], headers={"content-type": "application/json"})
        assert under.status_code == 400  # within the limit: read, then refused as malformed
        auth = {"authorization": "Bearer s3cret"}
        big = c.post("/admin/reload", headers=auth, content=b"x" * (2 * 1024 * 1024 + 1))
        assert big.status_code == 413 and big.json()["limit"] == "QGRAPH_MAX_FILE_MB"
        notice = c.post("/admin/reload", headers=auth, content="没有结构".encode() * 100)  # over max_body, under 2 MB
        assert notice.status_code == 400
