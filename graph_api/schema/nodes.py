"""The graph's object types: actors, activities and what activities link to.

Resolvers shape results; every list comes from one compiled statement per level (a
DataLoader batches the owners of a level), node properties from the per-request node loader.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_api.compiler.ir import Pred
from graph_api.compiler.parse import activity_pred
from graph_api.compiler.queries import Page, Scope
from graph_api.schema.common import CtxInfo, Node, PageInfo, Props, Source, builds, load_nodes, source_of, typed
from graph_api.schema.enums import ActivityOrder, ActivityType, ActorKind, ActorRole
from graph_api.schema.facets import ActivityFacets, facets_from
from graph_api.schema.filters import ActivityFilter
from graph_api.schema.paging import AFTER, BEFORE, FIRST, LAST, page_window, paged
from graph_api.store.repository import EMPTY_PAGE, PageRows

# Nested lists without paging arguments (key arrangements' activities) return this many at most.
UNPAGED = 1000
ROLE_ORDER = {"LEAD": 0, "PARTNER": 1, "SUPPORT": 2}


@strawberry.type(description="An activity in a connection, with its cursor.")
class ActivityEdge:
    cursor: str = strawberry.field(description="Opaque cursor; pass as `after` or `before`.")
    node: Activity = strawberry.field(description="The activity.")


@strawberry.type(description="A Relay page of activities.")
class ActivityConnection:
    total_count: int = strawberry.field(description="Matching activities over all pages.")
    edges: list[ActivityEdge] = strawberry.field(description="The page, with cursors.")
    nodes: list[Activity] = strawberry.field(description="The page.")
    page_info: PageInfo = strawberry.field(description="Whether more follow or precede, and the cursors to go on.")


def connection(info: CtxInfo, found: PageRows, page: Page) -> ActivityConnection:
    """A Relay connection from one page of activity rows."""
    rows, cursors, page_info = paged(page, found)
    nodes = typed(info, rows)
    edges = [ActivityEdge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    return ActivityConnection(total_count=found.total, edges=edges, nodes=nodes, page_info=page_info)


def page_of(
    info: CtxInfo, first: int | None, after: str | None, last: int | None = None, before: str | None = None
) -> Page:
    """The offsets of a Relay page (limits checked)."""
    return page_window(info.context.settings, first, after, last, before)


async def scoped_activities(
    info: CtxInfo,
    scope: Scope,
    owner: str,
    pred: Pred,
    page: Page,
    order: ActivityOrder = ActivityOrder.DOCUMENT,
    role: ActorRole | None = None,
) -> ActivityConnection:
    """``owner``'s activities, one statement for every owner of this level asking the same."""
    role_value = role.name if role else None
    repo = info.context.repo

    def fetch(owners: list[str]) -> dict[str, PageRows]:
        return repo.scoped_activity_pages(scope, owners, pred, order.name, page, role_value)

    key = ("activities", scope, pred, order, page, role_value)
    return connection(info, await info.context.batched(key, owner, fetch, EMPTY_PAGE), page)


async def scoped_actors(info: CtxInfo, rel_type: str, owner: str, year: int | None) -> list[Actor]:
    """Actors of the activities linked to ``owner`` (one statement per level)."""
    repo = info.context.repo

    def fetch(owners: list[str]) -> dict[str, list[Props]]:
        return repo.scoped_actors(rel_type, owners, year)

    rows: list[Props] = await info.context.batched(("actors", rel_type, year), owner, fetch, [])
    return typed(info, rows)


YEAR = "Only activities of the notice of this year."


def scoped_activities_field(scope: Scope, description: str) -> Any:
    """The paged, filtered ``activities`` field of a node whose activities ``scope`` finds."""

    async def activities(
        self: Node,
        info: CtxInfo,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
        last: Annotated[int | None, strawberry.argument(description=LAST)] = None,
        before: Annotated[str | None, strawberry.argument(description=BEFORE)] = None,
    ) -> ActivityConnection:
        page = page_of(info, first, after, last, before)
        return await scoped_activities(info, scope, str(self.id), activity_pred(filter), page)

    return strawberry.field(resolver=activities, description=description)


