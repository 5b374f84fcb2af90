"""The Strawberry schema, with the request limits of graph_api.guard and a token limit."""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from graph_api.errors import QGraphError
from graph_api.guard import RequestLimits, Verdicts
from graph_api.schema.nodes import (
    NAMED_TYPES,
    Activity,
    Association,
    KeyArrangement,
    Organization,
    Organizer,
    ProductCategory,
    Region,
)
from graph_api.schema.notice import Contact, ContentItem, Notice, Requirement, Slogan, Theme
from graph_api.schema.query import Query
from graph_api.settings import Settings

log = logging.getLogger(__name__)

TYPES = [
    Organizer, Region, Association, Organization, Activity, *NAMED_TYPES.values(),
    ProductCategory, Theme, Slogan, ContentItem, KeyArrangement, Requirement, Contact, Notice,
]  # fmt: skip


class QualitySchema(strawberry.Schema):
    """Logs only unexpected errors; coded QGraphErrors are answers, not failures."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if error.original_error is not None and not isinstance(error.original_error, QGraphError):
                log.error("unexpected error: %s", error.message, exc_info=error.original_error)


def build_schema(settings: Settings | None = None) -> strawberry.Schema:
    """The schema with the limits of ``settings``."""
    settings = settings or Settings()
    # RequestLimits measures depth, aliases, cost and inputs in one linear pass before
    # validation (Strawberry's depth and alias limiters are exponential in fragment
    # spreads) and then validates; both verdicts are kept per (document, variables) in one
    # LRU for this schema. The parse LRU is Strawberry's, shared at module level.
    verdicts = Verdicts()
    return QualitySchema(
        query=Query,
        types=TYPES,
        extensions=[
            lambda: RequestLimits(settings, verdicts),  # also parses, within the token limit
        ],
        config=StrawberryConfig(auto_camel_case=True),
    )


def schema_sdl() -> str:
    """The SDL of the schema (what ``schema.graphql`` holds)."""
    return build_schema().as_str() + "\n"
