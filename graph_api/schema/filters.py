"""Filter inputs and their evaluation over a request's activity and actor snapshot.

Filters combine with AND/OR/NOT, compare strings with eq/in/contains/startsWith, and
quantify over relations (some/none/all), as the Neo4j GraphQL Library's filters do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry

from graph_api.schema.enums import ActivityType, ActorKind, ActorRole
from graph_api.store.protocol import Row
from loaders.tokens import fold, query_parts


@strawberry.input(description="String comparison; every given operator must hold.")
class StringFilter:
    eq: str | None = None
    in_: list[str] | None = strawberry.field(default=None, name="in")
    contains: str | None = None
    starts_with: str | None = None


@strawberry.input(description="Activities: every given condition must hold.")
class ActivityFilter:
    types: list[ActivityType] | None = strawberry.field(
        default=None, description="any of these types"
    )
    text: str | None = strawberry.field(default=None, description="Chinese-aware phrase, as search")
    actor: strawberry.ID | None = strawberry.field(default=None, description="an actor takes part")
    campaign: strawberry.ID | None = None
    event: strawberry.ID | None = None
    topic: strawberry.ID | None = None
    role: ActorRole | None = strawberry.field(
        default=None, description="with `actor`: the actor's role"
    )
    title: StringFilter | None = None
    section: StringFilter | None = None
    participants: ActorQuantifier | None = None
    and_: list[ActivityFilter] | None = strawberry.field(default=None, name="AND")
    or_: list[ActivityFilter] | None = strawberry.field(default=None, name="OR")
    not_: ActivityFilter | None = strawberry.field(default=None, name="NOT")


@strawberry.input(description="Actors: every given condition must hold.")
class ActorFilter:
    kinds: list[ActorKind] | None = strawberry.field(default=None, description="any of these kinds")
    name: str | None = strawberry.field(
        default=None, description="canonical name or any alias, exactly, after normalization"
    )
    name_filter: StringFilter | None = strawberry.field(
        default=None, description="string operators on the canonical name and aliases"
    )
    runs: ActivityFilter | None = strawberry.field(
        default=None, description="takes part in at least one matching activity, any role"
    )
    activities: ActivityQuantifier | None = None
    code: StringFilter | None = strawberry.field(default=None, description="GB/T 2260 code")
    and_: list[ActorFilter] | None = strawberry.field(default=None, name="AND")
    or_: list[ActorFilter] | None = strawberry.field(default=None, name="OR")
    not_: ActorFilter | None = strawberry.field(default=None, name="NOT")


@strawberry.input(description="Quantifiers over an activity's participants.")
class ActorQuantifier:
    some: ActorFilter | None = None
    none: ActorFilter | None = None
    all: ActorFilter | None = None


@strawberry.input(description="Quantifiers over an actor's activities.")
class ActivityQuantifier:
    some: ActivityFilter | None = None
    none: ActivityFilter | None = None
    all: ActivityFilter | None = None


def string_matches(f: StringFilter | None, values: Iterable[str | None]) -> bool:
    """Whether any of ``values`` satisfies every operator of ``f``."""
    if f is None:
        return True
    return any(_one_string(f, fold(v)) for v in values if v is not None)


def _one_string(f: StringFilter, v: str) -> bool:
    return (
        (f.eq is None or v == fold(f.eq))
        and (f.in_ is None or v in {fold(x) for x in f.in_})
        and (f.contains is None or fold(f.contains) in v)
        and (f.starts_with is None or v.startswith(fold(f.starts_with)))
    )


class Snapshot:
    """Activities and actors of one request, indexed for filter evaluation."""

    def __init__(self, facts: list[Row], actors: list[Row]) -> None:
        self.facts = facts
        self.actors = {a["id"]: a for a in actors}
        self.activities = {f["id"]: f for f in facts}
        self.by_actor: dict[str, list[Row]] = {}
        for fact in facts:
            for part in fact["actors"]:
                self.by_actor.setdefault(part["id"], []).append(fact)

    def activity_matches(self, f: ActivityFilter | None, fact: Row) -> bool:
        """Whether one activity satisfies ``f``."""
        if f is None:
            return True
        if f.types and not {t.value for t in f.types} & set(fact["types"] or []):
            return False
        if f.text is not None:
            body = fact.get("text") or ""
            if not all(p in body for p in query_parts(f.text)):
                return False
        if f.actor is not None:
            roles = [a["role"] for a in fact["actors"] if a["id"] == f.actor]
            if not roles or (f.role is not None and f.role.value not in roles):
                return False
        for value, key in ((f.campaign, "campaigns"), (f.event, "events"), (f.topic, "topics")):
            if value is not None and value not in (fact.get(key) or []):
                return False
        if not string_matches(f.title, [fact.get("title")]):
            return False
        if not string_matches(f.section, [fact.get("section")]):
            return False
        if f.participants is not None:
            parts = [self.actors[a["id"]] for a in fact["actors"] if a["id"] in self.actors]
            if not _quantified(f.participants, parts, self.actor_matches):
                return False
        return _combined(f, fact, self.activity_matches)

    def actor_matches(self, f: ActorFilter | None, actor: Row) -> bool:
        """Whether one actor satisfies ``f``."""
        if f is None:
            return True
        if f.kinds and actor["kind"] not in {k.value for k in f.kinds}:
            return False
        names = [actor["name"], *(actor.get("aliases") or [])]
        if f.name is not None and fold(f.name.strip()) not in {fold(n) for n in names}:
            return False
        if not string_matches(f.name_filter, names):
            return False
        if f.code is not None and not string_matches(f.code, [actor.get("code")]):
            return False
        own = self.by_actor.get(actor["id"], [])
        if f.runs is not None and not any(self.activity_matches(f.runs, a) for a in own):
            return False
        if f.activities is not None and not _quantified(f.activities, own, self.activity_matches):
            return False
        return _combined(f, actor, self.actor_matches)


def _quantified(q: Any, items: list[Row], test: Any) -> bool:
    if q.some is not None and not any(test(q.some, i) for i in items):
        return False
    if q.none is not None and any(test(q.none, i) for i in items):
        return False
    return q.all is None or all(test(q.all, i) for i in items)


def _combined(f: Any, item: Row, test: Any) -> bool:
    if f.and_ and not all(test(sub, item) for sub in f.and_):
        return False
    if f.or_ and not any(test(sub, item) for sub in f.or_):
        return False
    return not (f.not_ is not None and test(f.not_, item))
