"""Introspection bounded on its own terms, not by the limits of data queries.

The standard full introspection query (graphql-js's ``getIntrospectionQuery`` and
graphql-core's ``get_introspection_query``, which GraphiQL, ``gql``, graphql-inspector and
graphql-codegen send) is 15 fields deep: ``__schema types fields args type`` and nine nested
``ofType`` (their default ``typeDepth``). As GraphQL Armor does, the subtrees of ``__schema`` and
``__type`` (and fragments on introspection types) are left out of ``QGRAPH_MAX_DEPTH`` and
``QGRAPH_MAX_COST``; they are bounded here instead:

- depth: at most ``MAX_INTROSPECTION_DEPTH`` fields deep (``ofType`` chains are cheap, but the
  walk must stay shallow);
- cost: the same upper bound on the fields of the answer as for data, with each introspection
  list counted at the most items it holds in this schema (``types`` at the number of types,
  ``fields`` at the widest type's fields …), against an allowance of
  ``STANDARD_QUERIES_ALLOWED`` times the cost of the standard full query on this schema. The
  allowance follows the schema as it grows; recursive selections
  (``types { fields { type { fields { type { fields …`` ) and many aliased ``__schema`` go over it.
"""

from __future__ import annotations

from functools import lru_cache

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    get_introspection_query,
)

from graph_api.errors import LimitExceeded

# The root fields that open an introspection subtree.
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# The standard queries are 15 deep; room for clients asking a few more `ofType` levels.
MAX_INTROSPECTION_DEPTH = 20
# How many standard full introspection queries one request may cost.
STANDARD_QUERIES_ALLOWED = 2
# graphql-core's full query with every option on, as GraphiQL and graphql-js send it.
STANDARD_QUERY = get_introspection_query(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
    one_of=True,
)


def is_introspection_type(parent: GraphQLNamedType | None) -> bool:
    """Whether ``parent`` is one of the introspection types (``__Type``, ``__Field`` …)."""
    return parent is not None and parent.name.startswith("__")


@lru_cache(maxsize=8)
def list_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """The most items each list field of the introspection types can hold in ``schema``."""
    named = list(schema.type_map.values())
    composite = [t for t in named if isinstance(t, GraphQLObjectType | GraphQLInterfaceType)]
    field_args = [len(f.args) for t in composite for f in t.fields.values()]
    abstract = [t for t in named if isinstance(t, GraphQLInterfaceType | GraphQLUnionType)]
    return {
        "types": len(named),
        "directives": len(schema.directives),
        "fields": max((len(t.fields) for t in composite), default=0),
        "args": max([*field_args, *(len(d.args) for d in schema.directives)], default=0),
        "inputFields": max((len(t.fields) for t in named if isinstance(t, GraphQLInputObjectType)), default=0),
        "enumValues": max((len(t.values) for t in named if isinstance(t, GraphQLEnumType)), default=0),
        "interfaces": max((len(t.interfaces) for t in composite), default=0),
        "possibleTypes": max((len(schema.get_possible_types(t)) for t in abstract), default=0),
    }


def refuse_depth(depth: int) -> LimitExceeded:
    """The error for an introspection subtree ``depth`` fields deep."""
    return LimitExceeded(
        f"introspection depth {depth} exceeds the limit of {MAX_INTROSPECTION_DEPTH} (the standard "
        "introspection queries are 15 deep)",
        limit="INTROSPECTION_DEPTH", value=depth, maximum=MAX_INTROSPECTION_DEPTH,
    )  # fmt: skip


def refuse_cost(cost: int, allowance: int) -> LimitExceeded:
    """The error for introspection that may answer ``cost`` fields, over ``allowance``."""
    return LimitExceeded(
        f"introspection cost {cost} exceeds the allowance of {allowance} ({STANDARD_QUERIES_ALLOWED} times "
        "the standard full introspection query): ask for the schema once, without recursive selections",
        limit="INTROSPECTION_COST", value=min(cost, 2**62), maximum=allowance,
    )  # fmt: skip
