"""GraphQL enums of the public contract."""

from __future__ import annotations

from enum import Enum

import strawberry

from loaders.taxonomy import ACTIVITY_TYPES


@strawberry.enum(description="The four kinds of actor.")
class ActorKind(Enum):
    ORGANIZER = "ORGANIZER"
    REGION = "REGION"
    ASSOCIATION = "ASSOCIATION"
    ORGANIZATION = "ORGANIZATION"


@strawberry.enum(
    description="LEAD runs it; PARTNER runs it jointly (会同, 联合, 共同, 四省一市); SUPPORT assists (配合)."
)
class ActorRole(Enum):
    LEAD = "LEAD"
    PARTNER = "PARTNER"
    SUPPORT = "SUPPORT"


ActivityType = strawberry.enum(
    Enum("ActivityType", {name: name for name in ACTIVITY_TYPES}),  # type: ignore[misc]
    description="Activity types from the cue-word taxonomy; multi-valued per activity.",
)


@strawberry.enum(description="Orders for actor lists.")
class ActorOrder(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    ACTIVITY_COUNT_DESC = "ACTIVITY_COUNT_DESC"


@strawberry.enum(description="Orders for activity lists.")
class ActivityOrder(Enum):
    DOCUMENT = "DOCUMENT"
    TITLE_ASC = "TITLE_ASC"
    TITLE_DESC = "TITLE_DESC"
