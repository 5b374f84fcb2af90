"""Each request limit with a request just under it and one just over; the check is linear."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from graphql import parse

from graph_api.errors import BadUserInput, LimitExceeded
from graph_api.limits import DocumentCheck, Measure
from graph_api.schema import build_schema
from graph_api.security import BadRequest, loads
from graph_api.settings import Settings, load_settings
from graph_api.store.params import check_params

SETTINGS = Settings()
SCHEMA = build_schema(SETTINGS)._schema


def measure(query: str, variables: dict[str, Any] | None = None, **limits: Any) -> Measure:
    return DocumentCheck(SCHEMA, SETTINGS.with_(**limits), variables).check(parse(query))


def refused(query: str, variables: dict[str, Any] | None = None, **limits: Any) -> LimitExceeded:
    with pytest.raises(LimitExceeded) as caught:
        measure(query, variables, **limits)
    return caught.value


def nest(levels: int) -> str:
    """`levels` nested fields: actors → nodes → partners → partners … → id."""
    inner = "id"
    for _ in range(levels - 3):
        inner = f"partners {{ {inner} }}"
    return f"{{ actors(first: 1) {{ nodes {{ {inner} }} }} }}"


def test_depth_just_under_and_over() -> None:
    assert measure(nest(10), max_cost=10**20).depth == 10
    error = refused(nest(11), max_cost=10**20)
    assert error.details == {"limit": "QGRAPH_MAX_DEPTH", "value": 11, "maximum": 10}
    assert "query depth 11 exceeds the limit of 10" in error.message


def test_depth_error_names_the_true_depth() -> None:
    error = refused(nest(40), max_cost=10**20)
    assert error.details == {"limit": "QGRAPH_MAX_DEPTH", "value": 40, "maximum": 10}
    assert "query depth 40 exceeds" in error.message
    # deeper than the walk follows (fragments chained past the parser's nesting limit)
    chain = " ".join(f"fragment F{i} on Actor {{ partners {{ ...F{i + 1} }} }}" for i in range(150))
    deep = "{ actors(first: 1) { nodes { ...F0 } } } " + chain + " fragment F150 on Actor { id }"
    assert refused(deep).details["value"] == 2 + 150 + 1


def test_aliases_just_under_and_over() -> None:
    def aliased(n: int) -> str:
        return "{ " + " ".join(f"a{i}: stats {{ nodes }}" for i in range(n)) + " }"

    assert measure(aliased(30)).aliases == 30
    assert refused(aliased(31)).details["limit"] == "QGRAPH_MAX_ALIASES"


def test_cost_counts_pages_lists_and_defaults() -> None:
    # actors(first: 7): the connection, its totalCount, and nodes holding 7 × (name + kind)
    assert measure("{ actors(first: 7) { totalCount nodes { name kind } } }").cost == 1 + 1 + 1 + 7 * 2
    # no `first`: QGRAPH_DEFAULT_PAGE (20); a variable counts at its value
    assert measure("{ actors { nodes { id } } }").cost == 1 + 1 + 20 * 1
    # backwards pages count at `last`
    assert measure("{ actors(last: 7) { nodes { id } } }").cost == 1 + 1 + 7 * 1
    assert measure("query($n: Int){ actors(first: $n) { edges { cursor node { id } } } }", {"n": 3}).cost == 1 + 1 + 3 * 3
    # a plain list field: QGRAPH_COST_LIST_SIZE (10); partners: 100
    assert measure('{ activity(id: "a") { participants { role } } }').cost == 1 + 1 + 10 * 1
    assert measure('{ node(id: "a") { ... on Actor { partners { id } } } }').cost == 1 + 1 + 100 * 1
    # nodes(ids): the number of ids
    assert measure('{ nodes(ids: ["a", "b", "c"]) { id } }').cost == 1 + 3 * 1
    # a variable's declared default counts when it is not sent
    assert measure("query($n: Int = 50){ actors(first: $n) { nodes { id } } }").cost == 1 + 1 + 50 * 1
    # a negative `first` counts as an empty page, never against a sibling's cost
    assert measure("{ a: actors(first: -1000) { nodes { id } } b: stats { nodes } }").cost == (1 + 1 + 0) + (1 + 1)


def test_cost_just_under_and_over() -> None:
    query = "{ actors(first: 100) { nodes { activities(first: 100) { nodes { id } } } } }"
    cost = 1 + 1 + 100 * (1 + 1 + 100 * 1)
    assert measure(query, max_cost=cost).cost == cost
    error = refused(query, max_cost=cost - 1)
    assert error.details == {"limit": "QGRAPH_MAX_COST", "value": cost, "maximum": cost - 1}
    assert f"query cost {cost} exceeds the limit of {cost - 1}" in error.message


def doubling(levels: int, leaf: str = "__typename") -> str:
    parts = [f"fragment X0 on Query {{ {leaf} }}"]
    parts += [f"fragment X{i} on Query {{ ...X{i - 1} ...X{i - 1} }}" for i in range(1, levels + 1)]
    return f"{{ ...X{levels} }} " + " ".join(parts)


def test_fragments_are_measured_once_and_count_at_each_spread(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph_api.limits

    monkeypatch.setattr(graph_api.limits, "MAX_SAME_FIELD", 10**30)  # measure cost and aliases alone
    assert measure(doubling(10)).cost == 2**10
    start = time.perf_counter()
    error = refused(doubling(60))
    assert error.details["value"] == 2**60
    assert time.perf_counter() - start < 2  # 2^60 spreads walked once each would never end
    assert refused(doubling(5, "a: __typename")).details == {"limit": "QGRAPH_MAX_ALIASES", "value": 32, "maximum": 30}


def test_same_field_repeated_just_under_and_over() -> None:
    measure("{" + " stats { nodes }" * 10 + "}")
    error = refused("{" + " stats { nodes }" * 11 + "}")
    assert error.details == {"argument": "stats", "limit": "MAX_SAME_FIELD", "maximum": 10}
    # counted through inline fragments and fragment spreads, as validation merges them
    assert refused("{" + " ... on Query { stats { nodes } }" * 11 + "}").details["argument"] == "stats"
    spreads = "{" + " ".join(f"...F{i}" for i in range(11)) + "} "
    assert refused(spreads + " ".join(f"fragment F{i} on Query {{ stats {{ nodes }} }}" for i in range(11)))
    measure(doubling(3))  # 8 copies of __typename
    start = time.perf_counter()
    assert refused(doubling(60)).details["limit"] == "MAX_SAME_FIELD"
    assert time.perf_counter() - start < 2


def test_fragment_cycles_and_unknown_names_are_left_to_validation() -> None:
    assert measure("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }").cost == 0
    assert measure("{ ...Missing nope }").cost == 1


def test_string_length_just_under_and_over() -> None:
    query = "query($t: String!){ search(text: $t) { score } }"
    measure(query, {"t": "质" * 1000})
    error = refused(query, {"t": "质" * 1001})
    assert error.details["limit"] == "QGRAPH_MAX_STRING" and "1001 characters" in error.message
    measure('{ search(text: "%s") { score } }' % ("a" * 1000))
    assert refused('{ search(text: "%s") { score } }' % ("a" * 1001)).details["argument"] == "text"


def test_list_length_just_under_and_over() -> None:
    query = "query($f: ActorFilter){ actors(filter: $f) { totalCount } }"
    measure(query, {"f": {"nameFilter": {"in": ["x"] * 100}}})
    error = refused(query, {"f": {"nameFilter": {"in": ["x"] * 101}}})
    assert error.details["limit"] == "QGRAPH_MAX_LIST" and "101 items" in error.message


def test_filter_width_just_under_and_over() -> None:
    query = "query($f: ActorFilter){ actors(filter: $f) { totalCount } }"
    measure(query, {"f": {"OR": [{"name": "x"}] * 20}})
    error = refused(query, {"f": {"OR": [{"name": "x"}] * 21}})
    assert error.details == {"argument": "OR", "limit": "QGRAPH_FILTER_WIDTH", "maximum": 20}
    literal = "{ actors(filter: {AND: [%s]}) { totalCount } }"
    measure(literal % ", ".join(["{name: \"x\"}"] * 20))
    assert refused(literal % ", ".join(["{name: \"x\"}"] * 21)).details["argument"] == "AND"


def test_filter_hops_just_under_and_over() -> None:
    query = "query($f: ActorFilter){ actors(filter: $f) { totalCount } }"
    two = {"activities": {"some": {"participants": {"all": {"kinds": ["REGION"]}}}}}
    measure(query, {"f": two})
    three = {"activities": {"some": {"participants": {"all": {"runs": {"types": ["OTHER"]}}}}}}
    error = refused(query, {"f": three})
    assert error.details == {"argument": "runs", "limit": "QGRAPH_FILTER_HOPS", "maximum": 2}
    # the same bound when the filter is written in the document, around a variable
    mixed = "query($inner: ActivityFilter){ actors(filter: {runs: {participants: {some: {runs: $inner}}}}) { totalCount } }"
    assert refused(mixed, {"inner": {"types": ["OTHER"]}}).details["argument"] == "runs"


def test_input_depth_just_under_and_over() -> None:
    query = "query($f: ActorFilter){ actors(filter: $f) { totalCount } }"

    def negated(levels: int) -> dict[str, Any]:
        inner: dict[str, Any] = {"name": "x"}
        for _ in range(levels - 1):
            inner = {"NOT": inner}
        return inner

    measure(query, {"f": negated(10)})
    assert refused(query, {"f": negated(11)}).details["limit"] == "QGRAPH_MAX_INPUT_DEPTH"


def test_input_size_just_under_and_over() -> None:
    query = "query($a: ActorFilter, $b: ActorFilter){ a: actors(filter: $a) { totalCount } b: actors(filter: $b) { totalCount } }"
    names = {"nameFilter": {"in": ["x"] * 97}}  # 1 + 1 + 1 + 97 values
    measure(query, {"a": names, "b": names}, max_input_size=200)
    assert refused(query, {"a": names, "b": names}, max_input_size=199).details["limit"] == "QGRAPH_MAX_INPUT_SIZE"


def test_unused_variables_are_bounded_too() -> None:
    measure("{ __typename }", {"pad": ["x"] * 100})
    assert refused("{ __typename }", {"pad": ["x"] * 101}).details["limit"] == "QGRAPH_MAX_LIST"
    assert refused("{ __typename }", {"pad": "x" * 1001}).details["limit"] == "QGRAPH_MAX_STRING"


def test_number_literals_of_any_length_are_refused_without_conversion() -> None:
    measure("{ actors(first: %s) { totalCount } }" % ("1" + "0" * 39))
    with pytest.raises(BadUserInput, match="a number of 41 characters"):
        measure("{ actors(first: %s) { totalCount } }" % ("9" * 41))


def test_strict_json_bodies() -> None:
    assert loads(b'{"query": "{ a }", "variables": {"n": 1e3, "m": -12}}') == {
        "query": "{ a }", "variables": {"n": 1000.0, "m": -12}
    }
    assert loads(json.dumps({"n": int("9" * 40)}).encode()) == {"n": int("9" * 40)}
    for bad, reason in [
        (json.dumps({"n": int("9" * 41)}).encode(), "41 digits"),
        (b"\xff", "not UTF-8"),
        (b"[" * 5000, "too deep"),
        (b'{"n": NaN}', "NaN is not JSON"),
        (b'{"n": 1e999}', "out of range"),
        (b"{", "not JSON"),
    ]:
        with pytest.raises(BadRequest, match=reason):
            loads(bad)


def test_store_parameters_refuse_nul_and_lone_surrogates() -> None:
    check_params({"ids": ["region:310000", "活动"], "q": {"x": [1, None]}})
    with pytest.raises(BadUserInput, match="'ids' contains a NUL character") as caught:
        check_params({"ids": ["ok", "a\x00"]})
    assert caught.value.details == {"argument": "ids"}
    with pytest.raises(BadUserInput, match="'text' contains a lone surrogate"):
        check_params({"text": "\udc80"})


def test_limit_settings_are_read_from_the_environment() -> None:
    s = load_settings({"QGRAPH_MAX_COST": "7", "QGRAPH_REQUEST_TIMEOUT": "0.5", "QGRAPH_FILTER_HOPS": "4",
                       "QGRAPH_INTROSPECTION": "admin", "QGRAPH_METRICS": "OFF", "QGRAPH_MAX_BODY": "1000"})
    assert (s.max_cost, s.request_timeout, s.max_filter_hops, s.introspection, s.metrics, s.max_body) == (
        7, 0.5, 4, "admin", "off", 1000
    )
    with pytest.raises(Exception, match="QGRAPH_INTROSPECTION"):
        load_settings({"QGRAPH_INTROSPECTION": "maybe"})
