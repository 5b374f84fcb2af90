"""Repeated requests answered from their stored bytes before the GraphQL view
(graph_api/http/raw_answers.py), on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.http.graphql import GraphQLApp
from graph_api.http.raw_answers import not_modified
from graph_api.settings import Settings
from graph_api.store.protocol import GraphStore
from loaders.records import GraphData
from tests.conftest import reset
from tests.test_answers import STATS, metric

JSON_ONLY = {"accept": "application/json"}


@pytest.fixture
def client(served: TestClient) -> TestClient:
    return served


def test_a_repeated_request_gets_the_stored_response_without_the_view(
    client: TestClient, backend: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = b'{"query": "{ stats { nodes edges } }"}'
    first = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    trips = backend.round_trips

    async def no_view(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the view ran for a stored request")

    monkeypatch.setattr(GraphQLApp, "run", no_view)
    again = client.post("/graphql", content=body, headers={"content-type": "application/json"})
    assert (again.status_code, again.content, again.headers) == (first.status_code, first.content, first.headers)
    assert backend.round_trips == trips
    assert metric(client, "qgraph_response_cache_hits_total") == 1
    assert metric(client, "qgraph_response_cache_misses_total") == 1


def test_a_stored_response_is_compressed_afresh_for_each_client(client: TestClient) -> None:
    """The gzip layer outside rewrites the view's headers in place: what is stored is the
    view's own response, so a hit is compressed (or not) for the client that asks."""
    big = {"query": "{ actors(first: 100) { nodes { id name aliases kind } } }"}
    zipped = [client.post("/graphql", json=big, headers={"accept-encoding": "gzip"}) for _ in range(2)]
    plain = client.post("/graphql", json=big, headers={"accept-encoding": "identity"})
    assert metric(client, "qgraph_response_cache_hits_total") == 2
    assert all(r.headers["content-encoding"] == "gzip" for r in zipped)
    assert "content-encoding" not in plain.headers
    assert zipped[0].json() == zipped[1].json() == plain.json() and len(plain.content) > 1024


def test_what_may_shape_the_answer_is_part_of_the_key(client: TestClient) -> None:
    plain = client.post("/graphql", json={"query": STATS})
    strict = client.post("/graphql", json={"query": STATS}, headers={"accept": "application/graphql-response+json"})
    assert plain.headers["content-type"].startswith("application/json")
    assert strict.headers["content-type"].startswith("application/graphql-response+json")
    assert strict.json() == plain.json()
    for odd in (0, False, ""):  # the body's bytes differ, so the view answers (here: refuses) it
        refused = client.post("/graphql", json={"query": "{ __typename }", "operationName": odd})
        assert refused.status_code == 400 or "errors" in refused.json()
    assert client.post("/graphql", json={"query": "{ __typename }"}).json() == {"data": {"__typename": "Query"}}


def test_a_load_invalidates_stored_responses(client: TestClient, falkor: GraphStore, notice: GraphData) -> None:
    assert client.post("/graphql", json={"query": STATS}).json()["data"]["stats"]["nodes"] > 300
    reset(falkor)  # a write through another connection: the version changes
    assert client.post("/graphql", json={"query": STATS}).json()["data"]["stats"] == {"nodes": 0, "edges": 0}
    reset(falkor, notice)


def test_if_none_match_is_304_whether_the_response_was_stored_or_not(
    backend: GraphStore, falkor: GraphStore, notice: GraphData, settings: Settings
) -> None:
    reset(falkor, notice)
    with TestClient(create_app(settings, store=backend)) as client:
        etag = client.get("/graphql", params={"query": STATS}, headers=JSON_ONLY).headers["etag"]
        stored = client.get("/graphql", params={"query": STATS}, headers={**JSON_ONLY, "if-none-match": etag})
    with TestClient(create_app(settings, store=backend)) as fresh:  # an empty cache: through the view
        computed = fresh.get("/graphql", params={"query": STATS}, headers={**JSON_ONLY, "if-none-match": etag})
        other = fresh.get("/graphql", params={"query": STATS}, headers={**JSON_ONLY, "if-none-match": '"x"'})
    for answer in (stored, computed):
        assert (answer.status_code, answer.content, answer.headers["etag"]) == (304, b"", etag)
        assert answer.headers["cache-control"] == "no-cache"
    assert other.status_code == 200 and other.headers["etag"] == etag


def test_not_modified_reads_lists_and_weak_tags() -> None:
    assert not_modified(b'"a"', [b'"b", W/"a"'])
    assert not_modified(b'"a"', [b'"b"', b'"a"'])
    assert not not_modified(b'"a"', [b'"b"'])
    assert not not_modified(b"", [b""])


def test_without_a_cache_requests_go_to_the_view(
    backend: GraphStore, falkor: GraphStore, notice: GraphData, settings: Settings
) -> None:
    reset(falkor, notice)
    with TestClient(create_app(settings.with_(cache_mb=0.0), store=backend)) as client:
        answers = [client.get("/graphql", params={"query": STATS}, headers=JSON_ONLY) for _ in range(2)]
    assert all(a.status_code == 200 and "etag" not in a.headers for a in answers)
