"""The floor: for each contract operation, one hand-written Cypher statement with the same answer.

Each operation of the contract has its bench variables, one statement in ``bench/floor/<op>.cypher``
and a ``shape`` that turns the statement's rows into the GraphQL ``data`` object (cursor
encoding, the snippet window, ``__typename`` from the label: string work, no database). ``check``
compares that with the service's answer and fails loudly on any difference.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph_api.compiler.fulltext import redisearch_query  # the query text the service sends
from graph_api.store.repository import snippet  # the same window the service shows
from graph_api.store.writer import search_text  # the same text the snippet is cut from
from loaders.model import ACTOR_LABELS, LINKS, Label
from loaders.tokens import fold, query_parts, tokens

FLOOR = Path(__file__).resolve().parent / "floor"
NAMED_LABELS = {link.target for link in LINKS if link.scope and link.listed_doc}
Row = dict[str, Any]


def cursor(offset: int) -> str:
    """The API's opaque offset cursor."""
    return base64.urlsafe_b64encode(f"qg1:{offset}".encode()).decode()


def _display(row: Row) -> str:
    return search_text({f: row[f] for f in ("name", "title", "text", "aliases", "src_text")})


def _by_role_then_id(activities: list[Row]) -> list[Row]:
    """Participants as the service lists them: by role (the statement's order), then actor id."""
    for a in activities:
        roles = {p["role"]: i for i, p in reversed(list(enumerate(a["participants"])))}
        a["participants"] = sorted(a["participants"], key=lambda p: (roles[p["role"]], p["actor"]["id"]))
    return activities


def _search_params(v: dict[str, Any]) -> dict[str, Any]:
    parts = query_parts(v["text"])
    wanted = [tokens(p) for p in parts]
    terms = sorted(set().union(*wanted))
    return {
        "query": redisearch_query(terms),
        "terms": terms,
        "parts": parts,
        "tokens": max(sum(len(w) for w in wanted), 1),
        "first": v["first"],
    }


def _search_shape(rows: list[Row], v: dict[str, Any]) -> Any:
    parts = query_parts(v["text"])
    hits = []
    for r in rows:
        node: dict[str, Any] = {"id": r["id"], "__typename": r["label"]}
        if r["label"] in ACTOR_LABELS or r["label"] in NAMED_LABELS:
            node["name"] = r["name"]
        elif r["label"] == Label.ACTIVITY:
            node["title"] = r["title"]
        hits.append({"score": r["score"], "snippet": snippet(_display(r), parts, r["search_text"]), "node": node})
    return {"search": hits}


def _page(total: int, size: int, first: int) -> dict[str, Any]:
    return {"hasNextPage": first < total, "endCursor": cursor(size - 1) if size else None}


def _actors_by_kind_shape(rows: list[Row], v: dict[str, Any]) -> Any:
    nodes = rows[0]["nodes"]
    edges = [{"cursor": cursor(i), "node": n} for i, n in enumerate(nodes)]
    conn = {"totalCount": rows[0]["total"], "pageInfo": _page(rows[0]["total"], len(nodes), v["first"]), "edges": edges}
    return {"actors": conn}


def _activities_shape(rows: list[Row], v: dict[str, Any]) -> Any:
    total, nodes = (rows[0]["total"], _by_role_then_id(rows[0]["nodes"])) if rows else (0, [])
    return {"activities": {"totalCount": total, "pageInfo": _page(total, len(nodes), v["first"]), "nodes": nodes}}


def _actor_shape(rows: list[Row], v: dict[str, Any]) -> Any:
    r = rows[0]
    node = {k: r[k] for k in ("id", "name", "aliases", "kind", "partners")}
    node["activities"] = {"totalCount": r["total"], "nodes": _by_role_then_id(r["activities"])}
    if r["label"] == Label.REGION:
        node["code"] = r["code"]
    return {"node": node}


def _notice_shape(rows: list[Row], v: dict[str, Any]) -> Any:
    return {"notice": rows[0] if rows else None}


@dataclass(frozen=True)
class FloorOp:
    """One contract operation: bench variables, statement parameters, and the answer's shape."""

    name: str
    variables: dict[str, Any]
    shape: Callable[[list[Row], dict[str, Any]], Any]
    params: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda v: dict(v))

    @property
    def statement(self) -> str:
        """The hand-written statement's text."""
        return (FLOOR / f"{self.name}.cypher").read_text(encoding="utf-8")


OPS: list[FloorOp] = [
    FloorOp(
        "who_runs",
        {"types": ["SUPERVISION_SAMPLING"]},
        lambda rows, v: {"actors": {"totalCount": rows[0]["total"], "nodes": rows[0]["nodes"]}},
    ),
    FloorOp("actor", {"id": "region:310000"}, _actor_shape),
    FloorOp("search", {"text": "监督抽查", "first": 10}, _search_shape, _search_params),
    FloorOp(
        "find_actor",
        {"name": "国家市场监督管理总局"},
        lambda rows, v: {"actors": {"nodes": rows}},
        lambda v: {"name": fold(v["name"].strip())},
    ),
    FloorOp(
        "actors_by_kind", {"kinds": ["REGION"], "first": 20}, _actors_by_kind_shape, lambda v: {"first": v["first"]}
    ),
    FloorOp(
        "activities",
        {"filter": {"types": ["LAUNCH_CEREMONY"]}, "first": 20},
        _activities_shape,
        lambda v: {"types": v["filter"]["types"], "first": v["first"]},
    ),
    FloorOp(
        "neighborhood",
        {"id": "campaign:双随机、一公开", "depth": 2, "limit": 50},
        lambda rows, v: {"neighborhood": rows[0]},
        lambda v: {"id": v["id"], "limit": v["limit"]},
    ),
    FloorOp(
        "path",
        {"from": "organizer:国务院国资委", "to": "organizer:全国工商联", "maxHops": 4},
        lambda rows, v: {"path": rows[0] if rows else None},
        lambda v: {"from": v["from"], "to": v["to"]},
    ),
    FloorOp("notice", {}, _notice_shape),
    FloorOp("stats", {}, lambda rows, v: {"stats": rows[0]}),
]


def _diff(a: Any, b: Any, where: str = "data") -> str | None:
    """The first place where ``a`` and ``b`` differ, or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: present on one side only"
            if d := _diff(a[k], b[k], f"{where}.{k}"):
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if d := _diff(x, y, f"{where}[{i}]"):
                return d
        return None
    if isinstance(a, float) or isinstance(b, float):
        return None if abs(float(a) - float(b)) < 1e-9 else f"{where}: {a!r} vs {b!r}"
    return None if a == b else f"{where}: {a!r} vs {b!r}"


class FloorMismatch(AssertionError):
    """The hand-written statement and the service disagree."""


def check(op: FloorOp, graphql_data: Any, floor_data: Any) -> None:
    """Raise FloorMismatch naming the first difference between the two answers."""
    if d := _diff(graphql_data, floor_data):
        shown = json.dumps(floor_data, ensure_ascii=False)[:300]
        raise FloorMismatch(f"{op.name}: the floor statement's answer differs at {d} (floor: {shown} …)")
