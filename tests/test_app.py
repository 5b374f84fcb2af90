"""Health, readiness and the error format of the HTTP app."""

from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import reset


def test_health_and_ready(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> None:
    reset(falkor)
    with TestClient(create_app(settings, store=falkor)) as client:
        assert client.get("/health").json() == {"status": "ok"}
        empty = client.get("/ready")
        assert empty.status_code == 503 and empty.json()["code"] == "NOT_READY"
        reset(falkor, notice)
        assert client.get("/ready").json() == {"status": "ready"}


def test_store_down_answers_unavailable_and_recovers(tmp_path, settings: Settings, notice: GraphData) -> None:  # type: ignore[no-untyped-def]
    from graph_api.loading import load_graphs
    from graph_api.store.embedded import EmbeddedServer

    server = EmbeddedServer(tmp_path)
    store = FalkorDBStore(server.start(), graph_name="g")
    load_graphs(store, [notice])
    query = {"query": "{ stats { nodes } }"}
    try:
        with TestClient(create_app(settings, store=store)) as client:
            assert client.post("/graphql", json=query).json()["data"]["stats"]["nodes"] == len(notice.nodes)
            server.stop()
            down = client.post("/graphql", json=query)
            assert down.status_code == 200
            assert down.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
            assert client.get("/ready").status_code == 503
            server.start()  # same directory, same socket: the service recovers by itself
            assert client.post("/graphql", json=query).json()["data"]["stats"]["nodes"] == len(notice.nodes)
    finally:
        store.close()
        server.stop()


def test_internal_errors_hide_details_outside_debug(falkor: FalkorDBStore, settings: Settings) -> None:
    from graphql import GraphQLError

    from graph_api.http.graphql import format_error

    error = GraphQLError("boom", original_error=ZeroDivisionError("secret"))
    assert format_error(error, debug=False) == {"message": "internal error", "extensions": {"code": "INTERNAL"}}
    assert format_error(error, debug=True)["message"] == "boom"


def test_export_endpoint_and_metrics(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> None:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=falkor)) as client:
        r = client.get("/export/json", headers={"accept-encoding": "gzip"})
        assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
        assert len(r.json()["nodes"]) == len(notice.nodes)
        assert "attachment" in r.headers["content-disposition"]
        assert client.get("/export/pdf").status_code == 404
        client.post("/graphql", json={"query": '{ node(id: "nope:1") { id } }'})
        text = client.get("/metrics").text
        assert 'qgraph_graphql_errors_total{code="NOT_FOUND"} 1.0' in text
        assert 'qgraph_http_requests_total{method="GET",path="/export",status="200"} 1.0' in text
        assert "qgraph_store_round_trips_total" in text and "qgraph_http_request_duration_seconds_bucket" in text


def test_cors_only_for_configured_origins(falkor: FalkorDBStore, settings: Settings) -> None:
    allowed = settings.with_(cors_origins=("https://viz.example.gov.cn",))
    with TestClient(create_app(allowed, store=falkor)) as client:
        pre = {"origin": "https://viz.example.gov.cn", "access-control-request-method": "POST"}
        assert client.options("/graphql", headers=pre).headers["access-control-allow-origin"] == pre["origin"]
        other = client.options("/graphql", headers={**pre, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(settings, store=falkor)) as client:
        r = client.post("/graphql", json={"query": "{ __typename }"}, headers={"origin": "https://viz.example.gov.cn"})
        assert "access-control-allow-origin" not in r.headers


def test_reload_endpoint_needs_the_admin_token(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> None:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=falkor)) as client:
        assert client.post("/admin/reload").status_code == 404  # absent without a configured token
    admin = settings.with_(admin_token="s3cret")
    with TestClient(create_app(admin, store=falkor)) as client:
        assert client.post("/admin/reload").status_code == 401
        assert client.post("/admin/reload", headers={"authorization": "Bearer wrong"}).status_code == 401
        from tests.test_loading import derived_notice

        ok = client.post("/admin/reload", headers={"authorization": "Bearer s3cret"},
                         content=derived_notice().encode())
        assert ok.status_code == 200 and ok.json()["loaded"][0]["notice"] == "notice:2024"
        assert client.post("/graphql", json={"query": "{ notice { year } }"}).json()["data"]["notice"]["year"] == 2024
        bad = client.post("/admin/reload", headers={"authorization": "Bearer s3cret"}, content="没有结构".encode())
        assert bad.status_code == 400 and bad.json()["code"] == "BAD_INPUT"


def test_reload_refuses_oversized_and_unplaceable_bodies_and_keeps_the_graph(
    falkor: FalkorDBStore, notice: GraphData, settings: Settings
) -> None:
    from tests.test_loading import _junk_after_header

    reset(falkor, notice)
    auth = {"authorization": "Bearer s3cret"}
    admin = settings.with_(admin_token="s3cret", max_file_mb=1)
    with TestClient(create_app(admin, store=falkor)) as client:
        before = client.post("/graphql", json={"query": "{ stats { nodes edges } }"}).json()
        big = client.post("/admin/reload", headers=auth, content=b"x" * (1024 * 1024 + 1))
        assert big.status_code == 413 and big.json()["code"] == "LIMIT_EXCEEDED"
        junk = client.post("/admin/reload", headers=auth, content=_junk_after_header(2000))
        assert junk.status_code == 400 and "could not be placed" in junk.json()["detail"]
        assert junk.json()["line"] == 13
        assert client.post("/graphql", json={"query": "{ stats { nodes edges } }"}).json() == before
        bundled = client.post("/admin/reload?force=1", headers=auth)
        assert bundled.status_code == 200 and bundled.json()["loaded"][0]["encoding"] == "UTF-8"


def test_ready_says_unavailable_without_internal_detail(tmp_path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from graph_api.store.embedded import EmbeddedServer

    server = EmbeddedServer(tmp_path)
    store = FalkorDBStore(server.start(), graph_name="g")
    try:
        with TestClient(create_app(settings, store=store)) as client:
            server.stop()
            down = client.get("/ready")
            assert down.status_code == 503 and down.headers["retry-after"] == "2"
            assert down.headers["content-type"] == "application/problem+json; charset=utf-8"
            assert down.json() == {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": "the graph store is unavailable; retry in a few seconds",
                "code": "UNAVAILABLE",
                "retryAfter": 2,
            }
    finally:
        store.close()
        server.stop()


def test_a_store_opened_in_the_lifespan_outlives_idle_worker_threads(tmp_path, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    import time

    # The lifespan opens the store from a worker thread, which anyio retires after 10 s idle;
    # the server must not die with it (Linux ties PR_SET_PDEATHSIG to the forking thread).
    app = create_app(settings.with_(data_dir=tmp_path, load_if_empty=True))
    query = {"query": "{ stats { nodes } }"}
    with TestClient(app) as client:
        nodes = client.post("/graphql", json=query).json()["data"]["stats"]["nodes"]
        time.sleep(11.5)
        assert client.post("/graphql", json=query).json()["data"]["stats"]["nodes"] == nodes > 300


def test_conflicting_fields_are_a_validation_error_not_a_limit(falkor: FalkorDBStore, settings: Settings) -> None:
    with TestClient(create_app(settings, store=falkor)) as client:
        body = client.post("/graphql", json={"query": "{ a: stats { nodes } a: notice { year } }"}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert body["errors"][0]["message"].startswith("Fields 'a' conflict")
