"""What activities link to: one GraphQL type per named kind of the model's links (campaigns,
events, documents, topics …), generated from ``loaders.model.LINKS``, and the numbered items
and product classes.

A named kind has a name and aliases, its activities (paged, filtered) and their actors; the
root ``Query`` lists every node of the kind some activity links to (:data:`LinkedLists`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph_api.compiler.parse import activity_pred
from graph_api.compiler.queries import Page, Scope
from graph_api.schema.common import CtxInfo, Node, Props, Source, builds, load_nodes, source_of, typed
from graph_api.schema.connection import scoped_activities, scoped_activities_field, scoped_actors_field
from graph_api.schema.context import call
from loaders.model import KIND_BY_LABEL, LINKS, Label, Link, Rel

if TYPE_CHECKING:
    from graph_api.schema.activity import Activity

# Nested lists without paging arguments (key arrangements' activities) return this many at most.
UNPAGED = 1000
YEAR = "Only what activities of the notice of this year link to."

# The links whose target is a named kind with its own type (and a root list).
NAMED_LINKS = tuple(link for link in LINKS if link.scope and link.listed_doc)


@strawberry.type(description="What an event adds to a named kind.")
class EventFacts:
    event_kind: str | None = strawberry.field(description="Conference, forum or exhibition.")

    @strawberry.field(description="The event this one is part of (a forum's conference).")
    async def part_of(self, info: CtxInfo) -> Event | None:  # type: ignore[valid-type]
        targets = await info.context.links_loader.load((str(self.id), Rel.PART_OF))  # type: ignore[attr-defined]
        found = await load_nodes(info, [t for t, _ in targets])
        return found[0] if found else None


# Extra fields of some named kinds, stored under the same property names.
EXTRAS: dict[str, type] = {Label.EVENT: EventFacts}


def _named_type(link: Link) -> type:
    """The GraphQL type of a link's named target kind."""
    kind = KIND_BY_LABEL[link.target]
    extra = EXTRAS.get(link.target)
    extra_keys = [k for k in getattr(extra, "__annotations__", {}) if not k.startswith("_")]

    def from_props(cls: Any, props: Props) -> Any:
        extras = {k: props.get(k) for k in extra_keys}
        return cls(id=strawberry.ID(props["id"]), name=props["name"], aliases=props.get("aliases") or [], **extras)

    namespace = {
        "__module__": __name__,
        "__annotations__": {"name": str, "aliases": list[str]},
        "name": strawberry.field(description="Canonical name."),
        "aliases": strawberry.field(description="Other spellings found."),
        "from_props": classmethod(from_props),
        "activities": scoped_activities_field(
            Scope(link.scope), f"Activities {link.reverse}, in document order, filtered and paged."
        ),
        "actors": scoped_actors_field(
            link.rel, f"Actors of the activities {link.reverse}, in order of first appearance."
        ),
    }
    bases = (Node, extra) if extra else (Node,)
    cls = strawberry.type(type(link.target, bases, namespace), description=kind.description)
    return builds(link.target)(cls)


NAMED_TYPES: dict[str, type] = {link.target: _named_type(link) for link in NAMED_LINKS}
Event = NAMED_TYPES[Label.EVENT]  # EventFacts.part_of's type


def _listed_field(link: Link) -> Any:
    """The root list of every ``link.target`` node some activity links to, by name."""

    async def listed(
        self: Any, info: CtxInfo, year: Annotated[int | None, strawberry.argument(description=YEAR)] = None
    ) -> list[Any]:
        return typed(info, await call(info.context.repo.linked_nodes, link.target, link.rel, year))

    listed.__annotations__["return"] = list[NAMED_TYPES[link.target]]  # type: ignore[name-defined,valid-type]
    return strawberry.field(resolver=listed, description=link.listed_doc)


# The root lists of the named kinds (Query inherits them): campaigns, events, documents …
LinkedLists: Any = strawberry.type(
    type("LinkedLists", (), {"__module__": __name__, **{f"{link.field}": _listed_field(link) for link in NAMED_LINKS}}),
    description="Every node of each named kind some activity links to.",
)


@builds(Label.PRODUCT_CATEGORY)
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


def implemented_by_field(what: str) -> Any:
    """The ``implementedBy`` field of an item other notices' activities carry out (IMPLEMENTS across notices)."""

    async def implemented_by(
        self: Node, info: CtxInfo
    ) -> list[Annotated[Activity, strawberry.lazy("graph_api.schema.activity")]]:
        repo = info.context.repo
        return typed(info, await info.context.batched(("implemented_by",), str(self.id), repo.implemented_by, []))

    return strawberry.field(
        resolver=implemented_by,
        description=f"Activities of lower-level notices of its year (provincial, city, county) that carry out {what}, "
        "linked by shared meaning (campaign series, kind of event or action, product), by notice then document "
        "order. Each one's `notice` says who issued it.",
    )


@builds(Label.KEY_ARRANGEMENT)
@strawberry.type(description="An item of 三、重点安排, with the annex activities that carry it out.")
class KeyArrangement(Node):
    ordinal: int = strawberry.field(description="Its number in the notice, from 1.")
    title: str = strawberry.field(description="Its heading.")
    source: Source = strawberry.field(description="Where it was read.")

    @classmethod
    def from_props(cls, props: Props) -> KeyArrangement:
        """From stored node properties."""
        return numbered_item(cls, props)  # type: ignore[no-any-return]

    implemented_by = implemented_by_field("this arrangement")

    @strawberry.field(
        description=f"Activities of its own notice carrying it out, in document order (at most {UNPAGED}); "
        "other notices' are `implementedBy`."
    )
    async def activities(
        self, info: CtxInfo
    ) -> list[Annotated[Activity, strawberry.lazy("graph_api.schema.activity")]]:
        page = Page(0, UNPAGED)
        scope = Scope(next(link.scope for link in LINKS if link.target == Label.KEY_ARRANGEMENT))
        found = await scoped_activities(info, scope, str(self.id), activity_pred(None), page)
        return found.nodes
