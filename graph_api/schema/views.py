"""Result types of the root fields that are not graph nodes: actor pages, search hits,
subgraphs for visualization, counts."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_api.schema.common import Node, PageInfo
from graph_api.schema.enums import NodeKind, RelationType
from graph_api.schema.nodes import Actor
from graph_api.store import walk
from loaders.model import KIND_BY_LABEL


@strawberry.type(description="An actor in a connection, with its cursor.")
class ActorEdge:
    cursor: str = strawberry.field(description="Opaque cursor; pass as `after` or `before`.")
    node: Actor = strawberry.field(description="The actor.")


@strawberry.type(description="A Relay page of actors.")
class ActorConnection:
    total_count: int = strawberry.field(description="Matching actors over all pages.")
    edges: list[ActorEdge] = strawberry.field(description="The page, with cursors.")
    nodes: list[Actor] = strawberry.field(description="The page.")
    page_info: PageInfo = strawberry.field(description="Whether more follow or precede, and the cursors to go on.")


@strawberry.type(description="One search result.")
class SearchHit:
    score: float = strawberry.field(
        description="Higher is better: matched token weight per query token, +10 for a name equal to the "
        "query, about +5 for a name holding it."
    )
    snippet: str = strawberry.field(description="The text around the first match, as the notice wrote it.")
    node: Node = strawberry.field(description="The node found.")


@strawberry.type(description="A node of a subgraph, for drawing.")
class GraphNode:
    id: strawberry.ID = strawberry.field(description="The node's id (resolve it with `node(id:)`).")
    label: str = strawberry.field(description="What to write on it: its name, title or text.")
    kind: str = strawberry.field(graphql_type=NodeKind, description="Its kind.")


@strawberry.type(description="A relationship of a subgraph, oriented as stored.")
class GraphEdge:
    source: strawberry.ID = strawberry.field(description="Id of the node it starts from.")
    target: strawberry.ID = strawberry.field(description="Id of the node it points to.")
    type: str = strawberry.field(graphql_type=RelationType, description="Its relationship type.")


@strawberry.type(description="Nodes and the relationships among them.")
class Subgraph:
    nodes: list[GraphNode] = strawberry.field(description="In visiting order (a path: from its start to its end).")
    edges: list[GraphEdge] = strawberry.field(description="Distinct relationships among the nodes.")
    truncated: bool = strawberry.field(description="Whether the node limit left nodes out.")


@strawberry.type(description="How many nodes of one kind.")
class KindCount:
    kind: str = strawberry.field(graphql_type=NodeKind, description="The kind.")
    count: int = strawberry.field(description="Its nodes.")


@strawberry.type(description="Node and relationship counts (search-index entries not included).")
class Stats:
    nodes: int = strawberry.field(description="Every node of the graph.")
    edges: int = strawberry.field(description="Every relationship of the graph.")
    by_kind: list[KindCount] = strawberry.field(description="Nodes per kind, kinds with none left out, by kind.")


def display_label(props: dict[str, Any]) -> str:
    """What a person reads as the node's name: the registry's name field, else any name-like one."""
    kind = KIND_BY_LABEL.get(str(props.get("label")))
    first = props.get(kind.name_field) if kind else None
    return str(first or props.get("name") or props.get("title") or props.get("text") or props["id"])


def subgraph(found: list[dict[str, Any] | None], sub: walk.Subgraph) -> Subgraph:
    """The GraphQL subgraph of a walk, from its nodes' properties."""
    nodes = [GraphNode(id=strawberry.ID(p["id"]), label=display_label(p), kind=p["kind"]) for p in found if p]
    edges = [GraphEdge(source=strawberry.ID(e.source), target=strawberry.ID(e.target), type=e.type) for e in sub.edges]
    return Subgraph(nodes=nodes, edges=edges, truncated=sub.truncated)
