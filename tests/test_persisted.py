"""Persisted queries (graph_api/persisted.py): APQ and the allow-list."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_api.errors import BadUserInput
from graph_api.persisted import (
    PersistedQueries,
    PersistedQueryNotFound,
    PersistedQueryOnly,
    PersistedQueryUnsupported,
    documents_in,
    sha256,
)
from tests.conftest import CONTRACT

QUERY = "{ stats { nodes } }"


def apq(digest: str) -> dict[str, object]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def test_apq_registers_on_the_second_request_and_answers_the_hash_alone() -> None:
    persisted = PersistedQueries("apq")
    with pytest.raises(PersistedQueryNotFound) as info:
        persisted.document(None, apq(sha256(QUERY)))
    assert info.value.message == "PersistedQueryNotFound"
    assert info.value.code == "PERSISTED_QUERY_NOT_FOUND"
    assert persisted.document(QUERY, apq(sha256(QUERY))) == QUERY
    assert persisted.document(None, apq(sha256(QUERY))) == QUERY
    assert persisted.document(QUERY, None) == QUERY  # plain requests as before


def test_a_hash_that_does_not_match_its_document_is_refused() -> None:
    with pytest.raises(BadUserInput, match="provided sha does not match query"):
        PersistedQueries("apq").document(QUERY, apq("0" * 64))
    with pytest.raises(BadUserInput, match="expected 64 hex digits"):
        PersistedQueries("apq").document(None, apq("abc"))


def test_the_allow_list_runs_registered_documents_only() -> None:
    registered = documents_in(CONTRACT)
    stats = (CONTRACT / "stats.graphql").read_text(encoding="utf-8")
    persisted = PersistedQueries("allowlist", registered)
    assert persisted.document(stats, None) == stats
    assert persisted.document(None, apq(sha256(stats))) == stats
    with pytest.raises(PersistedQueryOnly):
        persisted.document(QUERY, None)
    with pytest.raises(PersistedQueryOnly):
        persisted.document(QUERY, apq(sha256(QUERY)))
    assert persisted.document(QUERY, None, admin=True) == QUERY


def test_every_contract_operation_is_registered_as_written_and_as_printed(tmp_path: Path) -> None:
    from graphql import parse, print_ast

    registered = documents_in(CONTRACT)
    for path in CONTRACT.glob("*.graphql"):
        text = path.read_text(encoding="utf-8")
        assert sha256(text) in registered and sha256(print_ast(parse(text))) in registered


def test_off_refuses_hashes() -> None:
    with pytest.raises(PersistedQueryUnsupported):
        PersistedQueries("off").document(None, apq(sha256(QUERY)))