def scoped_actors_field(rel_type: str, description: str) -> Any:
    """The ``actors`` field of a node its activities link to by ``rel_type``."""

    async def actors(
        self: Node, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Actor]:
        return await scoped_actors(info, rel_type, str(self.id), year)

    return strawberry.field(resolver=actors, description=description)


@strawberry.interface(description="A body that runs activities.")
class Actor(Node):
    name: str = strawberry.field(description="Canonical name, e.g. `市场监管总局`.")
    aliases: list[str] = strawberry.field(description="Other names found for it, e.g. `国家市场监督管理总局`.")
    kind: ActorKind = strawberry.field(description="Which kind of actor.")

    @strawberry.field(description="Actors that take part in the same activities, by name (pinyin order).")
    async def partners(
        self, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Actor]:
        repo = info.context.repo

        def fetch(owners: list[str]) -> dict[str, list[Props]]:
            return repo.partners(owners, year)

        return typed(info, await info.context.batched(("partners", year), str(self.id), fetch, []))

    @strawberry.field(description="Activities this actor takes part in, in document order, filtered and paged.")
    async def activities(
        self,
        info: CtxInfo,
        first: Annotated[int | None, strawberry.argument(description=FIRST)] = None,
        after: Annotated[str | None, strawberry.argument(description=AFTER)] = None,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
        role: Annotated[
            ActorRole | None, strawberry.argument(description="Only where the actor has this role.")
        ] = None,
        last: Annotated[int | None, strawberry.argument(description=LAST)] = None,
        before: Annotated[str | None, strawberry.argument(description=BEFORE)] = None,
    ) -> ActivityConnection:
        page = page_of(info, first, after, last, before)
        return await scoped_activities(info, Scope.ACTOR, str(self.id), activity_pred(filter), page, role=role)

    @strawberry.field(description="Group-by counts of this actor's activities.")
    async def activity_facets(
        self,
        info: CtxInfo,
        filter: Annotated[ActivityFilter | None, strawberry.argument(description="Only matching activities.")] = None,
    ) -> ActivityFacets:
        repo, pred = info.context.repo, activity_pred(filter)

        def fetch(owners: list[str]) -> dict[str, Any]:
            return {k: v for k, v in repo.facets(pred, Scope.ACTOR, owners).items() if k is not None}

        return facets_from(await info.context.batched(("facets", pred), str(self.id), fetch, []))

    @classmethod
    def from_props(cls, props: Props) -> Any:
        """The actor type of the node's label."""
        common = {
            "id": strawberry.ID(props["id"]),
            "name": props["name"],
            "aliases": props.get("aliases") or [],
            "kind": ActorKind(props["kind"]),
        }
        if props["label"] == "Region":
            return Region(code=props.get("code"), **common)
        return ACTOR_TYPES[props["label"]](**common)


@builds("Organizer")
@strawberry.type(description="A 联合主办单位 (joint organizer) or another government body.")
class Organizer(Actor):
    pass


@builds("Region")
@strawberry.type(description="A province-level region.")
class Region(Actor):
    code: str | None = strawberry.field(description="GB/T 2260 code; null for 新疆生产建设兵团.")


@builds("Association")
@strawberry.type(description="A national association or federation (附件2).")
class Association(Actor):
    pass


@builds("Organization")
@strawberry.type(description="Any other body named in the notice (media, 有关部门, …).")
class Organization(Actor):
    pass


ACTOR_TYPES: dict[str, type] = {
    "Organizer": Organizer, "Region": Region, "Association": Association, "Organization": Organization,
}  # fmt: skip


@strawberry.type(description="An actor taking part in an activity, with its role.")
class Participant:
    role: ActorRole = strawberry.field(description="LEAD, PARTNER or SUPPORT.")
    actor: Actor = strawberry.field(description="Who.")


async def _details(info: CtxInfo, activity_id: str) -> dict[str, Any]:
    return await info.context.details_loader.load(activity_id) or {"participants": [], "links": []}


