"""A plain-Python reading of the filters, over every activity and actor: the oracle the
compiled statements are checked against (this is what the service did before compiling)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph_api.store.repository import GraphRepository
from loaders.model import KIND_BY_LABEL, LINKS, Rel
from loaders.tokens import fold, query_parts

Row = dict[str, Any]


def _strings(f: Any, values: Iterable[str | None]) -> bool:
    def one(v: str) -> bool:
        return (
            (f.eq is None or v == fold(f.eq))
            and (f.in_ is None or v in {fold(x) for x in f.in_})
            and (f.contains is None or fold(f.contains) in v)
            and (f.starts_with is None or v.startswith(fold(f.starts_with)))
        )

    return any(one(fold(v)) for v in values if v is not None)


class Reference:
    """Every activity and actor of the graph, and the filters evaluated over them."""

    def __init__(self, repo: GraphRepository) -> None:
        notices = repo.notices()
        years = {n["id"]: n["year"] for n in notices}
        self.notice_codes = {n["id"]: n.get("code") for n in notices}
        self.notice_levels = {n["id"]: n.get("level") or "NATIONAL" for n in notices}
        self.facts = repo.activity_facts()
        details = repo.activity_details([fact["id"] for fact in self.facts])
        for fact in self.facts:
            fact["year"] = years.get(fact["notice"])
            fact["links"] = {(x["type"], x["kind"], x["id"]) for x in details.get(fact["id"], {}).get("links", [])}
        self.actors = {a["id"]: a for a in repo.actors()}
        within = repo.outgoing(list(self.actors), [Rel.WITHIN])
        self.parent = {source: targets[0][0] for (source, _), targets in within.items() if targets}
        self.by_actor: dict[str, list[Row]] = {}
        for fact in self.facts:
            for part in fact["actors"]:
                self.by_actor.setdefault(part["id"], []).append(fact)

    def activity(self, f: Any, fact: Row) -> bool:
        """Whether one activity satisfies ActivityFilter ``f``."""
        if f is None:
            return True
        if f.types and not {t.value for t in f.types} & set(fact["types"] or []):
            return False
        if f.text is not None and not all(p in (fact.get("text") or "") for p in query_parts(f.text)):
            return False
        if f.actor is not None:
            roles = [a["role"] for a in fact["actors"] if a["id"] == f.actor]
            if not roles or (f.role is not None and f.role.value not in roles):
                return False
        for link in LINKS:
            value = getattr(f, link.filter_key) if link.filter_key else None
            if value is not None and (link.rel, KIND_BY_LABEL[link.target].kind, value) not in fact["links"]:
                return False
        if f.year is not None and fact["year"] != f.year:
            return False
        if f.notice is not None and fact["notice"] != f.notice:
            return False
        if f.within is not None and not self.activity_within(fact, f.within):
            return False
        if f.title is not None and not _strings(f.title, [fact.get("title")]):
            return False
        if f.section is not None and not _strings(f.section, [fact.get("section")]):
            return False
        if f.participants is not None:
            parts = [self.actors[a["id"]] for a in fact["actors"] if a["id"] in self.actors]
            if not self._quantified(f.participants, parts, self.actor):
                return False
        return self._combined(f, fact, self.activity)

    def actor(self, f: Any, actor: Row) -> bool:
        """Whether one actor satisfies ActorFilter ``f``."""
        if f is None:
            return True
        if f.kinds and actor["kind"] not in {k.value for k in f.kinds}:
            return False
        names = [actor["name"], *(actor.get("aliases") or [])]
        if f.name is not None and fold(f.name.strip()) not in {fold(n) for n in names}:
            return False
        if f.name_filter is not None and not _strings(f.name_filter, names):
            return False
        if f.code is not None and not _strings(f.code, [actor.get("code")]):
            return False
        if f.within is not None and not self.within(actor["id"], f.within):
            return False
        own = self.by_actor.get(actor["id"], [])
        if (f.year is not None or f.notice is not None) and not any(
            (f.year is None or a["year"] == f.year) and (f.notice is None or a["notice"] == f.notice) for a in own
        ):
            return False
        if f.runs is not None and not any(self.activity(f.runs, a) for a in own):
            return False
        if f.activities is not None and not self._quantified(f.activities, own, self.activity):
            return False
        return self._combined(f, actor, self.actor)

    def within(self, actor: str, region: str) -> bool:
        """Whether ``actor`` is ``region`` or a region whose chain of parents reaches it."""
        seen: str | None = actor
        while seen is not None:
            if seen == region:
                return True
            seen = self.parent.get(seen)
        return False

    def activity_within(self, fact: Row, region: str) -> bool:
        """Run by an actor within ``region``, or read from a notice whose jurisdiction code lies in it."""
        if any(self.within(a["id"], region) for a in fact["actors"]):
            return True
        code, issued = region.removeprefix("region:"), self.notice_codes.get(fact["notice"])
        prefix = code.rstrip("0") + ("0" if len(code.rstrip("0")) % 2 else "")
        return code.isdigit() and issued is not None and issued.startswith(prefix)

    @staticmethod
    def _quantified(q: Any, items: list[Row], test: Any) -> bool:
        if q.some is not None and not any(test(q.some, i) for i in items):
            return False
        if q.none is not None and any(test(q.none, i) for i in items):
            return False
        return q.all is None or all(test(q.all, i) for i in items)

    @staticmethod
    def _combined(f: Any, item: Row, test: Any) -> bool:
        if f.and_ and not all(test(sub, item) for sub in f.and_):
            return False
        if f.or_ and not any(test(sub, item) for sub in f.or_):
            return False
        return not (f.not_ is not None and test(f.not_, item))
