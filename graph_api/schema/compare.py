"""Two notices side by side: the actors, activities (matched by meaning), campaigns and events
in one and not the other, and those in both. The database pairs them (cypher/compare_*.cypher);
this module shapes the answer."""

from __future__ import annotations

from typing import Any

import strawberry

from graph_api.errors import NotFound
from graph_api.schema.activity import Activity
from graph_api.schema.actors import Actor
from graph_api.schema.common import CtxInfo, typed
from graph_api.schema.context import call
from graph_api.schema.linked import NAMED_TYPES
from graph_api.schema.notice import Notice
from graph_api.store.protocol import Row
from loaders.model import Label, kind_of

Campaign = NAMED_TYPES[Label.CAMPAIGN]
Event = NAMED_TYPES[Label.EVENT]


def _sides_type(name: str, item: Any, description: str, what: str, both: str) -> Any:
    """A type listing the ``item`` nodes of two notices: only in ``from``, only in ``to``, in both."""
    namespace = {
        "__module__": __name__,
        "__annotations__": dict.fromkeys(("only_from", "only_to", "both"), list[item]),
        "only_from": strawberry.field(description=f"{what} of `from` only."),
        "only_to": strawberry.field(description=f"{what} of `to` only."),
        "both": strawberry.field(description=both),
    }
    return strawberry.type(type(name, (), namespace), description=description)


ActorComparison = _sides_type(
    "ActorComparison", Actor, "Actors of two notices: those running activities in one only, and in both (by name).",
    "Running activities", "Running activities of both.",
)
CampaignComparison = _sides_type(
    "CampaignComparison", Campaign, "Campaigns by series (昆仑2023 and 昆仑2025 are one programme).",
    "Campaigns of the activities", "Campaigns of both notices' activities (`from`'s nodes).",
)
EventComparison = _sides_type(
    "EventComparison", Event, "Events (conferences, forums, exhibitions) of two notices' activities, by name.",
    "Events of the activities", "Events of both notices' activities (`from`'s nodes).",
)  # fmt: skip


@strawberry.type(description="An activity of `from` and one of `to` that mean the same.")
class ActivityMatch:
    from_: Activity = strawberry.field(name="from", description="The activity of `from`.")
    to: Activity = strawberry.field(description="The activity of `to`.")
    on: list[str] = strawberry.field(
        description="The meaning keys they share: `campaign:<series>`, `event:<name>`, `kind:<kind>`, "
        "`product:<name>`, `title:<folded title>`."
    )


@strawberry.type(
    description="Activities of two notices matched by meaning, not by id: two match when they share a type and a "
    "meaning key (campaign series, event, kind of event or action, product, or the same title). National "
    "activities carry no kind or product keys, so they meet local ones through campaigns, events and titles."
)
class ActivityComparison:
    only_from: list[Activity] = strawberry.field(description="Activities of `from` no activity of `to` matches.")
    only_to: list[Activity] = strawberry.field(description="Activities of `to` no activity of `from` matches.")
    both: list[ActivityMatch] = strawberry.field(description="Matching pairs, in `from`'s document order.")


@strawberry.type(description="Two notices side by side: what is in one and not the other, and what is in both.")
class Comparison:
    from_: Notice = strawberry.field(name="from", description="The first notice.")
    to: Notice = strawberry.field(description="The second notice.")
    actors: ActorComparison = strawberry.field(description="Who runs activities in each.")  # type: ignore[valid-type]
    activities: ActivityComparison = strawberry.field(description="What each does, matched by meaning.")
    campaigns: CampaignComparison = strawberry.field(description="The campaigns (专项行动) of each, by series.")  # type: ignore[valid-type]
    events: EventComparison = strawberry.field(description="The events (conferences, forums, exhibitions) of each.")  # type: ignore[valid-type]


def _sides(info: CtxInfo, groups: tuple[list[Row], list[Row], list[Row]]) -> dict[str, list[Any]]:
    return {name: typed(info, g) for name, g in zip(("only_from", "only_to", "both"), groups, strict=True)}


def _split(info: CtxInfo, rows: list[Row]) -> dict[str, list[Any]]:
    """Rows with ``in_from``/``in_to`` → typed objects only in from, only in to, in both."""
    groups: tuple[list[Row], list[Row], list[Row]] = ([], [], [])
    for row in rows:
        groups[0 if not row["in_to"] else 1 if not row["in_from"] else 2].append(row["props"])
    return _sides(info, groups)


def _named(info: CtxInfo, rows: list[Row], kind: str) -> dict[str, list[Any]]:
    """Groups of one kind → the nodes only in from, only in to, and both (from's nodes)."""
    groups: tuple[list[Row], list[Row], list[Row]] = ([], [], [])
    for row in rows:
        if row["kind"] == kind:
            side = 0 if not row["in_to"] else 1 if not row["in_from"] else 2
            groups[side].extend(row["in_to"] if side == 1 else row["in_from"])
    return _sides(info, groups)


def _activities(info: CtxInfo, rows: list[Row], first: str) -> ActivityComparison:
    mine = [r for r in rows if r["side"] == first]
    theirs = [r for r in rows if r["side"] != first] if any(r["side"] != first for r in rows) else mine
    by_id = {a.id: a for a in typed(info, [r["props"] for r in rows])}
    pairs = [
        ActivityMatch(from_=by_id[r["props"]["id"]], to=by_id[m["id"]], on=sorted(set(m["on"])))
        for r in mine
        for m in r["matches"]
        if m["id"] in by_id
    ]
    return ActivityComparison(
        only_from=[by_id[r["props"]["id"]] for r in mine if not r["matches"]],
        only_to=[by_id[r["props"]["id"]] for r in theirs if not r["matches"]],
        both=pairs,
    )


async def compare(info: CtxInfo, first: str, second: str) -> Comparison:
    """The comparison of notices ``first`` and ``second`` (ids); NOT_FOUND unless both are notices."""
    found = await info.context.node_loader.load_many([first, second])
    for node_id, props in zip((first, second), found, strict=True):
        if props is None or props.get("label") != Label.NOTICE:
            raise NotFound(f"no loaded notice {node_id!r}", id=node_id)
    actors, linked, activities = await call(info.context.repo.compare, first, second)
    assert found[0] is not None and found[1] is not None
    return Comparison(
        from_=Notice.from_props(found[0]),
        to=Notice.from_props(found[1]),
        actors=ActorComparison(**_split(info, actors)),
        activities=_activities(info, activities, first),
        campaigns=CampaignComparison(**_named(info, linked, kind_of(Label.CAMPAIGN))),
        events=EventComparison(**_named(info, linked, kind_of(Label.EVENT))),
    )
