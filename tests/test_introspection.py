"""Introspection is bounded on its own terms: the standard queries answer at default settings,
hostile ones are refused before execution, and ``QGRAPH_INTROSPECTION`` still closes it."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from graphql import build_client_schema, get_introspection_query, parse
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.errors import LimitExceeded
from graph_api.introspection import MAX_INTROSPECTION_DEPTH, STANDARD_QUERIES_ALLOWED, STANDARD_QUERY, list_sizes
from graph_api.limits import DocumentCheck, introspection_allowance
from graph_api.schema import build_schema
from graph_api.settings import Settings
from graph_api.store.embedded import free_port
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import ROOT, reset
from tests.processes import serve, stop

SCHEMA = build_schema(Settings())._schema
# graphql-core's full query as the issue names it (graphql-js's default is the same shape).
FULL = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
)

# The standard query's fragments (FullType, InputValue, TypeRef), to build variants of it.
FRAGMENTS = STANDARD_QUERY[STANDARD_QUERY.index("fragment FullType") :]

# Fields of the fields' types, four lists deep: types × fields⁴ (three deep is about the cost of
# the standard query, and cheap to answer).
RECURSIVE = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }"


def of_type(levels: int) -> str:
    """`__schema { types { fields { type { ofType { … name } } } } }`, ``levels`` ofType deep."""
    inner = "name"
    for _ in range(levels):
        inner = f"ofType {{ {inner} }}"
    return f"{{ __schema {{ types {{ fields {{ type {{ {inner} }} }} }} }} }}"


def refused(query: str) -> LimitExceeded:
    with pytest.raises(LimitExceeded) as caught:
        DocumentCheck(SCHEMA, Settings(), None).check(parse(query))
    return caught.value


@pytest.fixture(scope="module")
def client(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> Iterator[TestClient]:
    """The app at its default limits over the bundled notice."""
    reset(falkor, notice)
    with TestClient(create_app(settings, store=falkor)) as app:
        yield app


def post(client: TestClient, query: str, **headers: str) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text[:300]
    body: dict[str, Any] = response.json()
    return body


def test_full_standard_query_answers_at_default_settings(client: TestClient) -> None:
    body = post(client, FULL)
    assert "errors" not in body, body.get("errors")
    schema = build_client_schema(body["data"])
    assert schema.get_type("Activity") is not None and schema.get_type("PageInfo") is not None
    # the widest variant too (oneOf on, as graphql-js can send it)
    assert "errors" not in post(client, STANDARD_QUERY)


def test_introspection_is_measured_apart_from_data() -> None:
    measure = DocumentCheck(SCHEMA, Settings(), None).check(parse(FULL))
    # __schema types fields args type, then nine ofType and their name
    assert (measure.depth, measure.cost, measure.meta_depth) == (0, 0, 15)
    assert measure.meta_cost <= introspection_allowance(SCHEMA) // STANDARD_QUERIES_ALLOWED
    # data and introspection in one document: each against its own limits
    mixed = DocumentCheck(SCHEMA, Settings(), None).check(parse("{ stats { nodes } __type(name: \"Actor\") { name } }"))
    assert (mixed.depth, mixed.cost, mixed.meta_depth, mixed.meta_cost) == (2, 2, 2, 2)


def test_introspection_lists_count_at_the_schema_sizes() -> None:
    sizes = list_sizes(SCHEMA)
    assert sizes["types"] == len(SCHEMA.type_map) and sizes["directives"] == len(SCHEMA.directives)
    assert sizes["fields"] == max(len(t.fields) for t in SCHEMA.type_map.values() if hasattr(t, "interfaces"))
    measure = DocumentCheck(SCHEMA, Settings(), None).check(parse("{ __schema { types { fields { name } } } }"))
    assert measure.meta_cost == 1 + 1 + sizes["types"] * (1 + sizes["fields"] * 1)


def test_deep_of_type_chains_are_refused_with_their_depth() -> None:
    # 14 ofType levels (typeDepth 14) still answer: ofType is not a list
    assert DocumentCheck(SCHEMA, Settings(), None).check(parse(of_type(14))).meta_depth == 19
    error = refused(of_type(50))
    assert error.details == {"limit": "INTROSPECTION_DEPTH", "value": 55, "maximum": MAX_INTROSPECTION_DEPTH}
    assert "introspection depth 55 exceeds the limit of 20" in error.message
    # past the walk's ceiling: counted without recursion, still the true depth
    assert refused(of_type(150)).details["value"] == 155


def test_recursive_and_repeated_introspection_go_over_the_allowance() -> None:
    assert refused(RECURSIVE).details["limit"] == "INTROSPECTION_COST"
    # three copies of the standard query's types, where two are allowed
    aliased = "{ " + " ".join(f"s{i}: __schema {{ types {{ ...FullType }} }}" for i in range(3)) + " }"
    error = refused(aliased + FRAGMENTS)
    assert error.details["limit"] == "INTROSPECTION_COST"
    assert error.details["maximum"] == introspection_allowance(SCHEMA)


@pytest.mark.parametrize(
    "query",
    [
        of_type(50),
        RECURSIVE,
        "{ " + " ".join(f"s{i}: __schema {{ types {{ ...FullType }} }}" for i in range(30)) + " }" + FRAGMENTS,
    ],
    ids=["ofType 50 deep", "recursive fields", "30 aliases of the full __schema"],
)
def test_hostile_introspection_is_refused_fast_over_http(client: TestClient, query: str) -> None:
    start = time.perf_counter()
    body = post(client, query)
    elapsed = time.perf_counter() - start
    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["LIMIT_EXCEEDED"]
    assert elapsed < 2, f"{elapsed:.2f} s"


def test_closed_introspection_refuses_the_full_query(falkor: FalkorDBStore, settings: Settings) -> None:
    with TestClient(create_app(settings.with_(introspection="off"), store=falkor)) as c:
        [error] = post(c, FULL)["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    admin = settings.with_(introspection="admin", admin_token="s3cret")
    with TestClient(create_app(admin, store=falkor)) as c:
        assert post(c, FULL)["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        body = post(c, FULL, authorization="Bearer s3cret")
    assert "errors" not in body and build_client_schema(body["data"]).get_type("Activity") is not None


def test_graphiql_docs_panel_finds_a_type(tmp_path: Path) -> None:
    """GraphiQL at /graphql, in headless Chromium against a default `qgraph serve`: its
    Documentation Explorer loads the schema and opens the type searched for."""
    node, chromium = shutil.which("node"), shutil.which("chromium") or "/usr/bin/chromium"
    assert node and Path(chromium).exists(), "make test installs node packages and Debian's chromium"
    port = free_port()
    proc = serve(tmp_path / "data", port)
    try:
        result = subprocess.run(
            [node, str(ROOT / "js" / "graphiql-docs-e2e.mjs"), f"http://127.0.0.1:{port}", "Activity", chromium],
            capture_output=True, text=True, timeout=180, cwd=ROOT,
        )  # fmt: skip
    finally:
        stop(proc)
    assert result.returncode == 0, (result.stdout[-3000:], result.stderr[-2000:])
    report = json.loads(result.stdout)
    assert report["errors"] == [] and report["outside"] == []
    assert report["introspection"] == [{"status": 200, "errors": None, "types": len(SCHEMA.type_map)}]
    assert report["rootTypes"] == ["query"] and report["options"]
    assert report["title"] == "Activity"
    assert report["content"].startswith("One atomic action read from an annex")
    assert "participants: [Participant!]!" in report["content"]
