"""Fuzzing the live app in-process (hypothesis-graphql over the real schema and store).

A bounded number of examples with a fixed seed (``derandomize``), so `make test` is repeatable:
valid and invalid queries generated from the schema, contract operations with arbitrary JSON
variables (NUL, lone surrogates, huge numbers, deep nesting), and arbitrary bodies. Every answer
must be below 500, carry ``extensions.code`` on each error, and show no internals.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import hypothesis_graphql
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.schema import schema_sdl
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from loaders.records import GraphData
from tests.conftest import CONTRACT, reset
from tests.test_security import assert_no_leak


def fuzz(examples: int) -> settings:
    """Bounded, fixed-seed settings for one fuzz test."""
    return settings(BASE, max_examples=examples)


BASE = settings(
    derandomize=True,  # a fixed seed: the same examples on every run and machine
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
OPERATIONS = sorted(CONTRACT.glob("*.graphql"))
UNSTORABLE = ["\x00", "\ud800", "\udfff"]
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec=None), max_size=40)  # NUL and lone surrogates included
    | st.sampled_from(["region:310000", "organizer:市场监管总局", "SUPERVISION_SAMPLING", "监督抽查", *UNSTORABLE]),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6),
    max_leaves=30,
)


@pytest.fixture(scope="module")
def client(falkor: FalkorDBStore, notice: GraphData, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    reset(falkor, notice)
    app_settings = Settings(data_dir=tmp_path_factory.mktemp("unused"), load_if_empty=False)
    with TestClient(create_app(app_settings, store=falkor)) as c:
        yield c


def check(response: Any) -> None:
    """No server error; JSON with data or coded errors; nothing internal in the text."""
    assert response.status_code < 500, response.text[:500]
    body = response.json()
    assert isinstance(body, dict) and ("data" in body or "errors" in body), body
    for error in body.get("errors") or []:
        assert error["extensions"]["code"], error
        assert error["extensions"]["code"] not in {"INTERNAL", "STORE_ERROR"}, error  # input never breaks the store
    assert_no_leak(response.text)


def post(client: TestClient, payload: dict[str, Any]) -> Any:
    content = json.dumps(payload).encode()  # ensure_ascii: lone surrogates travel as \ud800
    return client.post("/graphql", content=content, headers={"content-type": "application/json"})


@fuzz(250)
@given(
    query=st.one_of(
        hypothesis_graphql.from_schema(schema_sdl(), mode=hypothesis_graphql.Mode.POSITIVE),
        hypothesis_graphql.from_schema(schema_sdl(), mode=hypothesis_graphql.Mode.NEGATIVE),
    )
)
def test_generated_queries(client: TestClient, query: str) -> None:
    check(post(client, {"query": query}))


def _variables(text: str) -> list[str]:
    """The variable names an operation declares."""
    header = text.split("{", 1)[0]
    return [part.split(":", 1)[0].strip() for part in header.split("$")[1:]]


CONTRACT_OPERATIONS = [(p.read_text(encoding="utf-8"), _variables(p.read_text(encoding="utf-8"))) for p in OPERATIONS]
HOSTILE_TEXT = st.one_of(
    st.text(alphabet=st.characters(codec=None), max_size=20),
    st.builds(lambda a, b, c: a + b + c, st.sampled_from(["region:", "监督", ""]), st.sampled_from(UNSTORABLE), st.text(max_size=5)),
)
CALLS = st.sampled_from(CONTRACT_OPERATIONS).flatmap(
    lambda op: st.tuples(st.just(op[0]), st.fixed_dictionaries({name: HOSTILE_TEXT | JSON_VALUES for name in op[1]}))
)


@fuzz(250)
@given(call=CALLS)
def test_contract_operations_with_arbitrary_variables(client: TestClient, call: tuple[str, dict[str, Any]]) -> None:
    query, variables = call
    check(post(client, {"query": query, "variables": variables}))


@fuzz(150)
@given(raw=st.binary(max_size=200) | JSON_VALUES.map(lambda v: json.dumps(v).encode()))
def test_arbitrary_bodies(client: TestClient, raw: bytes) -> None:
    check(client.post("/graphql", content=raw, headers={"content-type": "application/json"}))
