"""Whole-graph exports for visualization tools and data platforms.

GraphML (Gephi, ``networkx.read_graphml``), Cytoscape.js JSON elements, CSV (``nodes.csv`` and
``edges.csv`` in a zip) and Cypher that re-creates the graph. Every node and edge keeps its id,
kind and properties; list values become JSON strings where a format has no lists.

The Cypher export is a full copy, not a picture: replayed into an empty Neo4j 5 or FalkorDB
database it answers every query as the original does. It carries what the visual formats leave
out: the indexes (the full-text index search reads among them), the derived properties filters
and search compare (folded texts, search tokens) and the load's version (the ``Meta`` node).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from cypher import Q, read_statement
from graph_api.errors import BadUserInput
from graph_api.store.protocol import Row
from graph_api.store.writer import INDEX_STEPS
from loaders.model import ENTITY, META, NODE_LABELS, REL_TYPES

FORMATS = {
    "graphml": ("application/graphml+xml", "quality-graph.graphml"),
    "json": ("application/json", "quality-graph.json"),
    "csv": ("application/zip", "quality-graph-csv.zip"),
    "cypher": ("application/x-cypher-query; charset=utf-8", "quality-graph.cypher"),
}
# Derived, internal properties that a consumer has no use for: the search text, the search
# tokens the full-text index reads and the folded copies filters compare (written by
# graph_api.store.writer). Only the Cypher export, a copy to replay, keeps them.
INTERNAL = frozenset({"search_text", "name_terms", "text_terms", "name_folds", "title_fold", "section_fold"})
# The index statements of the FalkorDB dialect are the portable form (no name, no IF NOT
# EXISTS) that Neo4j 5 takes too; the export replays into an empty database. The full-text
# index has no common form: the export carries FalkorDB's, with Neo4j's in a comment above it.
PORTABLE_DIALECT = "falkordb"
FULLTEXT_INDEX = Q.CREATE_INDEX_ENTITY_SEARCH


@dataclass(frozen=True)
class Graph:
    """Export rows: nodes (props with id, label, kind) and edges (source, target, type, props);
    for the Cypher export also each node's internal properties and the load's version and time."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    internal: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, Any] | None = None


def prepare(node_rows: list[Row], edge_rows: list[Row], meta: Row | None = None) -> Graph:
    """Plain node and edge dicts from the store's export rows."""
    nodes = []
    internal: dict[str, dict[str, Any]] = {}
    for row in node_rows:
        props = {k: v for k, v in row["props"].items() if k not in INTERNAL and v is not None}
        label = props.get("label") or next(lb for lb in row["labels"] if lb != ENTITY)
        nodes.append({**props, "label": label})
        internal[props["id"]] = {k: v for k, v in row["props"].items() if k in INTERNAL and v is not None}
    edges = []
    for i, row in enumerate(edge_rows):
        props = {k: v for k, v in (row["props"] or {}).items() if v is not None}
        edge_id = f"{row['type']}:{props.get('key') or i}"
        edges.append({"id": edge_id, "source": row["source"], "target": row["target"], "type": row["type"], **props})
    return Graph(nodes, edges, internal, dict(meta) if meta else None)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value


