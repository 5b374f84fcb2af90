"""Read access the API needs, each method one or two named statements. No Cypher here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cypher import Q
from graph_api.errors import BadUserInput
from graph_api.store.protocol import GraphStore, Row
from graph_api.store.writer import search_text as display_text
from loaders.model import ACTOR_LABELS, REL_TYPES
from loaders.tokens import query_parts, tokens

ACTOR_KINDS = tuple(label.upper() for label in ACTOR_LABELS)
SNIPPET_RADIUS = 24
SCAN_LIMIT = 500


@dataclass(frozen=True)
class SearchHit:
    """One search result: node properties, score (higher first), snippet."""

    props: dict[str, Any]
    score: float
    snippet: str


@dataclass(frozen=True)
class Hop:
    """An edge seen while walking the graph, oriented as stored."""

    source: str
    target: str
    type: str


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def snippet(text: str, parts: Sequence[str], folded: str = "") -> str:
    """A window of the original ``text`` around the first match of any (folded) part.

    Matching happens on folded text; the window shows the text as the notice wrote it. When
    folding moved characters (a space closed), the folded text stands in.
    """
    positions = [text.find(p) for p in parts if p and text.find(p) >= 0]
    if not positions and folded:
        text = folded
        positions = [text.find(p) for p in parts if p and text.find(p) >= 0]
    if not positions:
        return text[: SNIPPET_RADIUS * 2]
    pos = min(positions)
    start, end = max(pos - SNIPPET_RADIUS, 0), min(pos + SNIPPET_RADIUS * 2, len(text))
    body = text[start:end].replace("\n", " · ")
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


class GraphRepository:
    """What the GraphQL layer reads, over any GraphStore."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def _run(self, name: Q, params: dict[str, Any] | None = None, **kw: Any) -> list[Row]:
        return [_plain(row) for row in self.store.run(name, params, **kw)]

    def nodes(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Properties of each id that exists (one round trip)."""
        if not ids:
            return {}
        rows = self._run(Q.GET_NODES, {"ids": list(dict.fromkeys(ids))})
        return {row["props"]["id"]: row["props"] for row in rows}

    def notices(self) -> list[dict[str, Any]]:
        """Every loaded notice, newest first."""
        return [row["props"] for row in self._run(Q.LIST_NOTICES)]

    def actors(self, kinds: Iterable[str] = ACTOR_KINDS) -> list[Row]:
        """Actors of some kinds, ordered by name: id, name, kind, aliases, code."""
        return self._run(Q.LIST_ACTORS, {"kinds": list(kinds)})

    def activity_facts(self) -> list[Row]:
        """One row per activity with its actors, campaigns, events, topics (one round trip)."""
        return self._run(Q.LIST_ACTIVITY_FACTS)

    def activity_details(self, ids: Sequence[str]) -> dict[str, Row]:
        """Participants and outgoing links of each activity (one round trip)."""
        rows = self._run(Q.ACTIVITY_DETAILS, {"ids": list(ids)})
        return {row["id"]: row for row in rows}

    def outgoing(self, ids: Sequence[str], rel_types: Sequence[str]) -> dict[tuple[str, str], list[tuple[str, Row]]]:
        """(target, edge properties) of each (id, type) pair's edges, in one round trip."""
        unknown = set(rel_types) - REL_TYPES
        if unknown:
            raise BadUserInput(f"unknown relationship types {sorted(unknown)}")
        out: dict[tuple[str, str], list[tuple[str, Row]]] = {(i, t): [] for i in ids for t in rel_types}
        for row in self._run(Q.OUTGOING, {"ids": list(ids), "types": list(rel_types)}):
            out[(row["source"], row["type"])].append((row["target"], row["props"]))
        return out

    def neighbors(self, ids: Sequence[str]) -> dict[str, list[tuple[str, Hop]]]:
        """For each id, (neighbour id, edge) over every edge in either direction."""
        out: dict[str, list[tuple[str, Hop]]] = {i: [] for i in ids}
        for row in self._run(Q.NEIGHBORS, {"ids": list(ids)}):
            for e in row["edges"]:
                hop = (
                    Hop(row["id"], e["target"], e["type"])
                    if e["outgoing"]
                    else Hop(e["target"], row["id"], e["type"])
                )
                out[row["id"]].append((e["target"], hop))
        return out

    def stats(self) -> tuple[int, int, list[Row]]:
        """Node count, edge count, and node counts by kind."""
        by_kind = self._run(Q.COUNT_BY_KIND)
        return sum(r["count"] for r in by_kind), self._count(Q.COUNT_EDGES), by_kind

    def _count(self, name: Q) -> int:
        rows = self._run(name)
        return int(rows[0]["count"]) if rows else 0

    def meta(self) -> Row | None:
        """Version and time of the last load, or None when nothing was loaded."""
        rows = self._run(Q.GET_META)
        return rows[0] if rows else None

    def is_empty(self) -> bool:
        """Whether the graph holds no domain node."""
        return self._count(Q.COUNT_ENTITIES) == 0

    def search(self, text: str, limit: int) -> list[SearchHit]:
        """Nodes whose text holds every phrase of ``text``, best first, one hit per node.

        Candidates come from the Term index (bigrams); each is then checked to hold the
        whole phrase, so "抽查" finds "监督抽查" but "查抽" does not.
        """
        parts = query_parts(text)
        if not parts:
            return []
        wanted = [tokens(p) for p in parts]
        weights: dict[str, float] = {}
        if all(len(p) > 1 for p in parts):
            all_terms = sorted(set().union(*wanted))
            for row in self._run(Q.FIND_TERMS, {"terms": all_terms}):
                held = set(row["terms"])
                if all(w <= held for w in wanted):
                    weights[row["id"]] = float(row["weight"])
        else:
            rows = self._run(Q.SCAN_TEXT, {"text": max(parts, key=len), "limit": SCAN_LIMIT})
            weights = {row["id"]: 1.0 for row in rows}
        hits = []
        for node_id, props in self.nodes(list(weights)).items():
            body = str(props.get("search_text") or "")
            if not all(p in body for p in parts):
                continue
            name = str(props.get("name") or props.get("title") or props.get("text") or "")
            folded_name = name.lower()
            score = weights[node_id] / max(sum(len(w) for w in wanted), 1)
            if any(p == folded_name for p in parts):
                score += 10
            elif all(p in folded_name for p in parts):
                score += 5 - min(len(folded_name), 40) / 10
            hits.append(SearchHit(props, round(score, 4), snippet(display_text(props), parts, body)))
        hits.sort(key=lambda h: (-h.score, str(h.props.get("sort_key") or ""), h.props["id"]))
        return hits[:limit]

    def export(self) -> tuple[list[Row], list[Row]]:
        """Every domain node (props, labels) and edge (source, target, type, props)."""
        return self._run(Q.EXPORT_NODES), self._run(Q.EXPORT_EDGES)
