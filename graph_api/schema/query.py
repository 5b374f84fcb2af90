"""The root Query type."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_api.compiler.parse import activity_pred, actor_pred
from graph_api.errors import BadUserInput, LimitExceeded, NotFound
from graph_api.schema.common import CtxInfo, Node, PageInfo, to_type, typed
from graph_api.schema.context import call
from graph_api.schema.enums import ActivityOrder, ActorOrder
from graph_api.schema.facets import ActivityFacets, facets_from
from graph_api.schema.filters import ActivityFilter, ActorFilter
from graph_api.schema.nodes import (
    Activity,
    ActivityConnection,
    Actor,
    Campaign,
    Document,
    Event,
    Topic,
    connection,
    page_of,
)
from graph_api.schema.notice import Notice
from graph_api.schema.paging import encode_cursor
from graph_api.store import walk

YEAR = "Only what activities of the notice of this year link to."

MAX_DEPTH = 3
MAX_NEIGHBORHOOD = 500
DEFAULT_NEIGHBORHOOD = 100
MAX_HOPS = 6
DEFAULT_HOPS = 4
MAX_SEARCH = 100
DEFAULT_SEARCH = 10


@strawberry.type
class ActorEdge:
    cursor: str
    node: Actor


@strawberry.type
class ActorConnection:
    total_count: int
    edges: list[ActorEdge]
    nodes: list[Actor]
    page_info: PageInfo


@strawberry.type
class SearchHit:
    score: float
    snippet: str
    node: Node


@strawberry.type
class GraphNode:
    id: strawberry.ID
    label: str
    kind: str


@strawberry.type
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str


@strawberry.type
class Subgraph:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


@strawberry.type
class KindCount:
    kind: str
    count: int


@strawberry.type
class Stats:
    nodes: int
    edges: int
    by_kind: list[KindCount]


def _label(props: dict[str, Any]) -> str:
    return str(props.get("name") or props.get("title") or props.get("text") or props["id"])


async def _subgraph(info: CtxInfo, sub: walk.Subgraph) -> Subgraph:
    found = await info.context.node_loader.load_many(sub.nodes)
    nodes = [GraphNode(id=strawberry.ID(p["id"]), label=_label(p), kind=p.get("kind") or "") for p in found if p]
    edges = [GraphEdge(source=strawberry.ID(e.source), target=strawberry.ID(e.target), type=e.type) for e in sub.edges]
    return Subgraph(nodes=nodes, edges=edges, truncated=sub.truncated)


def _bounded(name: str, value: int | None, default: int, maximum: int, minimum: int = 1) -> int:
    value = default if value is None else value
    if value < minimum:
        raise BadUserInput(f"{name} must be at least {minimum}, got {value}", argument=name)
    if value > maximum:
        raise LimitExceeded(f"{name} may be at most {maximum}, got {value}", argument=name)
    return value


async def _require(info: CtxInfo, node_id: str) -> dict[str, Any]:
    props = await info.context.node_loader.load(node_id)
    if props is None:
        raise NotFound(f"no node with id {node_id!r}", id=node_id)
    return props


@strawberry.type
class Query:
    @strawberry.field(description="Any node by its id.")
    async def node(self, info: CtxInfo, id: strawberry.ID) -> Node | None:
        return to_type(await _require(info, str(id)))  # type: ignore[no-any-return]

    @strawberry.field(description="Nodes by id, in the order asked; null for unknown ids.")
    async def nodes(self, info: CtxInfo, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > info.context.settings.max_page:
            raise LimitExceeded(f"at most {info.context.settings.max_page} ids", argument="ids")
        found = await info.context.node_loader.load_many([str(i) for i in ids])
        return [to_type(p) if p else None for p in found]

    @strawberry.field(
        description="Actors, filtered and paged (Relay); ordered by name by default. "
        "`first` defaults to 20 and may be at most 100 (QGRAPH_DEFAULT_PAGE, QGRAPH_MAX_PAGE)."
    )
    async def actors(
        self,
        info: CtxInfo,
        filter: ActorFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        order_by: ActorOrder = ActorOrder.NAME_ASC,
    ) -> ActorConnection:
        page = page_of(info, first, after)
        found = await call(info.context.repo.actor_page, actor_pred(filter), order_by.value, page)
        nodes = typed(info, found.rows)
        cursors = [encode_cursor(page.skip + i) for i in range(len(nodes))]
        edges = [ActorEdge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
        more = page.skip + page.size < found.total
        info_ = PageInfo(has_next_page=more, end_cursor=cursors[-1] if cursors else None)
        return ActorConnection(total_count=found.total, edges=edges, nodes=nodes, page_info=info_)

    @strawberry.field(
        description="Activities, filtered and paged (Relay); document order by default. "
        "`first` defaults to 20 and may be at most 100 (QGRAPH_DEFAULT_PAGE, QGRAPH_MAX_PAGE)."
    )
    async def activities(
        self,
        info: CtxInfo,
        filter: ActivityFilter | None = None,
        first: int | None = None,
        after: str | None = None,
        order_by: ActivityOrder = ActivityOrder.DOCUMENT,
    ) -> ActivityConnection:
        page = page_of(info, first, after)
        found = await call(info.context.repo.activity_page, activity_pred(filter), order_by.value, page)
        return connection(info, found, page)

    @strawberry.field(description="Group-by counts (type, actor kind, region, campaign …) of matching activities.")
    async def activity_facets(self, info: CtxInfo, filter: ActivityFilter | None = None) -> ActivityFacets:
        found = await call(info.context.repo.facets, activity_pred(filter))
        return facets_from(found.get(None, []))

    @strawberry.field(description="Chinese-aware full-text search over every kind of node, best first.")
    async def search(self, info: CtxInfo, text: str, first: int | None = None) -> list[SearchHit]:
        limit = _bounded("first", first, DEFAULT_SEARCH, MAX_SEARCH)
        if not text.strip():
            raise BadUserInput("text must not be empty", argument="text")
        hits = await call(info.context.repo.search, text, limit)
        nodes = typed(info, [h.props for h in hits])
        return [SearchHit(score=h.score, snippet=h.snippet, node=n) for h, n in zip(hits, nodes, strict=True)]

    @strawberry.field(description="The subgraph within `depth` hops of a node, for visualization.")
    async def neighborhood(
        self, info: CtxInfo, id: strawberry.ID, depth: int | None = None, limit: int | None = None
    ) -> Subgraph:
        depth = _bounded("depth", depth, 1, MAX_DEPTH)
        limit = _bounded("limit", limit, DEFAULT_NEIGHBORHOOD, MAX_NEIGHBORHOOD)
        await _require(info, str(id))
        sub = await call(walk.neighborhood, info.context.repo, str(id), depth, limit)
        return await _subgraph(info, sub)

    @strawberry.field(description="A shortest path between two nodes, or null when none within maxHops.")
    async def path(
        self,
        info: CtxInfo,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int | None = None,
    ) -> Subgraph | None:
        hops = _bounded("maxHops", max_hops, DEFAULT_HOPS, MAX_HOPS)
        await _require(info, str(from_))
        await _require(info, str(to))
        sub = await call(walk.shortest_path, info.context.repo, str(from_), str(to), hops)
        return await _subgraph(info, sub) if sub else None

    @strawberry.field(description="A notice by year; the latest loaded when year is omitted.")
    async def notice(self, info: CtxInfo, year: int | None = None) -> Notice | None:
        notices = await call(info.context.repo.notices)
        for props in notices:
            if year is None or props.get("year") == year:
                return Notice.from_props(props)
        if year is not None:
            raise NotFound(f"no notice for year {year}", year=year)
        return None

    @strawberry.field(description="Every loaded notice, newest first.")
    async def notices(self, info: CtxInfo) -> list[Notice]:
        return [Notice.from_props(p) for p in await call(info.context.repo.notices)]

    @strawberry.field(description="Node and edge counts for dashboards and health checks.")
    async def stats(self, info: CtxInfo) -> Stats:
        nodes, edges, by_kind = await call(info.context.repo.stats)
        counts = [KindCount(kind=r["kind"] or "", count=r["count"]) for r in by_kind]
        return Stats(nodes=nodes, edges=edges, by_kind=counts)

    @strawberry.field(description="Every campaign (专项行动 and named programmes) some activity is part of, by name.")
    async def campaigns(
        self, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Campaign]:
        return await _linked(info, "Campaign", "PART_OF", year)

    @strawberry.field(description="Every event (conference, forums, exhibition) some activity is part of, by name.")
    async def events(
        self, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Event]:
        return await _linked(info, "Event", "PART_OF", year)

    @strawberry.field(description="Every topic some activity is about, by name.")
    async def topics(
        self, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Topic]:
        return await _linked(info, "Topic", "ABOUT", year)

    @strawberry.field(description="Every document (《…》) some activity cites, by name.")
    async def documents(
        self, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Document]:
        return await _linked(info, "Document", "CITES", year)

    @strawberry.field(description="One activity by id.")
    async def activity(self, info: CtxInfo, id: strawberry.ID) -> Activity:
        props = await _require(info, str(id))
        if props.get("label") != "Activity":
            raise NotFound(f"{id!r} is not an activity", id=str(id))
        return to_type(props)  # type: ignore[no-any-return]


async def _linked(info: CtxInfo, label: str, rel_type: str, year: int | None) -> list[Any]:
    return typed(info, await call(info.context.repo.linked_nodes, label, rel_type, year))