def to_graphml(graph: Graph) -> bytes:
    """GraphML, directed, list properties as JSON strings."""
    g = nx.MultiDiGraph()
    for n in graph.nodes:
        g.add_node(n["id"], **{k: _flat(v) for k, v in n.items() if k != "id"})
    for e in graph.edges:
        # The edge's id (TYPE:key) is its GraphML id; the store's merge key is part of it.
        attrs = {k: _flat(v) for k, v in e.items() if k not in {"source", "target", "id", "key"}}
        g.add_edge(e["source"], e["target"], key=e["id"], **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def to_json(graph: Graph) -> bytes:
    """Cytoscape.js elements: ``{"nodes": [{"data": …}], "edges": [{"data": …}]}``."""
    doc = {"nodes": [{"data": n} for n in graph.nodes], "edges": [{"data": e} for e in graph.edges]}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()


def to_csv_zip(graph: Graph) -> bytes:
    """``nodes.csv`` (id, label, kind, name, properties) and ``edges.csv`` in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "nodes.csv",
            _csv(
                ["id", "label", "kind", "name", "properties"],
                [
                    [
                        n["id"],
                        n["label"],
                        n.get("kind", ""),
                        n.get("name") or n.get("title") or n.get("text") or "",
                        json.dumps(
                            {k: v for k, v in n.items() if k not in {"id", "label", "kind"}}, ensure_ascii=False
                        ),
                    ]
                    for n in graph.nodes
                ],
            ),
        )
        z.writestr(
            "edges.csv",
            _csv(
                ["id", "source", "target", "type", "properties"],
                [
                    [
                        e["id"],
                        e["source"],
                        e["target"],
                        e["type"],
                        json.dumps(
                            {k: v for k, v in e.items() if k not in {"id", "source", "target", "type"}},
                            ensure_ascii=False,
                        ),
                    ]
                    for e in graph.edges
                ],
            ),
        )
    return buffer.getvalue()


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # BOM: spreadsheet tools then read the Chinese text as UTF-8


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a property value (strings escaped, lists and maps nested)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"
    if isinstance(value, list):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _one_line(text: str) -> str:
    return " ".join(ln.strip() for ln in text.splitlines() if not ln.lstrip().startswith("//")).strip() + ";"


def index_statements() -> list[str]:
    """The service's index statements in the form both Neo4j 5 and FalkorDB take; the
    full-text index in FalkorDB's form, after a comment with Neo4j's."""
    out = []
    for name in INDEX_STEPS:
        if name == FULLTEXT_INDEX:
            out.append(f"// Neo4j 5: instead of the next line, {_one_line(read_statement(name.value, 'neo4j'))}")
        out.append(_one_line(read_statement(name.value, PORTABLE_DIALECT)))
    return out


def to_cypher(graph: Graph, batch: int = 200) -> bytes:
    """Statements that re-create the graph in an empty Neo4j 5 or FalkorDB database, one per
    line (run them in order): indexes (the full-text index search reads among them), nodes,
    relationships, the version."""
    lines = [
        "// quality-graph export: indexes, nodes, relationships and the load's version.",
        "// Replay it in order into an empty database (cypher-shell -f, or one statement per line).",
        *index_statements(),
    ]
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in graph.nodes:
        if n["label"] not in NODE_LABELS:
            continue
        by_label[n["label"]].append({**n, **graph.internal.get(n["id"], {})})
    for label, nodes in sorted(by_label.items()):
        for i in range(0, len(nodes), batch):
            rows = cypher_literal(nodes[i : i + batch])
            lines.append(f"UNWIND {rows} AS row CREATE (n:{ENTITY}:{label}) SET n = row;")
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in graph.edges:
        if e["type"] in REL_TYPES:
            props = {k: v for k, v in e.items() if k not in {"source", "target", "type"}}
            by_type[e["type"]].append({"s": e["source"], "t": e["target"], "p": props})
    for rel, edges in sorted(by_type.items()):
        for i in range(0, len(edges), batch):
            rows = cypher_literal(edges[i : i + batch])
            lines.append(
                f"UNWIND {rows} AS row MATCH (a:{ENTITY} {{id: row.s}}) MATCH (b:{ENTITY} {{id: row.t}}) "
                f"CREATE (a)-[r:{rel}]->(b) SET r = row.p;"
            )
    if graph.meta:
        lines.append(f"CREATE (m:{META}) SET m = {cypher_literal({'id': 'meta', **graph.meta})};")
    return ("\n".join(lines) + "\n").encode()


def render(graph: Graph, fmt: str) -> bytes:
    """The export in ``fmt`` (graphml, json, csv, cypher)."""
    writers = {"graphml": to_graphml, "json": to_json, "csv": to_csv_zip, "cypher": to_cypher}
    if fmt not in writers:
        raise BadUserInput(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", format=fmt)
    return writers[fmt](graph)
