"""Regions at every level through the API: parent and children (WITHIN), `within` on actor and
activity filters (descendants included), facets by year, level and jurisdiction; both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.settings import Settings
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.protocol import GraphStore
from loaders.notice import build_graph
from loaders.records import GraphData
from tests.conftest import reset
from tests.local_notices import COUNTY_2025, HANGZHOU_2025, ZHEJIANG_2025


def _locals() -> list[GraphData]:
    return [build_graph(text, name) for text, name in ((ZHEJIANG_2025, "zj"), (COUNTY_2025, "dq"), (HANGZHOU_2025, "hz"))]


@pytest.fixture
def client(backend: GraphStore, falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> Iterator[TestClient]:
    reset(falkor, notice, *_locals())
    with TestClient(create_app(settings, store=backend)) as client:
        yield client


def _data(client: TestClient, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = client.post("/graphql", json={"query": query, "variables": variables or {}}).json()
    assert "errors" not in body, body
    return body["data"]  # type: ignore[no-any-return]


def test_regions_know_their_parent_and_children(client: TestClient) -> None:
    query = """query($id: ID!) { node(id: $id) { ... on Region {
      name code parent { name parent { name parent { name } } } children { name code children { name code } } } } }"""
    town = _data(client, query, {"id": "region:德清县武康街道"})["node"]
    assert (town["code"], town["parent"]) == (None, {"name": "德清县", "parent": {"name": "湖州市", "parent": {"name": "浙江省"}}})
    province = _data(client, query, {"id": "region:330000"})["node"]
    assert province["parent"] is None
    assert province["children"] == [
        {"name": "杭州市", "code": "330100", "children": [
            {"name": "余杭区", "code": "330110"}, {"name": "临平区", "code": "330113"},
        ]},
        {"name": "湖州市", "code": "330500", "children": [{"name": "德清县", "code": "330521"}]},
    ]  # fmt: skip


def test_activities_in_a_province_at_any_level_is_one_query(client: TestClient) -> None:
    query = """query($r: ID!) {
      actors(filter: {within: $r}, first: 100) { nodes { id } }
      activities(filter: {within: $r}, first: 100) { totalCount nodes { notice { level } } } }"""
    found = _data(client, query, {"r": "region:330000"})
    assert sorted(a["id"] for a in found["actors"]["nodes"]) == [
        "region:330000", "region:330100", "region:330110", "region:330113", "region:330500", "region:330521",
        "region:德清县武康街道",
    ]  # fmt: skip
    assert found["activities"]["totalCount"] == 6 + 7 + 2 + 4  # 浙江, 杭州, 德清, national ones 浙江省 takes part in
    levels = [a["notice"]["level"] for a in found["activities"]["nodes"]]
    assert {level: levels.count(level) for level in levels} == {"NATIONAL": 4, "PROVINCIAL": 6, "CITY": 7, "COUNTY": 2}
    town = _data(client, query, {"r": "region:德清县武康街道"})
    assert town["activities"]["totalCount"] == 1  # the township runs one; it issues no notice


def test_facets_by_year_level_and_jurisdiction(falkor: FalkorDBStore, notice: GraphData, settings: Settings) -> None:
    # Natively only: the facet statement of a `within` filter is over the ~4 KB request that
    # FalkorDB's Bolt listener survives (docs/DESIGN.md); a real Neo4j has no such limit.
    reset(falkor, notice, *_locals())
    query = """query($r: ID!) { activityFacets(filter: {within: $r}) {
        total byYear { key count } byLevel { key label count } byJurisdiction { key label count } } }"""
    with TestClient(create_app(settings, store=falkor)) as client:
        facets = _data(client, query, {"r": "region:330000"})["activityFacets"]
    assert facets["total"] == 19
    assert facets["byYear"] == [{"key": "2025", "count": 15}, {"key": "2023", "count": 4}]
    assert facets["byLevel"] == [
        {"key": "CITY", "label": "市级", "count": 7},
        {"key": "PROVINCIAL", "label": "省级", "count": 6},
        {"key": "NATIONAL", "label": "全国", "count": 4},
        {"key": "COUNTY", "label": "县级", "count": 2},
    ]
    assert facets["byJurisdiction"] == [
        {"key": "region:330100", "label": "杭州市", "count": 7},
        {"key": "region:330000", "label": "浙江省", "count": 6},
        {"key": "NATIONAL", "label": "全国", "count": 4},
        {"key": "region:330521", "label": "德清县", "count": 2},
    ]
