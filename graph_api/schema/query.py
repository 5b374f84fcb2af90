"""The root Query type: what a consumer can ask, with every default and limit described."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_api.compiler.parse import activity_pred, actor_pred
from graph_api.errors import BadUserInput, LimitExceeded, NotFound
from graph_api.schema.common import CtxInfo, Node, to_type, typed
from graph_api.schema.compare import Comparison, compare
from graph_api.schema.connection import relay
from graph_api.schema.context import call
from graph_api.schema.enums import ActivityOrder, ActorOrder
from graph_api.schema.facets import ActivityFacets, activity_facets
from graph_api.schema.filters import ActivityFilter, ActorFilter
from graph_api.schema.nodes import Activity, ActivityConnection, LinkedLists, connection, page_of
from graph_api.schema.notice import Notice
from graph_api.schema.paging import AFTER, BEFORE, FIRST, LAST
from graph_api.schema.views import ActorConnection, ActorEdge, KindCount, SearchHit, Stats, Subgraph, subgraph
from graph_api.store import walk
from loaders.model import Label

MAX_DEPTH = 3
MAX_NEIGHBORHOOD = 500
DEFAULT_NEIGHBORHOOD = 100
MAX_HOPS = 6
DEFAULT_HOPS = 4
MAX_SEARCH = 100
DEFAULT_SEARCH = 10


def _bounded(name: str, value: int | None, default: int, maximum: int, minimum: int = 1) -> int:
    value = default if value is None else value
    if value < minimum:
        raise BadUserInput(f"{name} must be at least {minimum}, got {value}", argument=name)
    if value > maximum:
        raise LimitExceeded(f"{name} may be at most {maximum}, got {value}", argument=name)
    return value


async def _subgraph(info: CtxInfo, sub: walk.Subgraph) -> Subgraph:
    return subgraph(await info.context.node_loader.load_many(sub.nodes), sub)


async def _require(info: CtxInfo, node_id: str) -> dict[str, Any]:
    props = await info.context.node_loader.load(node_id)
    if props is None:
        raise NotFound(f"no node with id {node_id!r}", id=node_id)
    return props


@strawberry.type(description="What can be asked. Lists are Relay connections; limits answer LIMIT_EXCEEDED.")
class Query(LinkedLists):  # type: ignore[misc]
    @strawberry.field(description="Any node by its id (NOT_FOUND for an unknown id).")
    async def node(
        self,
        info: CtxInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The id; NOT_FOUND when no node has it.")],
    ) -> Node | None:
        return to_type(await _require(info, str(id)))  # type: ignore[no-any-return]

    @strawberry.field(description="Nodes by id, in the order asked; null for unknown ids.")
    async def nodes(
        self,
        info: CtxInfo,
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="At most QGRAPH_MAX_PAGE (100) ids.")],
    ) -> list[Node | None]:
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
        filter: Annotated[ActorFilter | None, strawberry.argument(description="Only matching actors.")] = None,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        order_by: Annotated[
            ActorOrder, strawberry.argument(description="Order; by name (pinyin) by default.")
        ] = ActorOrder.NAME_ASC,
        last: Annotated[int | None, strawberry.argument(description=LAST)] = None,
        before: Annotated[str | None, strawberry.argument(description=BEFORE)] = None,
    ) -> ActorConnection:
        page = page_of(info, first, after, last, before)
        found = await call(info.context.repo.actor_page, actor_pred(filter), order_by.name, page)
        return relay(info, found, page, ActorEdge, ActorConnection)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Activities, filtered and paged (Relay); document order by default. "
        "`first` defaults to 20 and may be at most 100 (QGRAPH_DEFAULT_PAGE, QGRAPH_MAX_PAGE)."
    )
    async def activities(
        self,
        info: CtxInfo,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        order_by: Annotated[
            ActivityOrder, strawberry.argument(description="Order; document order by default.")
        ] = ActivityOrder.DOCUMENT,
        last: Annotated[int | None, strawberry.argument(description=LAST)] = None,
        before: Annotated[str | None, strawberry.argument(description=BEFORE)] = None,
    ) -> ActivityConnection:
        page = page_of(info, first, after, last, before)
        found = await call(info.context.repo.activity_page, activity_pred(filter), order_by.name, page)
        return connection(info, found, page)

    @strawberry.field(description="Group-by counts (type, actor kind, region, campaign …) of matching activities.")
    async def activity_facets(
        self,
        info: CtxInfo,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
    ) -> ActivityFacets:
        return await activity_facets(info, filter)

    @strawberry.field(description="Chinese-aware full-text search over every kind of node, best first.")
    async def search(
        self,
        info: CtxInfo,
        text: Annotated[
            str, strawberry.argument(description="Phrases separated by spaces; every one must occur. Not empty.")
        ],
        first: Annotated[
            int | None,
            strawberry.argument(description=f"How many hits; default {DEFAULT_SEARCH}, at most {MAX_SEARCH}."),
        ] = None,
        year: Annotated[
            int | None,
            strawberry.argument(description="Only the notice of this year: its own nodes and the shared ones it links"),
        ] = None,
        notice: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this notice (id, e.g. `notice:2023`), as `year` scopes."),
        ] = None,
    ) -> list[SearchHit]:
        limit = _bounded("first", first, DEFAULT_SEARCH, MAX_SEARCH)
        if not text.strip():
            raise BadUserInput("text must not be empty", argument="text")
        scope = await call(info.context.repo.notice_ids, year, None if notice is None else str(notice))
        hits = await call(info.context.repo.search, text, limit, scope)
        nodes = typed(info, [h.props for h in hits])
        return [SearchHit(score=h.score, snippet=h.snippet, node=n) for h, n in zip(hits, nodes, strict=True)]

    @strawberry.field(description="The subgraph within `depth` hops of a node, for visualization.")
    async def neighborhood(
        self,
        info: CtxInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The centre node; NOT_FOUND when unknown.")],
        depth: Annotated[
            int | None, strawberry.argument(description=f"Hops from the centre; default 1, at most {MAX_DEPTH}.")
        ] = None,
        limit: Annotated[
            int | None,
            strawberry.argument(
                description=f"At most this many nodes; default {DEFAULT_NEIGHBORHOOD}, at most {MAX_NEIGHBORHOOD}."
            ),
        ] = None,
    ) -> Subgraph:
        depth = _bounded("depth", depth, 1, MAX_DEPTH)
        limit = _bounded("limit", limit, DEFAULT_NEIGHBORHOOD, MAX_NEIGHBORHOOD)
        await _require(info, str(id))
        sub = await call(walk.neighborhood, info.context.repo, str(id), depth, limit)
        return await _subgraph(info, sub)

    @strawberry.field(
        description="A shortest path between two nodes, ignoring edge direction and never passing through a "
        f"notice. Null when no path has at most `maxHops` edges (default {DEFAULT_HOPS}, at most {MAX_HOPS}): "
        "ask again with a larger `maxHops`. Unknown ids answer NOT_FOUND."
    )
    async def path(
        self,
        info: CtxInfo,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Id of the start.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="Id of the end.")],
        max_hops: Annotated[
            int | None,
            strawberry.argument(
                description=f"Longest path looked for, in edges; default {DEFAULT_HOPS}, at most {MAX_HOPS}."
            ),
        ] = None,
    ) -> Subgraph | None:
        hops = _bounded("maxHops", max_hops, DEFAULT_HOPS, MAX_HOPS)
        await _require(info, str(from_))
        await _require(info, str(to))
        sub = await call(walk.shortest_path, info.context.repo, str(from_), str(to), hops)
        return await _subgraph(info, sub) if sub else None

    @strawberry.field(
        description="The national notice of a year (a local one only when no national one of that year is "
        "loaded); the latest loaded when year is omitted."
    )
    async def notice(
        self,
        info: CtxInfo,
        year: Annotated[
            int | None, strawberry.argument(description="The year; NOT_FOUND when no notice of that year is loaded.")
        ] = None,
    ) -> Notice | None:
        props = await call(info.context.repo.notice, year)
        if props is not None:
            return Notice.from_props(props)
        if year is not None:
            raise NotFound(f"no notice for year {year}", year=year)
        return None

    @strawberry.field(description="Loaded notices, newest first (a year's national notice before its local ones).")
    async def notices(
        self,
        info: CtxInfo,
        level: Annotated[
            str | None,
            strawberry.argument(description="Only notices of this level: `NATIONAL`, `PROVINCIAL`, `CITY`, `COUNTY`."),
        ] = None,
        year: Annotated[int | None, strawberry.argument(description="Only notices of this year.")] = None,
        within: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only notices issued within this region (a region id such as `region:440000`, "
                "every level under it included)."
            ),
        ] = None,
    ) -> list[Notice]:
        code = str(within).removeprefix("region:") if within is not None else None
        if code is not None and not code.isdigit():
            return []  # a region without a GB/T 2260 code issues no notice of its own
        found = await call(info.context.repo.notices, level, year, code)
        return [Notice.from_props(p) for p in found]

    @strawberry.field(
        description="Two notices side by side (any two: two years' national notices, a national and a local one): "
        "the actors, activities (matched by meaning), campaigns and events in one and not the other, and those in "
        "both. Unknown ids answer NOT_FOUND."
    )
    async def compare(
        self,
        info: CtxInfo,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="Id of a notice.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="Id of another notice.")],
    ) -> Comparison:
        return await compare(info, str(from_), str(to))

    @strawberry.field(description="Node and edge counts for dashboards and health checks.")
    async def stats(self, info: CtxInfo) -> Stats:
        nodes, edges, by_kind = await call(info.context.repo.stats)
        counts = [KindCount(kind=r["kind"], count=r["count"]) for r in by_kind]
        return Stats(nodes=nodes, edges=edges, by_kind=counts)

    @strawberry.field(description="One activity by id.")
    async def activity(
        self,
        info: CtxInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The id; NOT_FOUND unless an activity has it.")],
    ) -> Activity:
        props = await _require(info, str(id))
        if props.get("label") != Label.ACTIVITY:
            raise NotFound(f"{id!r} is not an activity", id=str(id))
        return to_type(props)  # type: ignore[no-any-return]
