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


@strawberry.enum(description="Activity types from the cue-word taxonomy (loaders/taxonomy.py); multi-valued.")
class ActivityType(Enum):
    SUPERVISION_SAMPLING = "SUPERVISION_SAMPLING"
    INSPECTION = "INSPECTION"
    ENFORCEMENT = "ENFORCEMENT"
    CONFERENCE = "CONFERENCE"
    FORUM = "FORUM"
    EXHIBITION = "EXHIBITION"
    COMPETITION = "COMPETITION"
    TRAINING = "TRAINING"
    PUBLICITY = "PUBLICITY"
    STANDARDS = "STANDARDS"
    AWARD = "AWARD"
    LAUNCH_CEREMONY = "LAUNCH_CEREMONY"
    CASE_RELEASE = "CASE_RELEASE"
    TECHNICAL_ASSISTANCE = "TECHNICAL_ASSISTANCE"
    OPEN_DAY = "OPEN_DAY"
    MONITORING = "MONITORING"
    EXPERIENCE_EXCHANGE = "EXPERIENCE_EXCHANGE"
    PLATFORM = "PLATFORM"
    PILOT = "PILOT"
    OTHER = "OTHER"


# The GraphQL enum and the loader's taxonomy must name the same types.
assert [t.value for t in ActivityType] == list(ACTIVITY_TYPES)


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