async def _linked(info: CtxInfo, activity_id: str, rel: str, kind: str) -> list[Any]:
    details = await _details(info, activity_id)
    ids = [link["id"] for link in details["links"] if link["type"] == rel and link["kind"] == kind]
    return await load_nodes(info, ids)


@builds("Activity")
@strawberry.type(description="One atomic action read from an annex, with who runs it and where it was read.")
class Activity(Node):
    title: str = strawberry.field(description="What is done, e.g. `开展质量监督抽查`.")
    types: list[ActivityType] = strawberry.field(description="Types from the cue-word taxonomy; at least one.")
    context: str | None = strawberry.field(description="Scene-setting clause (结合…, 围绕…).")
    year: int | None = strawberry.field(description="Year of the notice it was read from.")
    source: Source = strawberry.field(description="Where it was read.")

    @classmethod
    def from_props(cls, props: Props) -> Activity:
        """From stored node properties."""
        source = source_of(props)
        assert source is not None, f"activity {props['id']} has no provenance"
        return cls(
            id=strawberry.ID(props["id"]),
            title=props["title"],
            types=[ActivityType[t] for t in props.get("types") or ["OTHER"]],
            context=props.get("context") or None,
            year=props.get("year"),
            source=source,
        )

    @strawberry.field(description="Who takes part: LEAD first, then PARTNER, then SUPPORT; by id within a role.")
    async def participants(self, info: CtxInfo) -> list[Participant]:
        details = await _details(info, str(self.id))
        # Ordered here, not in storage order: a graph re-created from an export answers alike.
        parts = sorted(details["participants"], key=lambda p: (ROLE_ORDER.get(p["role"], 3), p["id"]))
        actors = {str(a.id): a for a in await load_nodes(info, [p["id"] for p in parts])}
        return [Participant(role=ActorRole(p["role"]), actor=actors[p["id"]]) for p in parts if p["id"] in actors]

    @strawberry.field(description="Campaigns (专项行动) it is part of.")
    async def campaigns(self, info: CtxInfo) -> list[Campaign]:
        return await _linked(info, str(self.id), "PART_OF", "CAMPAIGN")

    @strawberry.field(description="Events it is part of.")
    async def events(self, info: CtxInfo) -> list[Event]:
        return await _linked(info, str(self.id), "PART_OF", "EVENT")

    @strawberry.field(description="Documents (《…》) it cites.")
    async def documents(self, info: CtxInfo) -> list[Document]:
        return await _linked(info, str(self.id), "CITES", "DOCUMENT")

    @strawberry.field(description="Topics it is about.")
    async def topics(self, info: CtxInfo) -> list[Topic]:
        return await _linked(info, str(self.id), "ABOUT", "TOPIC")

    @strawberry.field(description="Classes of products it covers.")
    async def product_categories(self, info: CtxInfo) -> list[ProductCategory]:
        return await _linked(info, str(self.id), "COVERS", "PRODUCT_CATEGORY")

    @strawberry.field(description="Key arrangements (重点安排) this activity carries out.")
    async def key_arrangements(self, info: CtxInfo) -> list[KeyArrangement]:
        return await _linked(info, str(self.id), "IMPLEMENTS", "KEY_ARRANGEMENT")


def _named(cls: Any, props: Props, **extra: Any) -> Any:
    return cls(id=strawberry.ID(props["id"]), name=props["name"], aliases=props.get("aliases") or [], **extra)


@builds("Campaign")
@strawberry.type(description="A named programme or special action (专项行动): 剑网2023, “双随机、一公开” …")
class Campaign(Node):
    name: str = strawberry.field(description="Canonical name.")
    aliases: list[str] = strawberry.field(description="Other spellings found.")

    @classmethod
    def from_props(cls, props: Props) -> Campaign:
        """From stored node properties."""
        return _named(cls, props)  # type: ignore[no-any-return]

    activities = scoped_activities_field(Scope.CAMPAIGN, "Its activities, in document order, filtered and paged.")
    actors = scoped_actors_field("PART_OF", "Actors taking part in its activities, in order of first appearance.")


