"""Filter inputs. They only carry the request; :mod:`graph_api.compiler.parse` says what
each field means and the database evaluates it.

Filters combine with AND/OR/NOT, compare strings with eq/in/contains/startsWith, and
quantify over relations (some/none/all), as the Neo4j GraphQL Library's filters do.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

import strawberry
from strawberry.types.arguments import InputContext
from strawberry.types.base import StrawberryType, get_object_definition

from graph_api.schema.enums import ActivityType, ActorKind, ActorRole
from loaders.model import LINKS


@strawberry.input(
    description="String comparison after folding (width, case, spaces between CJK and digits); "
    "every given operator must hold of the same value."
)
class StringFilter:
    eq: str | None = strawberry.field(default=None, description="Equal to.")
    in_: list[str] | None = strawberry.field(default=None, name="in", description="Equal to one of.")
    contains: str | None = strawberry.field(default=None, description="Holds this substring.")
    starts_with: str | None = strawberry.field(default=None, description="Starts with.")


def _link_filters() -> Any:
    """A base input holding the id filter of every link of the model registry with a ``filter_key``."""
    fields = {
        key: strawberry.field(default=None, description=link.filter_doc) for link in LINKS if (key := link.filter_key)
    }
    namespace = {"__annotations__": dict.fromkeys(fields, strawberry.ID | None), "__module__": __name__, **fields}
    return strawberry.input(type("LinkFilters", (), namespace), description="Activities linked to a node (by id).")


@strawberry.input(description="Activities: every given condition must hold.")
class ActivityFilter(_link_filters()):  # type: ignore[misc]
    types: list[ActivityType] | None = strawberry.field(default=None, description="Any of these types.")
    text: str | None = strawberry.field(
        default=None, description="Every phrase (split on spaces) occurs in the activity's text, as `search` matches."
    )
    actor: strawberry.ID | None = strawberry.field(default=None, description="This actor (id) takes part.")
    role: ActorRole | None = strawberry.field(default=None, description="With `actor`: the actor's role.")
    year: int | None = strawberry.field(default=None, description="Read from the notice of this year.")
    notice: strawberry.ID | None = strawberry.field(
        default=None, description="Read from this notice (id), e.g. `notice:2023`."
    )
    within: strawberry.ID | None = strawberry.field(
        default=None,
        description="In this region (id, e.g. `region:330000`) at any level: run by a region within it (itself, "
        "or one whose chain of parents reaches it: its cities, counties, districts, townships), or read from a "
        "notice issued within it (a provincial, city or county notice of that region).",
    )
    title: StringFilter | None = strawberry.field(default=None, description="On the activity's title.")
    section: StringFilter | None = strawberry.field(default=None, description="On the section path, e.g. `附件3/九`.")
    participants: ActorQuantifier | None = strawberry.field(
        default=None, description="Quantified over the actors taking part."
    )
    and_: list[ActivityFilter] | None = strawberry.field(default=None, name="AND", description="Every one holds.")
    or_: list[ActivityFilter] | None = strawberry.field(default=None, name="OR", description="At least one holds.")
    not_: ActivityFilter | None = strawberry.field(default=None, name="NOT", description="Does not hold.")


@strawberry.input(description="Actors: every given condition must hold.")
class ActorFilter:
    kinds: list[ActorKind] | None = strawberry.field(default=None, description="Any of these kinds.")
    name: str | None = strawberry.field(
        default=None, description="Canonical name or any alias, exactly, after normalization."
    )
    name_filter: StringFilter | None = strawberry.field(
        default=None, description="String operators on the canonical name and aliases (one of them must match)."
    )
    runs: ActivityFilter | None = strawberry.field(
        default=None, description="Takes part in at least one matching activity, any role."
    )
    activities: ActivityQuantifier | None = strawberry.field(
        default=None, description="Quantified over the activities the actor takes part in."
    )
    code: StringFilter | None = strawberry.field(default=None, description="On the GB/T 2260 code (regions).")
    within: strawberry.ID | None = strawberry.field(
        default=None,
        description="A region within this region (id, e.g. `region:330000`): the region itself or one whose "
        "chain of parents (`Region.parent`) reaches it. Other actors are in no region.",
    )
    year: int | None = strawberry.field(
        default=None, description="Runs at least one activity of the notice of this year (with `notice`: the same one)."
    )
    notice: strawberry.ID | None = strawberry.field(
        default=None, description="Runs at least one activity of this notice (id), e.g. `notice:2023`."
    )
    and_: list[ActorFilter] | None = strawberry.field(default=None, name="AND", description="Every one holds.")
    or_: list[ActorFilter] | None = strawberry.field(default=None, name="OR", description="At least one holds.")
    not_: ActorFilter | None = strawberry.field(default=None, name="NOT", description="Does not hold.")


@strawberry.input(description="Quantifiers over an activity's participants; every given one must hold.")
class ActorQuantifier:
    some: ActorFilter | None = strawberry.field(default=None, description="At least one participant matches.")
    none: ActorFilter | None = strawberry.field(default=None, description="No participant matches.")
    all: ActorFilter | None = strawberry.field(
        default=None, description="Every participant matches (true without any)."
    )


@strawberry.input(description="Quantifiers over an actor's activities; every given one must hold.")
class ActivityQuantifier:
    some: ActivityFilter | None = strawberry.field(default=None, description="At least one activity matches.")
    none: ActivityFilter | None = strawberry.field(default=None, description="No activity matches.")
    all: ActivityFilter | None = strawberry.field(
        default=None, description="Every activity matches (true without any)."
    )


# (GraphQL name, Python name, resolved type) of each filter input's fields, built on first use.
_FIELDS: dict[type, list[tuple[str, str, StrawberryType | type]]] = {}


def _from_input(cls: type, value: Mapping[str, Any], context: InputContext) -> Any:
    """A filter input built as Strawberry builds it, with each field's type resolved once.

    Strawberry re-resolves the annotation of every field of an input on every request, and
    GraphQL fills every omitted field of these inputs with its published default (null): that
    was a quarter of a ``who_runs`` request's CPU. Nulls and scalars pass as they are;
    lists and nested inputs go through Strawberry's own conversion.
    """
    fields = _FIELDS.get(cls)
    if fields is None:
        definition = get_object_definition(cls, strict=True)
        fields = _FIELDS[cls] = [
            (context.config.name_converter.from_field(f), f.python_name, f.resolve_type(type_definition=definition))
            for f in definition.fields
        ]
    kwargs: dict[str, Any] = {}
    for graphql_name, python_name, type_ in fields:
        if graphql_name in value:
            item = value[graphql_name]
            plain = item is None or isinstance(item, str | int | float | Enum)
            kwargs[python_name] = item if plain else context.convert(item, type_, graphql_name)
    return cls(**kwargs)


for _input in (StringFilter, ActivityFilter, ActorFilter, ActorQuantifier, ActivityQuantifier):
    get_object_definition(_input, strict=True).from_input = _from_input
