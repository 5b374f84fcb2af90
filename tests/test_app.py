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
        assert empty.status_code == 503 and empty.json()["status"] == "empty"
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

    from graph_api.app import format_error

    error = GraphQLError("boom", original_error=ZeroDivisionError("secret"))
    assert format_error(error, debug=False) == {"message": "internal error", "extensions": {"code": "INTERNAL"}}
    assert format_error(error, debug=True)["message"] == "boom"