@builds("Event")
@strawberry.type(description="A conference, forum or exhibition; forums are part of their conference.")
class Event(Node):
    name: str = strawberry.field(description="Canonical name.")
    aliases: list[str] = strawberry.field(description="Other spellings found.")
    event_kind: str | None = strawberry.field(description="Conference, forum or exhibition.")

    @classmethod
    def from_props(cls, props: Props) -> Event:
        """From stored node properties."""
        return _named(cls, props, event_kind=props.get("event_kind"))  # type: ignore[no-any-return]

    activities = scoped_activities_field(Scope.EVENT, "Its activities, in document order, filtered and paged.")
    actors = scoped_actors_field("PART_OF", "Actors taking part in its activities, in order of first appearance.")

    @strawberry.field(description="The event this one is part of (a forum's conference).")
    async def part_of(self, info: CtxInfo) -> Event | None:
        targets = await info.context.links_loader.load((str(self.id), "PART_OF"))
        found = await load_nodes(info, [t for t, _ in targets])
        return found[0] if found else None


@builds("Document")
@strawberry.type(description="A policy or standard cited as 《…》.")
class Document(Node):
    name: str = strawberry.field(description="Title without the 《》.")

    @classmethod
    def from_props(cls, props: Props) -> Document:
        """From stored node properties."""
        return cls(id=strawberry.ID(props["id"]), name=props["name"])

    activities = scoped_activities_field(Scope.DOCUMENT, "Activities citing it, in document order, filtered and paged.")
    actors = scoped_actors_field("CITES", "Actors of the activities citing it, in order of first appearance.")


@builds("Topic")
@strawberry.type(description="A recurring subject: 首席质量官, 质量管理小组 (QC小组), 一站式 …")
class Topic(Node):
    name: str = strawberry.field(description="Canonical name.")
    aliases: list[str] = strawberry.field(description="Other names found.")

    @classmethod
    def from_props(cls, props: Props) -> Topic:
        """From stored node properties."""
        return _named(cls, props)  # type: ignore[no-any-return]

    activities = scoped_activities_field(Scope.TOPIC, "Activities about it, in document order, filtered and paged.")
    actors = scoped_actors_field("ABOUT", "Actors of the activities about it, in order of first appearance.")


@builds("ProductCategory")
@strawberry.type(description='A counted class of products: "142种各类重点产品", "10类产品".')
class ProductCategory(Node):
    name: str = strawberry.field(description="As written.")
    count: int = strawberry.field(description="The number named.")
    unit: str = strawberry.field(description="The counting unit (种, 类 …).")
    examples: list[str] = strawberry.field(description="Examples listed with it.")

    @classmethod
    def from_props(cls, props: Props) -> ProductCategory:
        """From stored node properties."""
        return cls(
            id=strawberry.ID(props["id"]),
            name=props["name"],
            count=props["count"],
            unit=props["unit"],
            examples=props.get("examples") or [],
        )


def numbered_item(cls: Any, props: Props) -> Any:
    """A numbered item of the notice's body (ordinal, title, provenance) from stored node properties."""
    source = source_of(props)
    assert source is not None, f"{props['id']} has no provenance"
    return cls(id=strawberry.ID(props["id"]), ordinal=props["ordinal"], title=props["title"], source=source)


@builds("KeyArrangement")
@strawberry.type(description="An item of 三、重点安排, with the annex activities that carry it out.")
class KeyArrangement(Node):
    ordinal: int = strawberry.field(description="Its number in the notice, from 1.")
    title: str = strawberry.field(description="Its heading.")
    source: Source = strawberry.field(description="Where it was read.")

    @classmethod
    def from_props(cls, props: Props) -> KeyArrangement:
        """From stored node properties."""
        return numbered_item(cls, props)  # type: ignore[no-any-return]

    @strawberry.field(description=f"Activities carrying it out, in document order (at most {UNPAGED}).")
    async def activities(self, info: CtxInfo) -> list[Activity]:
        page = Page(0, UNPAGED)
        found = await scoped_activities(info, Scope.ARRANGEMENT, str(self.id), activity_pred(None), page)
        return found.nodes
