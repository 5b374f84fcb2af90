"""Score a local (provincial, city, county) dev notice against its facts file's ``extra`` part.

Dimensions: activities (matched by title, see :func:`eval.score.match`), participants and roles
of matched activities (full names), actors with their GB/T 2260 codes, campaigns, events. The
local facts files annotate no activity types and no IMPLEMENTS links: those dimensions are
scored on the national notices only (the table says so).
"""

from __future__ import annotations

from typing import Any

from eval.annotation import Act, match
from eval.dimension import Score
from loaders.model import Label, Rel, node_id
from loaders.records import GraphData

ACTIVITY_PREFIX = node_id(Label.ACTIVITY, "")  # "activity:"

LOCAL_DIMENSIONS = ("activities", "participants+roles", "actors with codes", "campaigns", "events")


def expected_acts(facts: dict[str, Any]) -> list[Act]:
    """The facts' atomic activities as scoring records (the section is not compared)."""
    return [
        Act(
            "",
            a["title"],
            frozenset((x["name"], x["role"]) for x in a["actors"]),
            frozenset(),
            frozenset(("campaign", c) for c in a["campaigns"]) | frozenset(("event", e) for e in a["events"]),
            frozenset(),
        )
        for a in facts["extra"]["activities"]
    ]


def predicted_local_acts(data: GraphData) -> list[Act]:
    """The loader's activities, by names."""
    nodes = {n.id: n for n in data.nodes}
    roles: dict[str, set[tuple[str, str]]] = {}
    links: dict[str, set[tuple[str, str]]] = {}
    for e in data.edges:
        if e.type == Rel.RUNS:
            roles.setdefault(e.target, set()).add((str(nodes[e.source].props["name"]), str(e.props["role"])))
        elif e.type == Rel.PART_OF and e.source.startswith(ACTIVITY_PREFIX):
            target = nodes[e.target]
            links.setdefault(e.source, set()).add((target.label.lower(), str(target.props["name"])))
    return [
        Act(
            "",
            str(n.props["title"]),
            frozenset(roles.get(n.id, ())),
            frozenset(),
            frozenset(links.get(n.id, ())),
            frozenset(),
        )
        for n in data.nodes
        if n.label == Label.ACTIVITY
    ]


def score_local(data: GraphData, facts: dict[str, Any]) -> list[Score]:
    """Precision and recall per dimension of one local notice."""
    dims = {name: Score(name) for name in LOCAL_DIMENSIONS}
    for e, p in match(expected_acts(facts), predicted_local_acts(data)):
        either = e or p
        assert either is not None
        where = either.title[:24]
        dims["activities"].add([where] if p else [], [where] if e else [], "")
        dims["participants+roles"].add(p.roles if p else (), e.roles if e else (), where)
    extra = facts["extra"]
    codes = extra.get("region_codes") or {}
    expected_actors = {(a["name"], codes.get(a["name"])) for a in extra["actors"]}
    nodes = {n.id: n for n in data.nodes}
    actor_ids = {e.source for e in data.edges if e.type == Rel.RUNS}
    actor_ids |= {e.target for e in data.edges if e.type == Rel.ORGANIZED_BY}
    predicted_actors = {(str(nodes[i].props["name"]), nodes[i].props.get("code")) for i in actor_ids if i in nodes}
    dims["actors with codes"].add(predicted_actors, expected_actors, "")
    linked = {e.target for e in data.edges if e.type == Rel.PART_OF and e.source.startswith(ACTIVITY_PREFIX)}
    for dim, label, key in (("campaigns", Label.CAMPAIGN, "campaigns_detail"), ("events", Label.EVENT, "events")):
        predicted = {str(nodes[i].props["name"]) for i in linked if nodes[i].label == label}
        dims[dim].add(predicted, {c["name"] for c in extra.get(key) or []}, "")
    return list(dims.values())
