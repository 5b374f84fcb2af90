"""Breadth-first walks for visualization: neighbourhoods and shortest paths.

Each level is one round trip (``neighbors``), so a walk costs at most ``depth`` or
``max_hops`` round trips whatever the backend. FalkorDB's shortestPath is directed-only and
neither backend's can skip the notice hub, so paths are found here, the same way for both:
breadth-first from both ends at once, always widening the smaller frontier, so a hub on one
side is not expanded while the other side is small.
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
            # Neighbours by id, not in storage order: the same graph answers alike however loaded.
            for other, hop in sorted(pairs, key=lambda p: (p[0], p[1].type, p[1].source)):
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
    """A shortest undirected path from ``start`` to ``goal`` within ``max_hops``, or None.

    Among equally short paths the one through the smallest meeting id is taken.
    """
    if start == goal:
        return Subgraph([start], [], False)
    # node -> (depth from its end, (the neighbour one step nearer that end, the edge) or None)
    sides: tuple[dict[str, Step], dict[str, Step]] = ({start: (0, None)}, {goal: (0, None)})
    fronts = ([start], [goal])
    for _ in range(max_hops):
        side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
        seen, other, origin = sides[side], sides[1 - side], (start, goal)[side]
        expand = [n for n in fronts[side] if n == origin or not n.startswith(HUB_PREFIX)]
        if not expand:
            return None
        nxt: list[str] = []
        meets: list[tuple[int, str]] = []
        for node, pairs in repo.neighbors(expand).items():
            depth = seen[node][0] + 1
            for neighbour, hop in sorted(pairs, key=lambda p: (p[0], p[1].type)):
                if neighbour in seen:
                    continue
                seen[neighbour] = (depth, (node, hop))
                nxt.append(neighbour)
                if neighbour in other and (neighbour in (start, goal) or not neighbour.startswith(HUB_PREFIX)):
                    meets.append((depth + other[neighbour][0], neighbour))
        if meets:
            return _join(sides, min(meets)[1])
        fronts = (nxt, fronts[1]) if side == 0 else (fronts[0], nxt)
    return None


Step = tuple[int, tuple[str, Hop] | None]


def _chain(seen: dict[str, Step], node: str) -> tuple[list[str], list[Hop]]:
    """Nodes and edges from ``node`` back to the end ``seen`` was grown from."""
    nodes, edges = [node], []
    step = seen[node][1]
    while step is not None:
        prev, hop = step
        nodes.append(prev)
        edges.append(hop)
        step = seen[prev][1]
    return nodes, edges


def _join(sides: tuple[dict[str, Step], dict[str, Step]], meet: str) -> Subgraph:
    head_nodes, head_edges = _chain(sides[0], meet)
    tail_nodes, tail_edges = _chain(sides[1], meet)
    return Subgraph(head_nodes[::-1] + tail_nodes[1:], head_edges[::-1] + tail_edges, False)
