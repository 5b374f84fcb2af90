"""Answers cached per graph version, ETag/304, and persisted queries over HTTP (both backends)."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.persisted import sha256
from graph_api.settings import Settings
from graph_api.store.protocol import GraphStore
from loaders.records import GraphData
from tests.conftest import CONTRACT, reset

STATS = "{ stats { nodes edges } }"


def metric(client: TestClient, name: str) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"no {name}")


@pytest.fixture
def client(served: TestClient) -> TestClient:
    return served


def test_a_repeated_question_is_answered_from_the_cache_until_a_load(
    client: TestClient, backend: GraphStore, falkor: GraphStore, notice: GraphData
) -> None:
    first = client.post("/graphql", json={"query": STATS}).json()
    trips = backend.round_trips
    again = client.post("/graphql", json={"query": STATS}).json()
    assert again == first
    assert backend.round_trips == trips  # no statement ran
    assert metric(client, "qgraph_response_cache_hits_total") == 1
    assert metric(client, "qgraph_response_cache_bytes") > 0
    reset(falkor)  # a load (here: emptying the graph) changes the version
    emptied = client.post("/graphql", json={"query": STATS}).json()
    assert emptied["data"]["stats"] == {"nodes": 0, "edges": 0}
    reset(falkor, notice)


def test_get_answers_carry_an_etag_and_a_match_is_304(
    client: TestClient, falkor: GraphStore, notice: GraphData
) -> None:
    first = client.get("/graphql", params={"query": STATS}, headers={"accept": "application/json"})
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"') and first.headers["cache-control"] == "no-cache"
    same = client.get(
        "/graphql", params={"query": STATS}, headers={"accept": "application/json", "if-none-match": etag}
    )
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == etag
    reset(falkor, notice)  # reloaded: a new version, a new tag
    changed = client.get(
        "/graphql", params={"query": STATS}, headers={"accept": "application/json", "if-none-match": etag}
    )
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_errors_are_not_kept(client: TestClient) -> None:
    bad = {"query": '{ node(id: "organizer:nobody") { id } path(from: "a", to: "b") { nodes { id } } }'}
    assert client.post("/graphql", json=bad).json()["errors"]
    assert client.post("/graphql", json=bad).json()["errors"]
    assert metric(client, "qgraph_response_cache_hits_total") == 0


def test_automatic_persisted_queries(client: TestClient) -> None:
    digest = sha256(STATS)
    ext = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    unknown = client.post("/graphql", json={"extensions": ext})
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = client.post("/graphql", json={"query": STATS, "extensions": ext}).json()
    by_hash = client.get("/graphql", params={"extensions": json.dumps(ext)}, headers={"accept": "application/json"})
    assert by_hash.json() == registered and registered["data"]["stats"]["nodes"] > 300
    wrong = client.post("/graphql", json={"query": STATS + " ", "extensions": ext}).json()
    assert (
        wrong["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        or wrong["errors"][0]["message"] == "provided sha does not match query"
    )


def test_allow_list_mode_runs_only_registered_documents(
    falkor: GraphStore, notice: GraphData, settings: Settings
) -> None:
    reset(falkor, notice)
    locked = settings.with_(persisted="allowlist", persisted_dir=CONTRACT)
    with TestClient(create_app(locked, store=falkor)) as client:
        stats = (CONTRACT / "stats.graphql").read_text(encoding="utf-8")
        assert client.post("/graphql", json={"query": stats}).json()["data"]["stats"]["nodes"] > 300
        refused = client.post("/graphql", json={"query": STATS})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_ONLY"


@pytest.mark.parametrize("operation_name", [0, False])
def test_a_falsy_operation_name_is_not_the_plain_question(client: TestClient, operation_name: object) -> None:
    """graphql-http's audits 6C01/6C02: `operationName: 0` or `false` is refused, even right after
    the same document without one was answered (and kept)."""
    plain = client.post("/graphql", json={"query": "{ __typename }"})
    assert plain.json() == {"data": {"__typename": "Query"}}
    odd = client.post("/graphql", json={"query": "{ __typename }", "operationName": operation_name})
    assert odd.status_code == 400 and "data" not in odd.json()
