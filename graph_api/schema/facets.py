"""Facets: group-by counts of a set of activities, counted in the database.

Besides type, actor kind, region taking part, year, notice level and jurisdiction, there is one
facet per link the model registry marks with ``facet`` (campaign, event, topic …):
``ActivityFacets.by<Facet>``.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry

from graph_api.compiler.parse import activity_pred
from graph_api.schema.common import CtxInfo
from graph_api.schema.context import call
from graph_api.schema.filters import ActivityFilter
from graph_api.store.protocol import Row
from loaders.model import KIND_BY_NAME, LINKS
from loaders.taxonomy import ACTIVITY_TYPE_NAMES

# The facets every set of activities has (the statement's facet names), and those of the model's links.
OWN_FACETS = ("total", "type", "kind", "region", "year", "level", "jurisdiction")
# Notice levels as a reader names them.
LEVEL_NAMES = {"NATIONAL": "全国", "PROVINCIAL": "省级", "CITY": "市级", "COUNTY": "县级", "LOCAL": "地方"}
# The facets of the model's links, in registry order.
LINK_FACETS = tuple(link.facet for link in LINKS if link.facet)


@strawberry.type(description="One group of a facet.")
class FacetCount:
    key: str = strawberry.field(description="The group: a type or kind name, or a node id.")
    label: str | None = strawberry.field(description="Readable name of the group (Chinese).")
    count: int = strawberry.field(description="Matching activities in the group.")


def _link_facets() -> Any:
    """A base type holding ``by_<facet>`` for every facet of the model's links."""
    fields = {f"by_{facet}": strawberry.field(description=f"By {facet}.") for facet in LINK_FACETS}
    namespace = {"__annotations__": {name: list[FacetCount] for name in fields}, "__module__": __name__, **fields}
    return strawberry.type(type("LinkFacets", (), namespace), description="Group-by counts by linked node.")


@strawberry.type(description="Group-by counts of a set of activities; groups by count, then key.")
class ActivityFacets(_link_facets()):  # type: ignore[misc]
    total: int = strawberry.field(description="Matching activities.")
    by_type: list[FacetCount] = strawberry.field(description="By activity type (an activity counts once per type).")
    by_actor_kind: list[FacetCount] = strawberry.field(description="By the kinds of actor taking part.")
    by_region: list[FacetCount] = strawberry.field(description="By the regions taking part.")
    by_year: list[FacetCount] = strawberry.field(description="By the year of the activity's notice (key `2023`).")
    by_level: list[FacetCount] = strawberry.field(
        description="By the level of the activity's notice: `NATIONAL`, `PROVINCIAL`, `CITY`, `COUNTY` (`LOCAL`)."
    )
    by_jurisdiction: list[FacetCount] = strawberry.field(
        description="By the region whose notice the activity was read from (key its id, `region:330000`, label its "
        "name); `NATIONAL` for the national notices. `byRegion` counts the regions taking part instead."
    )


def facets_from(rows: list[Row]) -> ActivityFacets:
    """Facets from the statement's rows (facet, key, label, count): groups by count, then key."""
    by: dict[str, list[FacetCount]] = {f: [] for f in (*OWN_FACETS, *LINK_FACETS)}
    for row in sorted(rows, key=lambda r: (-int(r["count"]), str(r["key"]))):
        label = row["label"]
        if row["facet"] == "type":
            label = ACTIVITY_TYPE_NAMES.get(row["key"])
        elif row["facet"] == "kind":
            kind = KIND_BY_NAME.get(row["key"])
            label = kind.zh if kind else None
        elif row["facet"] == "level":
            label = LEVEL_NAMES.get(row["key"])
        elif row["facet"] == "jurisdiction" and row["key"] == "NATIONAL":
            label = LEVEL_NAMES["NATIONAL"]
        by[row["facet"]].append(FacetCount(key=row["key"], label=label, count=int(row["count"])))
    total = by["total"][0].count if by["total"] else 0
    facets: ActivityFacets = cast(Any, ActivityFacets)(
        total=total,
        by_type=by["type"],
        by_actor_kind=by["kind"],
        by_region=by["region"],
        by_year=by["year"],
        by_level=by["level"],
        by_jurisdiction=by["jurisdiction"],
        **{f"by_{facet}": by[facet] for facet in LINK_FACETS},
    )
    return facets


async def activity_facets(
    info: CtxInfo, filter: ActivityFilter | None, scope: str | None = None, owner: str | None = None
) -> ActivityFacets:
    """Facets of the activities matching ``filter``: all of them, or ``owner``'s in ``scope``
    (one statement for every owner of this level asking the same)."""
    repo, pred = info.context.repo, activity_pred(filter)
    if scope is None or owner is None:
        found = await call(repo.facets, pred)
        return facets_from(found.get(None, []))

    def fetch(owners: list[str]) -> dict[str, Any]:
        return {k: v for k, v in repo.facets(pred, scope, owners).items() if k is not None}

    return facets_from(await info.context.batched(("facets", scope, pred), owner, fetch, []))
