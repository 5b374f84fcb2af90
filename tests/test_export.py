"""Every export format round-trips with the node and edge counts of `stats`; the Cypher
export replayed into an empty graph answers every contract operation as the original does."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.export import cypher_literal, prepare, render, to_cypher
from graph_api.schema.paging import encode_cursor
from graph_api.settings import Settings
from graph_api.store.embedded import EmbeddedServer, Endpoint
from graph_api.store.falkordb_store import FalkorDBStore
from graph_api.store.repository import GraphRepository
from loaders.records import GraphData
from tests.conftest import CONTRACT, ROOT, reset

# Variables for each contract operation (contract/*.graphql): every file is called at least once.
CONTRACT_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("activities", {"filter": {"types": ["SUPERVISION_SAMPLING"]}, "first": 5}),
    ("activities", {"filter": {"text": "质量 提升"}, "first": 3}),
    ("actor", {"id": "organizer:市场监管总局"}),
    ("actor", {"id": "region:310000"}),
    ("find_actor", {"name": "国家市场监督管理总局"}),
    ("implementations", {"year": 2023}),
    ("neighborhood", {"id": "region:310000", "depth": 2, "limit": 50}),
    ("notice", {}),
    ("notice", {"year": 2023}),
    ("path", {"from": "region:310000", "to": "organizer:公安部"}),
    ("search", {"text": "监督抽查", "first": 10}),
    ("search", {"text": "质", "first": 5}),
    ("search", {"text": "质量月 上海", "first": 10}),
    ("stats", {}),
    ("who_runs", {"types": ["SUPERVISION_SAMPLING"]}),
    ("who_runs", {"text": "监督抽查"}),
    ("actors_by_kind", {"kinds": ["REGION"], "first": 10}),
    ("actors_by_kind", {"kinds": ["ORGANIZER"], "first": 5, "after": encode_cursor(4)}),
]


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


def replay(store: FalkorDBStore, script: bytes) -> int:
    """Run an export statement by statement (as cypher-shell would); the number run."""
    graph = store._db.select_graph(store.graph_name)
    count = 0
    for statement in script.decode().splitlines():
        if statement and not statement.startswith("//"):
            graph.query(statement.rstrip(";"))
            count += 1
    return count


@pytest.fixture
def replayed(exported, server: EmbeddedServer) -> Iterator[FalkorDBStore]:  # type: ignore[no-untyped-def]
    target = FalkorDBStore(Endpoint(unix_socket=server.endpoint.unix_socket), graph_name="replayed")
    replay(target, render(exported[0], "cypher"))
    yield target
    target._db.select_graph("replayed").delete()


def _answers(store: FalkorDBStore, settings: Settings) -> list[Any]:
    with TestClient(create_app(settings, store=store)) as client:
        answers = []
        for name, variables in CONTRACT_CALLS:
            query = (CONTRACT / f"{name}.graphql").read_text(encoding="utf-8")
            body = client.post("/graphql", json={"query": query, "variables": variables}).json()
            assert "errors" not in body, (name, body)
            answers.append(body["data"])
        answers.append(client.get("/ready").json())
    return answers


def test_cypher_export_replayed_answers_every_contract_operation_alike(  # type: ignore[no-untyped-def]
    exported, falkor: FalkorDBStore, replayed: FalkorDBStore, settings: Settings
) -> None:
    assert {path.stem for path in CONTRACT.glob("*.graphql")} == {name for name, _ in CONTRACT_CALLS}
    original, copy = _answers(falkor, settings), _answers(replayed, settings)
    assert copy == original
    assert original[CONTRACT_CALLS.index(("search", {"text": "监督抽查", "first": 10}))]["search"]  # not empty
    assert GraphRepository(replayed).meta() == GraphRepository(falkor).meta()
    # The full-text index is replayed too: search answers from it, not from a scan.
    indexes = replayed._db.select_graph("replayed").ro_query("CALL db.indexes() YIELD label, types RETURN label, types")
    assert any(label == "Entity" and "FULLTEXT" in str(types) for label, types in indexes.result_set)
    assert [h.props["id"] for h in GraphRepository(replayed).search("监督抽查", 5)] == [
        h.props["id"] for h in GraphRepository(falkor).search("监督抽查", 5)
    ]


def test_cypher_export_passes_the_neo4j_front_end(exported) -> None:  # type: ignore[no-untyped-def]
    """Each kind of statement of the export (one of each) is valid Cypher for Neo4j."""
    node = shutil.which("node")
    assert node
    kinds: dict[str, str] = {}
    for statement in to_cypher(exported[0], batch=2).decode().splitlines():
        if statement and not statement.startswith("//"):
            kinds.setdefault(statement[:12] + statement[-40:], statement)
    stmts = [{"name": str(i), "text": text, "parameters": []} for i, text in enumerate(kinds.values())]
    result = subprocess.run([node, str(ROOT / "js" / "lint-cypher.mjs")], input=json.dumps(stmts),
                            capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    errors = [(r["name"], d["message"]) for r in json.loads(result.stdout) for d in r["diagnostics"]
              if d["severity"] == 1]
    assert len(stmts) >= 10 and errors == []


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
