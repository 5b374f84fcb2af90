"""Read access the API needs: named statements and statements from the query compiler.

No Cypher is written here; every method is one round trip (``stats`` two), whatever the
number of owners it answers for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cypher import Generated, Q
from graph_api.compiler import fulltext, queries
from graph_api.compiler.ir import Pred
from graph_api.compiler.queries import ACTOR_KINDS, Page
from graph_api.errors import BadUserInput
from graph_api.store.protocol import GraphStore, Row
from graph_api.store.writer import search_text as display_text
from loaders.divisions import code_prefix
from loaders.model import REL_TYPES
from loaders.tokens import query_parts, tokens

SNIPPET_RADIUS = 24
SCAN_LIMIT = 500


@dataclass(frozen=True)
class PageRows:
    """One page of a list: the total number of matches and the page's node properties."""

    total: int
    rows: list[dict[str, Any]]


EMPTY_PAGE = PageRows(0, [])


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
        # The graph version read just before this repository's first statement, and how many
        # statements ran since: a request's answer is consistent when the version is unchanged
        # after its last statement (graph_api/consistency.py).
        self.pinned: str | None = None
        self.statements = 0
        self._pin_lock = threading.Lock()

    def _run(self, name: Q | Generated, params: dict[str, Any] | None = None, **kw: Any) -> list[Row]:
        with self._pin_lock:
            if self.pinned is None:
                self.pinned = self.store.version()
            self.statements += 1
            pinned = self.pinned
        return [_plain(row) for row in self.store.run(name, params, version=pinned, **kw)]

    def read_one_version(self) -> bool:
        """Whether every statement so far read the version pinned before the first one
        (always, for one statement or none; otherwise one cheap version read)."""
        return self.statements <= 1 or self.store.version() == self.pinned

    def nodes(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Properties of each id that exists (one round trip)."""
        if not ids:
            return {}
        rows = self._run(Q.GET_NODES, {"ids": list(dict.fromkeys(ids))})
        return {row["props"]["id"]: row["props"] for row in rows}

    def notices(
        self, level: str | None = None, year: int | None = None, within: str | None = None
    ) -> list[dict[str, Any]]:
        """Loaded notices, newest first; of one ``level``, ``year``, or issued within the region
        of GB/T 2260 code ``within`` ("440000": Guangdong's notices at every level)."""
        params = {"level": level, "year": year, "within": code_prefix(within) if within else None}
        return [row["props"] for row in self._run(Q.LIST_NOTICES, params)]

    def notice(self, year: int | None = None) -> dict[str, Any] | None:
        """The notice of ``year``, or the latest loaded; None when there is none."""
        rows = self._run(Q.GET_NOTICE, {"year": year})
        return rows[0]["props"] if rows else None

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
        return self._edges(Q.OUTGOING, "source", "target", ids, rel_types)

    def incoming(self, ids: Sequence[str], rel_types: Sequence[str]) -> dict[tuple[str, str], list[tuple[str, Row]]]:
        """(source, edge properties) of the edges of each (type) into each id, in one round trip."""
        return self._edges(Q.INCOMING, "target", "source", ids, rel_types)

    def _edges(
        self, name: Q, near: str, far: str, ids: Sequence[str], rel_types: Sequence[str]
    ) -> dict[tuple[str, str], list[tuple[str, Row]]]:
        unknown = set(rel_types) - REL_TYPES
        if unknown:
            raise BadUserInput(f"unknown relationship types {sorted(unknown)}")
        out: dict[tuple[str, str], list[tuple[str, Row]]] = {(i, t): [] for i in ids for t in rel_types}
        for row in self._run(name, {"ids": list(ids), "types": list(rel_types)}):
            out[(row[near], row["type"])].append((row[far], row["props"]))
        return out

    def implemented_by(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """For each item, the activities of other notices that carry it out (one round trip)."""
        return {row["owner"]: row["nodes"] for row in self._run(Q.IMPLEMENTED_BY, {"ids": list(ids)})}

    def neighbors(self, ids: Sequence[str]) -> dict[str, list[tuple[str, Hop]]]:
        """For each id, (neighbour id, edge) over every edge in either direction."""
        out: dict[str, list[tuple[str, Hop]]] = {i: [] for i in ids}
        for row in self._run(Q.NEIGHBORS, {"ids": list(ids)}):
            for e in row["edges"]:
                hop = (
                    Hop(row["id"], e["target"], e["type"]) if e["outgoing"] else Hop(e["target"], row["id"], e["type"])
                )
                out[row["id"]].append((e["target"], hop))
        return out

    def stats(self) -> tuple[int, int, list[Row]]:
        """Node count, edge count, and node counts by kind.

        Everything comes from label and relationship-type counts: nothing is scanned.
        """
        statement, params = queries.count_by_kind()
        by_kind = sorted((r for r in self._run(statement, params) if r["count"]), key=lambda r: str(r["kind"]))
        edges = self._count(Q.COUNT_EDGES)
        return sum(r["count"] for r in by_kind), edges, by_kind

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

    def notice_ids(self, year: int | None = None, notice: str | None = None) -> list[str] | None:
        """Ids of the loaded notices of ``year`` and/or with id ``notice``; None when neither
        is given (every notice)."""
        if year is None and notice is None:
            return None
        return [
            str(n["id"])
            for n in self.notices()
            if (year is None or n.get("year") == year) and (notice is None or n["id"] == notice)
        ]

    def search(self, text: str, limit: int, notices: Sequence[str] | None = None) -> list[SearchHit]:
        """Nodes whose text holds every phrase of ``text``, best first, one hit per node.

        Candidates come from the database's full-text index (every bigram token of the query);
        each is then checked to hold the whole phrase, so "抽查" finds "监督抽查" but "查抽"
        does not. Ranking and the cut to ``limit`` happen in the database; only the hits come
        back. A one-character phrase is found by a scan (the index holds a lone character only
        where it stands alone). ``notices`` (ids) keeps those notices' own nodes and the shared
        nodes their edges reach.
        """
        parts = query_parts(text)
        if not parts or (notices is not None and not notices):
            return []
        wanted = [tokens(p) for p in parts]
        params: dict[str, Any] = {
            "parts": parts,
            "tokens": max(sum(len(w) for w in wanted), 1),
            "limit": limit,
            "notices": None if notices is None else list(notices),
        }
        if all(len(p) > 1 for p in parts):
            terms = sorted(set().union(*wanted))
            if not terms:  # phrases without a letter or digit: nothing is indexed under them
                return []
            params.update(
                query=fulltext.redisearch_query(terms),
                lucene=fulltext.lucene_query(terms),
                nterms=len(terms),
                spaced=[f" {t} " for t in terms],
            )
            rows = self._run(Q.SEARCH, params)
        else:
            rows = self._run(Q.SEARCH_SCAN, {**params, "scan": SCAN_LIMIT})
        return [
            SearchHit(
                row["props"],
                float(row["score"]),
                snippet(display_text(row["props"]), parts, row["props"].get("search_text") or ""),
            )
            for row in rows
        ]

    def compare(self, first: str, second: str) -> tuple[list[Row], list[Row], list[Row]]:
        """Two notices side by side (three round trips): their actors (props, in_from, in_to), their
        campaigns and events by meaning (kind, key, in_from, in_to) and each activity with its matches."""
        params = {"from": first, "to": second}
        actors, linked, activities = (
            self._run(q, params) for q in (Q.COMPARE_ACTORS, Q.COMPARE_LINKED, Q.COMPARE_ACTIVITIES)
        )
        return actors, linked, activities

    # -- compiled lists ------------------------------------------------------------------
    def activity_page(self, pred: Pred, order: str, page: Page) -> PageRows:
        """Activities matching ``pred`` in ``order``: total and one page (one statement)."""
        return self._page(*queries.activity_page(pred, order, page))

    def actor_page(self, pred: Pred, order: str, page: Page) -> PageRows:
        """Actors matching ``pred`` in ``order``: total and one page (one statement)."""
        return self._page(*queries.actor_page(pred, order, page))

    def _page(self, statement: Generated, params: dict[str, Any]) -> PageRows:
        rows = self._run(statement, params)
        return PageRows(int(rows[0]["total"]), rows[0]["page"]) if rows else EMPTY_PAGE

    def scoped_activity_pages(
        self, scope: str, owners: Sequence[str], pred: Pred, order: str, page: Page, role: str | None = None
    ) -> dict[str, PageRows]:
        """For each owner, its activities matching ``pred``: total and one page (one statement)."""
        statement, params = queries.scoped_activity_pages(scope, pred, order, page, role)
        rows = self._run(statement, {**params, "owners": list(owners)})
        return {row["owner"]: PageRows(int(row["total"]), row["page"]) for row in rows}

    def facets(self, pred: Pred, scope: str | None = None, owners: Sequence[str] = ()) -> dict[str | None, list[Row]]:
        """Facet rows (facet, key, label, count) of matching activities, per owner with a scope."""
        statement, params = queries.facets(pred, scope)
        if scope is not None:
            params = {**params, "owners": list(owners)}
        out: dict[str | None, list[Row]] = {}
        for row in self._run(statement, params):
            out.setdefault(row.get("owner"), []).append(row)
        return out

    def partners(self, ids: Sequence[str], year: int | None = None) -> dict[str, list[dict[str, Any]]]:
        """For each actor, the actors sharing one of its activities, by name."""
        rows = self._run(Q.PARTNERS, {"ids": list(ids), "year": year})
        return {row["owner"]: row["nodes"] for row in rows}

    def scoped_actors(
        self, rel_type: str, ids: Sequence[str], year: int | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        """For each campaign/event/topic/document, the actors of the activities linked to it."""
        rows = self._run(Q.SCOPED_ACTORS, {"ids": list(ids), "year": year}, rel_type=rel_type)
        return {row["owner"]: row["nodes"] for row in rows}

    def linked_nodes(self, label: str, rel_type: str, year: int | None = None) -> list[dict[str, Any]]:
        """Every node of ``label`` some activity links to over ``rel_type``, by name."""
        rows = self._run(Q.LINKED_NODES, {"year": year}, label=label, rel_type=rel_type)
        return [row["props"] for row in rows]

    def export(self) -> tuple[list[Row], list[Row], Row | None]:
        """Every domain node (props, labels) and edge (source, target, type, props) and the
        load's version (``meta``)."""
        return self._run(Q.EXPORT_NODES), self._run(Q.EXPORT_EDGES), self.meta()
