"""Actors: the bodies that run activities, one GraphQL type per actor kind of the model."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph_api.compiler.parse import activity_pred
from graph_api.compiler.queries import Scope
from graph_api.schema.common import CtxInfo, Node, Props, builds, load_nodes, typed
from graph_api.schema.connection import YEAR, ActivityConnection, page_of, scoped_activities
from graph_api.schema.enums import ActorKind, ActorRole
from graph_api.schema.facets import ActivityFacets, activity_facets
from graph_api.schema.filters import ActivityFilter
from graph_api.schema.paging import AFTER, BEFORE, FIRST, LAST
from loaders.model import Label, Rel


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
        return await activity_facets(info, filter, Scope.ACTOR, str(self.id))

    @classmethod
    def from_props(cls, props: Props) -> Any:
        """The actor type of the node's label."""
        common = {
            "id": strawberry.ID(props["id"]),
            "name": props["name"],
            "aliases": props.get("aliases") or [],
            "kind": ActorKind(props["kind"]),
        }
        if props["label"] == Label.REGION:
            return Region(code=props.get("code"), **common)
        return ACTOR_TYPES[props["label"]](**common)


@builds(Label.ORGANIZER)
@strawberry.type(description="A 联合主办单位 (joint organizer) or another government body.")
class Organizer(Actor):
    pass


@builds(Label.REGION)
@strawberry.type(
    description="A region at any level: province, prefecture (city), county or district (GB/T 2260 coded), "
    "township, 街道 or development zone (no code)."
)
class Region(Actor):
    code: str | None = strawberry.field(
        description="GB/T 2260 code; null for a township, 街道 or zone and for 新疆生产建设兵团."
    )

    @strawberry.field(
        description="The region it lies within (WITHIN): a county's city, a city's province; null for a province."
    )
    async def parent(self, info: CtxInfo) -> Region | None:
        targets = await info.context.links_loader.load((str(self.id), Rel.WITHIN))
        found = await load_nodes(info, [t for t, _ in targets])
        return found[0] if found else None

    @strawberry.field(
        description="The loaded regions lying directly within it (their `parent` is this one), by code then name."
    )
    async def children(self, info: CtxInfo) -> list[Region]:
        sources = await info.context.backlinks_loader.load((str(self.id), Rel.WITHIN))
        found: list[Region] = await load_nodes(info, list(dict.fromkeys(s for s, _ in sources)))
        return sorted(found, key=lambda r: (r.code is None, r.code or "", r.name))


@builds(Label.ASSOCIATION)
@strawberry.type(description="A national association or federation (附件2).")
class Association(Actor):
    pass


@builds(Label.ORGANIZATION)
@strawberry.type(description="Any other body named in the notice (media, 有关部门, …).")
class Organization(Actor):
    pass


ACTOR_TYPES: dict[str, type] = {
    Label.ORGANIZER: Organizer, Label.REGION: Region, Label.ASSOCIATION: Association,
    Label.ORGANIZATION: Organization,
}  # fmt: skip
