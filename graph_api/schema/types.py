"""GraphQL object types. Resolvers read through the per-request Context, never Cypher."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph_api.errors import NotFound
from graph_api.schema.context import Context
from graph_api.schema.enums import ActivityOrder, ActivityType, ActorKind, ActorRole
from graph_api.schema.filters import ActivityFilter, Snapshot
from graph_api.schema.paging import encode_cursor, page_bounds

Props = dict[str, Any]
CtxInfo = Info[Context, None]


@strawberry.interface(description="Anything with a stable id; `node(id:)` resolves it.")
class Node:
    id: strawberry.ID


@strawberry.type
class Source:
    """Where a fact was read: section path, span in the normalized text, sentence, line."""

    section: str
    text: str
    start: int
    end: int
    line: int


def source_of(props: Props) -> Source | None:
    """The provenance stored on a node, if any."""
    if props.get("src_text") is None:
        return None
    return Source(
        section=props["src_section"],
        text=props["src_text"],
        start=props["src_start"],
        end=props["src_end"],
        line=props["src_line"],
    )


async def snapshot(info: CtxInfo) -> Snapshot:
    """The activity/actor snapshot: one version check per request, built once per version."""
    return await info.context.snapshot()


async def load_nodes(info: CtxInfo, ids: list[str]) -> list[Any]:
    """Typed objects for ids, batched with every other load of this level."""
    found = await info.context.node_loader.load_many(ids)
    return [to_type(p) for p in found if p is not None]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class ActivityEdge:
    cursor: str
    node: Activity


@strawberry.type
class ActivityConnection:
    total_count: int
    edges: list[ActivityEdge]
    nodes: list[Activity]
    page_info: PageInfo


async def paginate(
    info: CtxInfo, ids: list[str], first: int | None, after: str | None
) -> tuple[list[Any], list[str], PageInfo]:
    """One Relay page over ordered ids: typed nodes (batch-loaded), their cursors, page info."""
    start, size = page_bounds(info.context.settings, first, after)
    nodes = await load_nodes(info, ids[start : start + size])
    cursors = [encode_cursor(start + i) for i in range(len(nodes))]
    page = PageInfo(has_next_page=start + size < len(ids), end_cursor=cursors[-1] if cursors else None)
    return nodes, cursors, page


async def activity_page(
    info: CtxInfo, facts: list[dict[str, Any]], first: int | None, after: str | None,
    order: ActivityOrder | None = None,
) -> ActivityConnection:
    """A Relay page of activities from snapshot rows."""
    if order in (ActivityOrder.TITLE_ASC, ActivityOrder.TITLE_DESC):
        facts = sorted(facts, key=lambda f: (f["title"], f["id"]), reverse=order == ActivityOrder.TITLE_DESC)
    nodes, cursors, page = await paginate(info, [f["id"] for f in facts], first, after)
    edges = [ActivityEdge(cursor=c, node=n) for c, n in zip(cursors, nodes, strict=True)]
    return ActivityConnection(total_count=len(facts), edges=edges, nodes=nodes, page_info=page)


@strawberry.type
class FacetCount:
    key: str
    label: str | None
    count: int


@strawberry.type
class ActivityFacets:
    """Group-by counts of a set of activities."""

    total: int
    by_type: list[FacetCount]
    by_actor_kind: list[FacetCount]
    by_region: list[FacetCount]
    by_campaign: list[FacetCount]
    by_event: list[FacetCount]
    by_topic: list[FacetCount]


def _facet(counts: dict[str, int], labels: dict[str, str | None] | None = None) -> list[FacetCount]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [FacetCount(key=k, label=(labels or {}).get(k), count=c) for k, c in ordered]


async def facets_of(info: CtxInfo, facts: list[dict[str, Any]]) -> ActivityFacets:
    """Facets over activity rows; labels of linked nodes come in one batched load."""
    snap = await snapshot(info)
    by: dict[str, dict[str, int]] = {k: {} for k in ("type", "kind", "region", "campaign", "event", "topic")}

    def bump(key: str, value: str) -> None:
        by[key][value] = by[key].get(value, 0) + 1

    for fact in facts:
        for t in fact["types"] or []:
            bump("type", t)
        for kind in {a["kind"] for a in fact["actors"]}:
            bump("kind", kind)
        for region in {a["id"] for a in fact["actors"] if a["kind"] == "REGION"}:
            bump("region", region)
        for key in ("campaign", "event", "topic"):
            for value in set(fact.get(f"{key}s") or []):
                bump(key, value)
    linked = [k for key in ("campaign", "event", "topic") for k in by[key]]
    props = await info.context.node_loader.load_many(linked)
    labels: dict[str, str | None] = {p["id"]: p.get("name") for p in props if p}
    labels.update({a: snap.actors[a]["name"] for a in by["region"] if a in snap.actors})
    return ActivityFacets(
        total=len(facts),
        by_type=_facet(by["type"]),
        by_actor_kind=_facet(by["kind"]),
        by_region=_facet(by["region"], labels),
        by_campaign=_facet(by["campaign"], labels),
        by_event=_facet(by["event"], labels),
        by_topic=_facet(by["topic"], labels),
    )


@strawberry.interface(description="A body that runs activities.")
class Actor(Node):
    name: str
    aliases: list[str]
    kind: ActorKind

    @strawberry.field(description="Actors that take part in the same activities.")
    async def partners(self, info: CtxInfo) -> list[Actor]:
        snap = await snapshot(info)
        seen: dict[str, None] = {}
        for fact in snap.by_actor.get(str(self.id), []):
            for a in fact["actors"]:
                if a["id"] != self.id:
                    seen.setdefault(a["id"])
        ids = sorted(seen, key=lambda i: (snap.actors.get(i, {}).get("name") or i))
        return await load_nodes(info, ids)

    @strawberry.field(description="Activities this actor takes part in, in document order.")
    async def activities(
        self,
        info: CtxInfo,
        first: int | None = None,
        after: str | None = None,
        filter: ActivityFilter | None = None,
        role: ActorRole | None = None,
    ) -> ActivityConnection:
        snap = await snapshot(info)
        facts = [
            f for f in snap.by_actor.get(str(self.id), [])
            if snap.activity_matches(filter, f)
            and (role is None or any(a["id"] == self.id and a["role"] == role.value for a in f["actors"]))
        ]
        return await activity_page(info, facts, first, after)

    @strawberry.field(description="Group-by counts of this actor's activities.")
    async def activity_facets(self, info: CtxInfo) -> ActivityFacets:
        snap = await snapshot(info)
        return await facets_of(info, snap.by_actor.get(str(self.id), []))


@strawberry.type
class Organizer(Actor):
    """A 联合主办单位 (joint organizer); `listed` is false for organizers inferred from 主送."""


@strawberry.type
class Region(Actor):
    """A province-level region; `code` is its GB/T 2260 code (null for 新疆生产建设兵团)."""

    code: str | None


@strawberry.type
class Association(Actor):
    """A national association or federation (附件2)."""


@strawberry.type
class Organization(Actor):
    """Any other body named in the notice (media, 有关部门, …)."""


@strawberry.type
class Participant:
    role: ActorRole
    actor: Actor


async def _details(info: CtxInfo, activity_id: str) -> dict[str, Any]:
    return await info.context.details_loader.load(activity_id) or {"participants": [], "links": []}


async def _linked(info: CtxInfo, activity_id: str, rel: str, kind: str) -> list[Any]:
    details = await _details(info, activity_id)
    ids = [link["id"] for link in details["links"] if link["type"] == rel and link["kind"] == kind]
    return await load_nodes(info, ids)


@strawberry.type
class Activity(Node):
    """One atomic action read from an annex, with who runs it and where it was read."""

    title: str
    types: list[ActivityType]
    context: str | None = strawberry.field(description="Scene-setting clause (结合…, 围绕…)")
    source: Source
    props: strawberry.Private[Props]

    @strawberry.field
    async def participants(self, info: CtxInfo) -> list[Participant]:
        details = await _details(info, str(self.id))
        order = {"LEAD": 0, "PARTNER": 1, "SUPPORT": 2}
        parts = sorted(details["participants"], key=lambda p: order.get(p["role"], 3))
        actors = {str(a.id): a for a in await load_nodes(info, [p["id"] for p in parts])}
        return [Participant(role=ActorRole(p["role"]), actor=actors[p["id"]]) for p in parts if p["id"] in actors]

    @strawberry.field
    async def campaigns(self, info: CtxInfo) -> list[Campaign]:
        return await _linked(info, str(self.id), "PART_OF", "CAMPAIGN")

    @strawberry.field
    async def events(self, info: CtxInfo) -> list[Event]:
        return await _linked(info, str(self.id), "PART_OF", "EVENT")

    @strawberry.field
    async def documents(self, info: CtxInfo) -> list[Document]:
        return await _linked(info, str(self.id), "CITES", "DOCUMENT")

    @strawberry.field
    async def topics(self, info: CtxInfo) -> list[Topic]:
        return await _linked(info, str(self.id), "ABOUT", "TOPIC")

    @strawberry.field
    async def product_categories(self, info: CtxInfo) -> list[ProductCategory]:
        return await _linked(info, str(self.id), "COVERS", "PRODUCT_CATEGORY")

    @strawberry.field(description="Key arrangements (重点安排) this activity carries out.")
    async def key_arrangements(self, info: CtxInfo) -> list[KeyArrangement]:
        return await _linked(info, str(self.id), "IMPLEMENTS", "KEY_ARRANGEMENT")


async def _activities_linking(info: CtxInfo, node_id: str, key: str) -> list[dict[str, Any]]:
    snap = await snapshot(info)
    return [f for f in snap.facts if node_id in (f.get(key) or [])]


@strawberry.type
class Campaign(Node):
    """A named programme or special action (专项行动): 剑网2023, “双随机、一公开” …"""

    name: str
    aliases: list[str]

    @strawberry.field
    async def activities(self, info: CtxInfo, first: int | None = None, after: str | None = None) -> ActivityConnection:
        return await activity_page(info, await _activities_linking(info, str(self.id), "campaigns"), first, after)

    @strawberry.field(description="Actors taking part in the campaign's activities.")
    async def actors(self, info: CtxInfo) -> list[Actor]:
        facts = await _activities_linking(info, str(self.id), "campaigns")
        return await load_nodes(info, list(dict.fromkeys(a["id"] for f in facts for a in f["actors"])))


@strawberry.type
class Event(Node):
    """A conference, forum or exhibition; forums are part of their conference."""

    name: str
    aliases: list[str]
    event_kind: str | None

    @strawberry.field
    async def activities(self, info: CtxInfo, first: int | None = None, after: str | None = None) -> ActivityConnection:
        return await activity_page(info, await _activities_linking(info, str(self.id), "events"), first, after)

    @strawberry.field(description="Actors taking part in the event's activities.")
    async def actors(self, info: CtxInfo) -> list[Actor]:
        facts = await _activities_linking(info, str(self.id), "events")
        return await load_nodes(info, list(dict.fromkeys(a["id"] for f in facts for a in f["actors"])))

    @strawberry.field(description="The event this one is part of (a forum's conference).")
    async def part_of(self, info: CtxInfo) -> Event | None:
        targets = await info.context.links_loader.load((str(self.id), "PART_OF"))
        found = await load_nodes(info, [t for t, _ in targets])
        return found[0] if found else None


@strawberry.type
class Document(Node):
    """A policy or standard cited as 《…》."""

    name: str


@strawberry.type
class Topic(Node):
    """A recurring subject: 首席质量官, 质量管理小组 (QC小组), 一站式 …"""

    name: str
    aliases: list[str]

    @strawberry.field
    async def activities(self, info: CtxInfo, first: int | None = None, after: str | None = None) -> ActivityConnection:
        return await activity_page(info, await _activities_linking(info, str(self.id), "topics"), first, after)


@strawberry.type
class ProductCategory(Node):
    """A counted class of products: "142种各类重点产品", "10类产品"."""

    name: str
    count: int
    unit: str
    examples: list[str]


@strawberry.type
class Theme(Node):
    text: str
    occurrences: int


@strawberry.type
class Slogan(Node):
    ordinal: int
    text: str


@strawberry.type
class ContentItem(Node):
    """An item of 二、活动内容."""

    ordinal: int
    title: str
    source: Source


@strawberry.type
class Requirement(Node):
    """An item of 四、工作要求."""

    ordinal: int
    title: str
    source: Source


@strawberry.type
class KeyArrangement(Node):
    """An item of 三、重点安排, with the annex activities that carry it out."""

    ordinal: int
    title: str
    source: Source

    @strawberry.field
    async def activities(self, info: CtxInfo) -> list[Activity]:
        snap = await snapshot(info)
        return await load_nodes(info, [f["id"] for f in snap.facts if self.id in (f.get("arrangements") or [])])


@strawberry.type
class Contact(Node):
    name: str | None
    office: str | None
    phones: list[str]
    email: str | None


def _simple(cls: type, props: Props, fields: tuple[str, ...]) -> Any:
    return cls(id=strawberry.ID(props["id"]), **{f: props.get(f) for f in fields})


def to_type(props: Props) -> Any:
    """The GraphQL object for stored node properties (dispatch on the node's label)."""
    label = props.get("label")
    pid = strawberry.ID(props["id"])
    if label in ACTOR_TYPES:
        common = {
            "id": pid,
            "name": props["name"],
            "aliases": props.get("aliases") or [],
            "kind": ActorKind(props["kind"]),
        }
        if label == "Region":
            return Region(code=props.get("code"), **common)
        return ACTOR_TYPES[label](**common)
    if label == "Activity":
        source = source_of(props)
        assert source is not None, f"activity {pid} has no provenance"
        return Activity(
            id=pid,
            title=props["title"],
            types=[ActivityType[t] for t in props.get("types") or ["OTHER"]],
            context=props.get("context") or None,
            source=source,
            props=props,
        )
    if label == "Event":
        return Event(id=pid, name=props["name"], aliases=props.get("aliases") or [], event_kind=props.get("event_kind"))
    if label in {"Campaign", "Topic"}:
        return SIMPLE[label](id=pid, name=props["name"], aliases=props.get("aliases") or [])
    if label in {"ContentItem", "Requirement", "KeyArrangement"}:
        source = source_of(props)
        assert source is not None, f"{pid} has no provenance"
        return SIMPLE[label](id=pid, ordinal=props["ordinal"], title=props["title"], source=source)
    if label == "Notice":
        from graph_api.schema.notice import Notice

        return Notice.from_props(props)
    if label in SIMPLE:
        return _simple(SIMPLE[label], props, FIELDS[label])
    raise NotFound(f"node {props['id']!r} has no GraphQL type", id=props["id"])


ACTOR_TYPES: dict[str, type] = {
    "Organizer": Organizer, "Region": Region, "Association": Association, "Organization": Organization,
}
SIMPLE: dict[str, type] = {
    "Campaign": Campaign, "Topic": Topic, "Document": Document, "ProductCategory": ProductCategory,
    "Theme": Theme, "Slogan": Slogan, "ContentItem": ContentItem, "Requirement": Requirement,
    "KeyArrangement": KeyArrangement, "Contact": Contact,
}
FIELDS: dict[str, tuple[str, ...]] = {
    "Document": ("name",),
    "ProductCategory": ("name", "count", "unit", "examples"),
    "Theme": ("text", "occurrences"),
    "Slogan": ("ordinal", "text"),
    "Contact": ("name", "office", "phones", "email"),
}
