"""What a selection set asks for, field by field: the measure the limits pass adds up.

The cost counts list fields at their page (``first``/``last``/``limit``), a few known long
lists at their size, and a connection's ``nodes``/``edges`` at the connection's page
(:mod:`graph_api.limits` walks the document; this module says what each field weighs).
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from graphql import GraphQLField, GraphQLList, GraphQLNamedType, get_nullable_type
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

# Arguments that size a list: a page, a subgraph, a batch of ids.
SIZE_ARGUMENTS = ("first", "last", "limit")
# Plain list fields known to run long (a body's partners, a campaign's actors): counted at
# this size instead of QGRAPH_COST_LIST_SIZE.
LONG_LISTS = {"partners": 100, "actors": 100}
# The list fields of a connection type, already counted by the connection's `first`.
CONNECTION_LISTS = frozenset({"nodes", "edges"})
# The root fields of introspection, defined by graphql-core rather than on the query type.
META_FIELDS = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


@dataclass(frozen=True)
class Measure:
    """What a selection set asks for: deepest nesting, aliases, and the fields it may return,
    of data (``depth``, ``cost``) and of introspection (``meta_depth``, ``meta_cost``)."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0
    meta_depth: int = 0
    meta_cost: int = 0

    def __add__(self, other: Measure) -> Measure:
        return Measure(
            max(self.depth, other.depth),
            self.aliases + other.aliases,
            self.cost + other.cost,
            max(self.meta_depth, other.meta_depth),
            self.meta_cost + other.meta_cost,
        )

    def worst(self, other: Measure) -> Measure:
        """Each measure at the larger of the two (for alternative operations)."""
        return Measure(*(max(a, b) for a, b in zip(astuple(self), astuple(other), strict=True)))


ZERO = Measure()


def field_definition(parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
    """The definition of field ``name`` on ``parent`` (introspection's root fields included)."""
    if name in META_FIELDS:
        return META_FIELDS[name]
    fields = getattr(parent, "fields", None) if parent is not None else None
    if not fields or name.startswith("__"):
        return None
    field: GraphQLField | None = fields.get(name)
    return field


def is_list(definition: GraphQLField | None) -> bool:
    """Whether a field returns a list."""
    return definition is not None and isinstance(get_nullable_type(definition.type), GraphQLList)
