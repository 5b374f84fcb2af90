"""The graph's object types, by job: actors (:mod:`.actors`), activities (:mod:`.activity`),
what activities link to (:mod:`.linked`, generated from the model registry's links) and Relay
pages (:mod:`.connection`). This module gathers them for the schema."""

from __future__ import annotations

from graph_api.schema.activity import Activity as Activity
from graph_api.schema.activity import Participant as Participant
from graph_api.schema.actors import ACTOR_TYPES as ACTOR_TYPES
from graph_api.schema.actors import Actor as Actor
from graph_api.schema.actors import Association as Association
from graph_api.schema.actors import Organization as Organization
from graph_api.schema.actors import Organizer as Organizer
from graph_api.schema.actors import Region as Region
from graph_api.schema.connection import ActivityConnection as ActivityConnection
from graph_api.schema.connection import ActivityEdge as ActivityEdge
from graph_api.schema.connection import connection as connection
from graph_api.schema.connection import page_of as page_of
from graph_api.schema.linked import NAMED_TYPES as NAMED_TYPES
from graph_api.schema.linked import UNPAGED as UNPAGED
from graph_api.schema.linked import KeyArrangement as KeyArrangement
from graph_api.schema.linked import LinkedLists as LinkedLists
from graph_api.schema.linked import ProductCategory as ProductCategory
from graph_api.schema.linked import numbered_item as numbered_item
