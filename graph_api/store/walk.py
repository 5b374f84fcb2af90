"""Breadth-first walks for visualization: neighbourhoods and shortest paths.

Each level is one round trip (``neighbors``), so a walk costs at most ``depth`` or
``max_hops`` round trips whatever the backend; FalkorDB's shortestPath is directed-only,
so the walk is done here the same way for both.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_api.store.repository import GraphRepository, Hop

# The notice is linked to every activity and organizer; a path through it says only
# "both are in the notice", so it is never an intermediate step of a path.
HUB_PREFIX = "notice:"


@dataclass(frozen=True)
class Subgraph:
    """Node ids in visiting order, distinct edges, and whether a limit cut it short."""

    nodes: list[str]
    edges: list[Hop]
    truncated: bool


def neighborhood(repo: GraphRepository, start: str, depth: int, limit: int) -> Subgraph:
    """Nodes within ``depth`` hops of ``start`` (at most ``limit``) and the edges among them."""
    seen: dict[str, None] = {start: None}
    edges: dict[Hop, None] = {}
    frontier = [start]
    truncated = False
    for _ in range(depth):
        if not frontier:
            break
        nxt: list[str] = []
        for pairs in repo.neighbors(frontier).values():
            for other, hop in pairs:
                if other not in seen:
                    if len(seen) >= limit:
                        truncated = True
                        continue
                    seen[other] = None
                    nxt.append(other)
                edges[hop] = None
        frontier = nxt
    kept = [e for e in edges if e.source in seen and e.target in seen]
    return Subgraph(list(seen), kept, truncated)


def shortest_path(repo: GraphRepository, start: str, goal: str, max_hops: int) -> Subgraph | None:
    """A shortest undirected path from ``start`` to ``goal`` within ``max_hops``, or None."""
    if start == goal:
        return Subgraph([start], [], False)
    parent: dict[str, tuple[str, Hop] | None] = {start: None}
    frontier = [start]
    for _ in range(max_hops):
        expand = [n for n in frontier if n == start or not n.startswith(HUB_PREFIX)]
        if not expand:
            return None
        nxt: list[str] = []
        for node, pairs in repo.neighbors(expand).items():
            for other, hop in sorted(pairs, key=lambda p: (p[0], p[1].type)):
                if other in parent:
                    continue
                parent[other] = (node, hop)
                if other == goal:
                    return _trace(parent, goal)
                nxt.append(other)
        frontier = nxt
    return None


def _trace(parent: dict[str, tuple[str, Hop] | None], goal: str) -> Subgraph:
    nodes, edges = [goal], []
    step = parent[goal]
    while step is not None:
        node, hop = step
        nodes.append(node)
        edges.append(hop)
        step = parent[node]
    return Subgraph(nodes[::-1], edges[::-1], False)
