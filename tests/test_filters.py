"""Filter inputs: what a resolver receives for a filter a client sends."""

from __future__ import annotations

import strawberry
from graphql import coerce_input_value
from strawberry.types.arguments import convert_argument

from graph_api.schema import build_schema
from graph_api.schema.enums import ActivityType, ActorKind, ActorRole
from graph_api.schema.filters import ActivityFilter, ActivityQuantifier, ActorFilter, ActorQuantifier, StringFilter
from graph_api.settings import Settings


def test_a_nested_filter_becomes_the_same_objects_strawberry_would_build() -> None:
    schema = build_schema(Settings())
    sent = {
        "kinds": ["REGION"],
        "nameFilter": {"in": ["上海", "北京"], "startsWith": "上"},
        "runs": {"types": ["INSPECTION"], "text": "抽查", "year": 2023, "role": "LEAD", "NOT": {"actor": "a:1"}},
        "activities": {"none": {"participants": {"some": {"name": "x"}}}},
        "OR": [{"name": "甲"}, {"code": {"eq": "310000"}}],
    }
    graphql_type = schema._schema.get_type("ActorFilter")
    assert graphql_type is not None
    value = coerce_input_value(sent, graphql_type)  # type: ignore[arg-type]
    built = convert_argument(value, ActorFilter, schema.schema_converter.scalar_registry, schema.config)
    assert built == ActorFilter(
        kinds=[ActorKind.REGION],
        name_filter=StringFilter(in_=["上海", "北京"], starts_with="上"),
        runs=ActivityFilter(
            types=[ActivityType.INSPECTION], text="抽查", year=2023, role=ActorRole.LEAD,
            not_=ActivityFilter(actor=strawberry.ID("a:1")),
        ),
        activities=ActivityQuantifier(none=ActivityFilter(participants=ActorQuantifier(some=ActorFilter(name="x")))),
        or_=[ActorFilter(name="甲"), ActorFilter(code=StringFilter(eq="310000"))],
    )  # fmt: skip
    assert isinstance(built.kinds, list) and built.kinds is not value["kinds"]  # a copy, as Strawberry makes
