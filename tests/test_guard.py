"""The per-document verdict memo of the request guard: same verdicts as computing them anew,
kept once per (document, variables), bounded in entries and in key text."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph_api import guard
from graph_api.errors import QGraphError
from graph_api.guard import CALLER_IS_ADMIN, Verdict, Verdicts
from graph_api.schema import build_schema
from graph_api.settings import Settings

TYPENAME = "{ __typename }"
OVER_COST = "query($n: Int!) { actors(first: $n) { nodes { id partners { id partners { id } } } } }"
INVALID = "{ nosuchfield }"
INTROSPECTION = "{ __schema { queryType { name } } }"


def errors_of(schema: Any, query: str, variables: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """(code, message) of each error found before execution: validation's and the guard's. A
    document that passes is executed without a store (asynchronously: ``execute_sync`` would
    leave graphql-core's coroutine for an async field unawaited); the errors of that execution
    are left out."""
    result = asyncio.run(schema.execute(query, variable_values=variables))
    out = []
    for error in result.errors or []:
        original = error.original_error
        if original is None or isinstance(original, QGraphError):
            out.append((getattr(original, "code", "GRAPHQL_VALIDATION_FAILED"), error.message))
    return out


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents the guard judged (computed, not taken from the memo)."""
    judged: list[str] = []
    judge = guard.RequestLimits.judge

    def spy(self: guard.RequestLimits, schema: Any, document: Any, variables: Any, rules: Any) -> Verdict:
        judged.append(self.execution_context.query or "")
        return judge(self, schema, document, variables, rules)

    monkeypatch.setattr(guard.RequestLimits, "judge", spy)
    return judged


def test_repeated_documents_are_judged_once_with_the_same_verdict(counted: list[str]) -> None:
    schema = build_schema(Settings())
    over = {"n": 1000}
    first = [errors_of(schema, q, v) for q, v in ((TYPENAME, None), (OVER_COST, over), (INVALID, None))]
    again = [errors_of(schema, q, v) for q, v in ((TYPENAME, None), (OVER_COST, over), (INVALID, None))]
    assert again == first
    assert first[0] == []
    assert first[1][0][0] == "LIMIT_EXCEEDED" and "QGRAPH_MAX_COST" in first[1][0][1]
    assert first[2] == [("GRAPHQL_VALIDATION_FAILED", "Cannot query field 'nosuchfield' on type 'Query'.")]
    assert counted == [TYPENAME, OVER_COST, INVALID]


def test_variables_are_part_of_the_key(counted: list[str]) -> None:
    schema = build_schema(Settings())
    assert errors_of(schema, OVER_COST, {"n": 1000})[0][0] == "LIMIT_EXCEEDED"
    assert not any(code == "LIMIT_EXCEEDED" for code, _ in errors_of(schema, OVER_COST, {"n": 1}))
    assert counted == [OVER_COST, OVER_COST]


def test_introspection_is_decided_per_caller_from_one_verdict(counted: list[str]) -> None:
    schema = build_schema(Settings(introspection="admin"))
    assert [code for code, _ in errors_of(schema, INTROSPECTION)] == ["FORBIDDEN"]
    token = CALLER_IS_ADMIN.set(True)
    try:
        assert errors_of(schema, INTROSPECTION) == []
    finally:
        CALLER_IS_ADMIN.reset(token)
    assert [code for code, _ in errors_of(schema, INTROSPECTION)] == ["FORBIDDEN"]
    assert counted == [INTROSPECTION]


def test_each_schema_keeps_its_own_verdicts(counted: list[str]) -> None:
    strict, loose = build_schema(Settings(max_cost=10)), build_schema(Settings())
    assert errors_of(strict, OVER_COST, {"n": 5})[0][0] == "LIMIT_EXCEEDED"
    assert not any(code == "LIMIT_EXCEEDED" for code, _ in errors_of(loose, OVER_COST, {"n": 5}))


def test_entries_are_bounded_least_recently_used_first() -> None:
    memo = Verdicts(max_entries=2)
    ok = Verdict((), False)
    a, b, c = (Verdicts.key(q, None) for q in ("{ a }", "{ b }", "{ c }"))
    memo.put(a, ok)
    memo.put(b, ok)
    assert memo.get(a) is ok  # a is now the most recently used
    memo.put(c, ok)
    assert (memo.get(a), memo.get(b), memo.get(c)) == (ok, None, ok)
    assert len(memo) == 2
    assert memo.chars == len("{ a }") + len("{ c }") + 2 * len("{}")


def test_key_text_is_bounded() -> None:
    memo = Verdicts(max_entries=100, max_chars=30)
    ok = Verdict((), False)
    memo.put(Verdicts.key("x" * 40, None), ok)  # larger than the whole memo: not kept
    assert len(memo) == 0
    for q in ("{ a1 }", "{ a2 }", "{ a3 }", "{ a4 }", "{ a5 }"):
        memo.put(Verdicts.key(q, None), ok)
    assert memo.chars <= 30
    assert len(memo) == 3
    assert memo.get(Verdicts.key("{ a5 }", None)) is ok
    assert memo.get(Verdicts.key("{ a1 }", None)) is None


def test_variables_key_is_canonical() -> None:
    assert Verdicts.key("q", {"b": 1, "a": [1, "两"]}) == Verdicts.key("q", {"a": [1, "两"], "b": 1})
    assert Verdicts.key("q", {"n": 1}) != Verdicts.key("q", {"n": 1.0})
    assert Verdicts.key("q", None) == Verdicts.key("q", {})
