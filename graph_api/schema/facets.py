"""Facets: group-by counts of a set of activities, counted in the database."""

from __future__ import annotations

import strawberry

from graph_api.store.protocol import Row
from loaders.model import KIND_BY_NAME
from loaders.taxonomy import ACTIVITY_TYPE_NAMES


@strawberry.type(description="One group of a facet.")
class FacetCount:
    key: str = strawberry.field(description="The group: a type or kind name, or a node id.")
    label: str | None = strawberry.field(description="Readable name of the group (Chinese).")
    count: int = strawberry.field(description="Matching activities in the group.")


@strawberry.type(description="Group-by counts of a set of activities; groups by count, then key.")
class ActivityFacets:
    total: int = strawberry.field(description="Matching activities.")
    by_type: list[FacetCount] = strawberry.field(description="By activity type (an activity counts once per type).")
    by_actor_kind: list[FacetCount] = strawberry.field(description="By the kinds of actor taking part.")
    by_region: list[FacetCount] = strawberry.field(description="By the regions taking part.")
    by_campaign: list[FacetCount] = strawberry.field(description="By campaign.")
    by_event: list[FacetCount] = strawberry.field(description="By event.")
    by_topic: list[FacetCount] = strawberry.field(description="By topic.")


def facets_from(rows: list[Row]) -> ActivityFacets:
    """Facets from the statement's rows (facet, key, label, count): groups by count, then key."""
    by: dict[str, list[FacetCount]] = {f: [] for f in ("total", "type", "kind", "region", "campaign", "event", "topic")}
    for row in sorted(rows, key=lambda r: (-int(r["count"]), str(r["key"]))):
        label = row["label"]
        if row["facet"] == "type":
            label = ACTIVITY_TYPE_NAMES.get(row["key"])
        elif row["facet"] == "kind":
            kind = KIND_BY_NAME.get(row["key"])
            label = kind.zh if kind else None
        by[row["facet"]].append(FacetCount(key=row["key"], label=label, count=int(row["count"])))
    total = by["total"][0].count if by["total"] else 0
    return ActivityFacets(
        total=total,
        by_type=by["type"],
        by_actor_kind=by["kind"],
        by_region=by["region"],
        by_campaign=by["campaign"],
        by_event=by["event"],
        by_topic=by["topic"],
    )
