"""GraphQL enums of the public contract. Values and their descriptions come from the model
registry (:mod:`loaders.model`) and the activity taxonomy (:mod:`loaders.taxonomy`)."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry

from loaders.model import KIND_BY_NAME, NODE_KINDS, REL_KINDS, ROLES
from loaders.taxonomy import ACTIVITY_TYPE_NAMES, ACTIVITY_TYPES


def _type(name: str) -> Any:
    cues = ACTIVITY_TYPES[name]
    zh = ACTIVITY_TYPE_NAMES[name]
    text = f"{zh}. Cue words: " + "、".join(cues) + "." if cues else f"{zh}: no cue word matched."
    return strawberry.enum_value(name, description=text)


def _kind(name: str) -> Any:
    kind = KIND_BY_NAME[name]
    return strawberry.enum_value(name, description=f"{kind.zh}: {kind.description}")


def _role(name: str, meaning: str) -> Any:
    return strawberry.enum_value(name, description=f"{ROLES[name]}: {meaning}")


@strawberry.enum(description="The four kinds of actor.")
class ActorKind(Enum):
    ORGANIZER = _kind("ORGANIZER")
    REGION = _kind("REGION")
    ASSOCIATION = _kind("ASSOCIATION")
    ORGANIZATION = _kind("ORGANIZATION")


@strawberry.enum(description="An actor's part in an activity.")
class ActorRole(Enum):
    LEAD = _role("LEAD", "runs it.")
    PARTNER = _role("PARTNER", "runs it jointly (会同, 联合, 共同, 四省一市).")
    SUPPORT = _role("SUPPORT", "assists (配合).")


@strawberry.enum(
    description="Activity types from the cue-word taxonomy (loaders/taxonomy.py); an activity takes every "
    "type whose cue words occur in it, OTHER when none does."
)
class ActivityType(Enum):
    SUPERVISION_SAMPLING = _type("SUPERVISION_SAMPLING")
    INSPECTION = _type("INSPECTION")
    ENFORCEMENT = _type("ENFORCEMENT")
    CONFERENCE = _type("CONFERENCE")
    FORUM = _type("FORUM")
    EXHIBITION = _type("EXHIBITION")
    COMPETITION = _type("COMPETITION")
    TRAINING = _type("TRAINING")
    PUBLICITY = _type("PUBLICITY")
    STANDARDS = _type("STANDARDS")
    AWARD = _type("AWARD")
    LAUNCH_CEREMONY = _type("LAUNCH_CEREMONY")
    CASE_RELEASE = _type("CASE_RELEASE")
    TECHNICAL_ASSISTANCE = _type("TECHNICAL_ASSISTANCE")
    OPEN_DAY = _type("OPEN_DAY")
    MONITORING = _type("MONITORING")
    EXPERIENCE_EXCHANGE = _type("EXPERIENCE_EXCHANGE")
    PLATFORM = _type("PLATFORM")
    PILOT = _type("PILOT")
    OTHER = _type("OTHER")


# The GraphQL enum and the loader's taxonomy must name the same types.
assert [t.value for t in ActivityType] == list(ACTIVITY_TYPES)
assert {k.value for k in ActorKind} == {k.kind for k in NODE_KINDS if k.actor}

# Every node kind and relation type of the registry, as enums (not declared again here).
NodeKind = strawberry.enum(
    cast(Any, Enum("NodeKind", {k.kind: _kind(k.kind) for k in NODE_KINDS})),
    description="Every kind of node in the graph (the model registry, loaders/model.py).",
)
RelationType = strawberry.enum(
    cast(
        Any,
        Enum(
            "RelationType",
            {r.name: strawberry.enum_value(r.name, description=f"{r.zh}: {r.description}") for r in REL_KINDS},
        ),
    ),
    description="Every relationship type in the graph (the model registry, loaders/model.py).",
)


@strawberry.enum(description="Orders for actor lists.")
class ActorOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description="By name in pinyin order (Chinese collation), then id.")
    NAME_DESC = strawberry.enum_value("NAME_DESC", description="The reverse of NAME_ASC.")
    ACTIVITY_COUNT_DESC = strawberry.enum_value(
        "ACTIVITY_COUNT_DESC", description="Most activities first, then by name."
    )


@strawberry.enum(description="Orders for activity lists.")
class ActivityOrder(Enum):
    DOCUMENT = strawberry.enum_value(
        "DOCUMENT", description="As the notices list them (annex, item, sentence), then id."
    )
    TITLE_ASC = strawberry.enum_value("TITLE_ASC", description="By title (code points), then id.")
    TITLE_DESC = strawberry.enum_value("TITLE_DESC", description="The reverse of TITLE_ASC.")
