"""Activities: what is done, who takes part, and what each links to (one list field per link
of the model registry, generated)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_api.schema import linked  # noqa: F401  (registers the linked kinds' types first)
from graph_api.schema.actors import Actor
from graph_api.schema.common import CtxInfo, Node, Props, Source, builds, load_nodes, source_of, type_of
from graph_api.schema.enums import ActivityType, ActorRole
from loaders.model import KIND_BY_LABEL, LINKS, Label, Link

if TYPE_CHECKING:
    from graph_api.schema.notice import Notice

ROLE_ORDER = {"LEAD": 0, "PARTNER": 1, "SUPPORT": 2}


@strawberry.type(description="An actor taking part in an activity, with its role.")
class Participant:
    role: ActorRole = strawberry.field(description="LEAD, PARTNER or SUPPORT.")
    actor: Actor = strawberry.field(description="Who.")


async def _details(info: CtxInfo, activity_id: str) -> dict[str, Any]:
    return await info.context.details_loader.load(activity_id) or {"participants": [], "links": []}


def _link_field(link: Link) -> Any:
    """The field listing what an activity links to over ``link``."""
    kind = KIND_BY_LABEL[link.target].kind

    async def resolve(self: Node, info: CtxInfo) -> list[Any]:
        details = await _details(info, str(self.id))
        ids = [x["id"] for x in details["links"] if x["type"] == link.rel and x["kind"] == kind]
        return await load_nodes(info, ids)

    resolve.__annotations__["return"] = list[type_of(link.target)]  # type: ignore[misc]
    return strawberry.field(resolver=resolve, description=link.field_doc)


# Activity's link fields (campaigns, events, documents …), one per link of the registry.
ActivityLinks: Any = strawberry.type(
    type("ActivityLinks", (), {"__module__": __name__, **{link.field: _link_field(link) for link in LINKS}}),
    description="What an activity links to.",
)


@builds(Label.ACTIVITY)
@strawberry.type(description="One atomic action read from an annex, with who runs it and where it was read.")
class Activity(Node, ActivityLinks):  # type: ignore[misc]
    title: str = strawberry.field(description="What is done, e.g. `开展质量监督抽查`.")
    types: list[ActivityType] = strawberry.field(description="Types from the cue-word taxonomy; at least one.")
    context: str | None = strawberry.field(description="Scene-setting clause (结合…, 围绕…).")
    year: int | None = strawberry.field(description="Year of the notice it was read from.")
    source: Source = strawberry.field(description="Where it was read.")
    owner: strawberry.Private[str | None] = None  # the id of its notice

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
            owner=props.get("owner"),
        )

    @strawberry.field(description="The notice it was read from: its level and jurisdiction say who carries it out.")
    async def notice(self, info: CtxInfo) -> Annotated[Notice, strawberry.lazy("graph_api.schema.notice")] | None:
        found = await load_nodes(info, [self.owner] if self.owner else [])
        return found[0] if found else None

    @strawberry.field(description="Who takes part: LEAD first, then PARTNER, then SUPPORT; by id within a role.")
    async def participants(self, info: CtxInfo) -> list[Participant]:
        details = await _details(info, str(self.id))
        # Ordered here, not in storage order: a graph re-created from an export answers alike.
        parts = sorted(details["participants"], key=lambda p: (ROLE_ORDER.get(p["role"], 3), p["id"]))
        actors = {str(a.id): a for a in await load_nodes(info, [p["id"] for p in parts])}
        return [Participant(role=ActorRole(p["role"]), actor=actors[p["id"]]) for p in parts if p["id"] in actors]
