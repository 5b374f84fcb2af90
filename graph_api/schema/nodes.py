"""The graph's object types, by job: actors (:mod:`.actors`), activities (:mod:`.activity`),
what activities link to (:mod:`.linked`, generated from the model registry's links) and Relay
pages (:mod:`.connection`). This module gathers them for the schema."""

from __future__ import annotations

from graph_api.schema.activity import Activity, Participant
from graph_api.schema.actors import ACTOR_TYPES, Actor, Association, Organization, Organizer, Region
from graph_api.schema.connection import ActivityConnection, ActivityEdge, connection, page_of
from graph_api.schema.linked import NAMED_TYPES, UNPAGED, KeyArrangement, LinkedLists, ProductCategory, numbered_item

__all__ = [
    "ACTOR_TYPES", "NAMED_TYPES", "UNPAGED", "Activity", "ActivityConnection", "ActivityEdge", "Actor",
    "Association", "KeyArrangement", "LinkedLists", "Organization", "Organizer", "Participant",
    "ProductCategory", "Region", "connection", "numbered_item", "page_of",
]  # fmt: skip
