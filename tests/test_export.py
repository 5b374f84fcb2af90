"""Every export format round-trips with the node and edge counts of `stats`."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from graph_api.export import cypher_literal, prepare, render
from graph_api.store.embedded import Endpoint
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from tests.conftest import reset


@pytest.fixture(scope="module")
def exported(falkor: FalkorDBStore, notice: GraphData):  # type: ignore[no-untyped-def]
    reset(falkor, notice)
    repo = GraphRepository(falkor)
    nodes, edges, _ = repo.stats()
    return prepare(*repo.export()), nodes, edges


def test_graphml_opens_in_networkx(exported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph, nodes, edges = exported
    path = tmp_path / "g.graphml"
    path.write_bytes(render(graph, "graphml"))
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)
    assert g.nodes["region:310000"]["code"] == "310000" and g.nodes["region:310000"]["kind"] == "REGION"
    assert json.loads(g.nodes["organizer:市场监管总局"]["aliases"])[0] == "国家市场监督管理总局"
    runs = [d for _, t, d in g.in_edges("activity:2023:附件1/九/1", data=True) if d["type"] == "RUNS"]
    assert sorted(d["role"] for d in runs) == ["LEAD", "SUPPORT"]


def test_json_is_cytoscape_elements(exported) -> None:  # type: ignore[no-untyped-def]
    graph, nodes, edges = exported
    doc = json.loads(render(graph, "json"))
    assert (len(doc["nodes"]), len(doc["edges"])) == (nodes, edges)
    ids = {n["data"]["id"] for n in doc["nodes"]}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in doc["edges"])
    assert len({e["data"]["id"] for e in doc["edges"]}) == edges


def test_csv_zip_has_nodes_and_edges(exported) -> None:  # type: ignore[no-untyped-def]
    graph, nodes, edges = exported
    with zipfile.ZipFile(io.BytesIO(render(graph, "csv"))) as z:
        node_rows = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8-sig"))))
        edge_rows = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8-sig"))))
    assert (len(node_rows), len(edge_rows)) == (nodes, edges)
    shanghai = next(r for r in node_rows if r["id"] == "region:310000")
    assert (shanghai["label"], shanghai["kind"], shanghai["name"]) == ("Region", "REGION", "上海市")
    assert json.loads(shanghai["properties"])["code"] == "310000"


def test_cypher_recreates_the_graph(exported, server) -> None:  # type: ignore[no-untyped-def]
    graph, nodes, edges = exported
    target = FalkorDBStore(Endpoint(unix_socket=server.endpoint.unix_socket), graph_name="reimport")
    g = target._db.select_graph("reimport")
    for statement in render(graph, "cypher").decode().splitlines():
        if statement and not statement.startswith("//"):
            g.query(statement.rstrip(";"))
    assert GraphRepository(target).stats()[:2] == (nodes, edges)
    again = prepare(*GraphRepository(target).export())
    assert {n["id"]: n for n in again.nodes}["region:310000"] == {n["id"]: n for n in graph.nodes}["region:310000"]
    g.delete()


def test_cypher_literals_escape() -> None:
    assert cypher_literal("它's \\ “引号”\n") == "'它\\'s \\\\ “引号”\\n'"
    assert cypher_literal({"a": [1, True, None]}) == "{`a`: [1, true, null]}"


def test_standards_are_exported_with_their_relation(exported) -> None:  # type: ignore[no-untyped-def]
    graph, _, _ = exported
    standard = next(n for n in graph.nodes if n["id"] == "standard:首席质量官评价规范")
    assert (standard["label"], standard["kind"], standard["level"]) == ("Standard", "STANDARD", "LOCAL")
    applies = [e for e in graph.edges if e["target"] == standard["id"]]
    assert [(e["source"], e["type"]) for e in applies] == [("activity:2023:附件3/九/2", "APPLIES")]
    assert "CREATE (n:Entity:Standard)" in render(graph, "cypher").decode()
