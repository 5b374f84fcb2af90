"""The loaded notices as a managed collection: listed with what each brought, unloaded one at a
time leaving the others exactly as loading them alone would."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.errors import NotFound
from graph_api.export import prepare
from graph_api.loading import load_graphs
from graph_api.notices import list_notices, unload_notice
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from graph_api.store.repository import GraphRepository
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import CONTRACT, reset
from tests.test_loading import derived_notice

# Contract calls whose answers the unload must leave as loading the 2024 notice alone gives.
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("who_runs", {"types": ["SUPERVISION_SAMPLING"]}),
    ("who_runs", {"text": "监督抽查", "year": 2024}),
    ("actors_by_kind", {"kinds": ["ORGANIZER"], "first": 100}),
    ("search", {"text": "监督抽查", "first": 20}),
    ("search", {"text": "质", "first": 20}),
    ("stats", {}),
    ("notice", {}),
    ("actor", {"id": "organizer:公安部"}),
    ("neighborhood", {"id": "organizer:公安部", "depth": 1, "limit": 30}),  # small: Bolt requests stay under 4 KB
    ("activities", {"filter": {"types": ["ENFORCEMENT"]}, "first": 100}),
]


@pytest.fixture(scope="module")
def derived() -> GraphData:
    return build_graph(derived_notice(), "notice-2024.txt")


def answers(store: GraphStore, settings: Settings) -> list[Any]:
    """Every call's answer and the export without load times (with the search tokens)."""
    with TestClient(create_app(settings, store=store)) as client:
        out: list[Any] = []
        for name, variables in CALLS:
            query = (CONTRACT / f"{name}.graphql").read_text(encoding="utf-8")
            body = client.post("/graphql", json={"query": query, "variables": variables}).json()
            assert "errors" not in body, (name, body)
            out.append(body["data"])
    graph = prepare(*GraphRepository(store).export())
    nodes = sorted(({k: v for k, v in n.items() if k != "loaded_at"} for n in graph.nodes), key=lambda n: n["id"])
    return [*out, nodes, sorted(graph.edges, key=lambda e: e["id"]), graph.internal]


def test_notices_list_what_each_notice_brought(falkor: FalkorDBStore, notice: GraphData, derived: GraphData) -> None:
    reset(falkor, notice, derived)
    found = list_notices(falkor)
    assert [n.id for n in found] == ["notice:2024", "notice:2023"]  # newest first
    for info, data in zip(found, [derived, notice], strict=True):
        assert info.year == int(data.notice_id.split(":")[1])
        assert info.source == data.source_name
        assert info.loaded_at.endswith("+00:00") and info.loaded_at[:2] == "20"
        assert info.nodes == sum(1 for n in data.nodes if n.owner == data.notice_id)
        assert info.edges == len(data.edges)
        assert info.activities == sum(1 for n in data.nodes if n.label == "Activity")
        assert info.issuer == "市场监管总局" and len(info.issuers) > 10
    assert found[1].source == "quality-month-2023.txt"
    assert found[0].as_json()["issuer"] == "市场监管总局"


def test_unload_leaves_the_other_notice_as_if_loaded_alone(
    backend: GraphStore, falkor: FalkorDBStore, notice: GraphData, derived: GraphData, settings: Settings
) -> None:
    reset(falkor, derived)
    alone = answers(backend, settings)
    reset(falkor, notice, derived)
    both = answers(backend, settings)
    assert both != alone
    removed = unload_notice(backend, "2023")  # by year; the unload runs through the adapter under test
    assert removed.id == "notice:2023"
    assert answers(backend, settings) == alone
    assert [n.id for n in list_notices(backend)] == ["notice:2024"]


def test_unload_keeps_shared_nodes_another_notice_uses(falkor: FalkorDBStore, notice: GraphData) -> None:
    older = build_graph(derived_notice().replace("2024", "2022"), "notice-2022.txt")
    reset(falkor, notice, older)
    repo = GraphRepository(falkor)
    unload_notice(falkor, "notice:2022")
    assert repo.nodes(["organizer:市场监管总局", "region:310000"]).keys() == {"organizer:市场监管总局", "region:310000"}
    unload_notice(falkor, "notice:2023")
    assert repo.is_empty() and repo.stats()[:2] == (0, 0)
    assert repo.search("监督抽查", 5) == [] and repo.search("上海市", 5) == []


def test_unload_of_an_unknown_notice_changes_nothing(falkor: FalkorDBStore, notice: GraphData) -> None:
    reset(falkor, notice)
    before = GraphRepository(falkor).meta()
    with pytest.raises(NotFound, match=r"no loaded notice 'notice:1999' \(loaded: notice:2023\)"):
        unload_notice(falkor, "notice:1999")
    assert GraphRepository(falkor).meta() == before


def test_a_load_replaces_only_the_notice_with_its_id(
    falkor: FalkorDBStore, notice: GraphData, derived: GraphData, settings: Settings
) -> None:
    reset(falkor, notice, derived)
    before = answers(falkor, settings)
    load_graphs(falkor, [derived])  # reload 2024: 2023 and the rest stay as they were
    assert answers(falkor, settings) == before
