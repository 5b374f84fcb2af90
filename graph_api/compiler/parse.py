"""Filter input (the GraphQL input objects, read by attribute) → IR predicates.

What each field means is decided here, once: ``name`` matches the canonical name or an
alias after folding; ``text`` is search's phrase matching; ``actor``/``campaign``/… are ids
reached over one relation; ``role`` narrows ``actor``; ``year``/``notice`` pick the notice an
activity belongs to (for an actor: one of the activities it runs). Strings are folded here
(``loaders.tokens.fold``) and compared with the ``*_fold`` properties the writer stores.
"""

from __future__ import annotations

from typing import Any

from graph_api.compiler.ir import TRUE, And, Indexed, Not, Op, Or, Pred, Prop, Quant, Rel, Text, conj
from loaders.divisions import code_prefix
from loaders.model import ENTITY, KIND_BY_LABEL, LINKS, Label
from loaders.model import Rel as RelType
from loaders.tokens import WORD_RUN, fold, query_parts, tokens

# Activity → linked node, for the id filters: (input field, relation, target label).
ACTIVITY_LINKS = tuple((link.filter_key, link.rel, link.target) for link in LINKS if link.filter_key)


def _enum_values(items: Any) -> tuple[str, ...]:
    return tuple(str(getattr(i, "value", i)) for i in items)


def string_ops(f: Any) -> tuple[tuple[Op, str | tuple[str, ...]], ...]:
    """The operators of a StringFilter, values folded."""
    ops: list[tuple[Op, str | tuple[str, ...]]] = []
    if f.eq is not None:
        ops.append((Op.EQ, fold(f.eq)))
    if f.in_ is not None:
        ops.append((Op.IN, tuple(fold(x) for x in f.in_)))
    if f.contains is not None:
        ops.append((Op.CONTAINS, fold(f.contains)))
    if f.starts_with is not None:
        ops.append((Op.STARTS_WITH, fold(f.starts_with)))
    return tuple(ops)


def _combined(f: Any, parse: Any) -> list[Pred]:
    parts: list[Pred] = []
    if f.and_:
        parts.append(And(tuple(parse(sub) for sub in f.and_)))
    if f.or_:
        parts.append(Or(tuple(parse(sub) for sub in f.or_)))
    if f.not_ is not None:
        parts.append(Not(parse(f.not_)))
    return parts


def _quantified(q: Any, rel_type: str, outgoing: bool, label: str, parse: Any) -> list[Pred]:
    parts: list[Pred] = []
    for quant in Quant:
        sub = getattr(q, quant.value)
        if sub is not None:
            parts.append(Rel(quant, rel_type, outgoing, label, parse(sub)))
    return parts


def _indexed(phrases: list[str]) -> list[Pred]:
    """The search-index tokens a node holding every phrase must have: the bigrams of each run
    of word characters. A one-character run is indexed only where it stands alone, so a
    phrase with one gives no such guarantee (and no hint)."""
    runs = [run for p in phrases for run in WORD_RUN.findall(p)]
    if not runs or any(len(run) < 2 for run in runs):
        return []
    return [Indexed(tuple(sorted(set().union(*(tokens(run) for run in runs)))))]


def _notice_scope(f: Any) -> list[Pred]:
    """An activity's notice: read from the notice of ``f.year`` and/or ``f.notice`` (an id)."""
    parts: list[Pred] = []
    if getattr(f, "year", None) is not None:
        parts.append(Prop("year", Op.EQ, int(f.year)))
    if getattr(f, "notice", None) is not None:
        parts.append(Prop("owner", Op.EQ, str(f.notice)))
    return parts


def within_pred(region: str) -> Pred:
    """An actor within ``region`` (an id): the region itself or a region whose WITHIN chain reaches it."""
    return Rel(Quant.SOME, RelType.WITHIN, True, Label.REGION, Prop("id", Op.EQ, region), chain=True)


def activity_within(region: str) -> Pred:
    """An activity within ``region``: run by an actor within it, or read from a notice issued within it
    (the notice's jurisdiction code starts with the region's code prefix; a region without a code,
    a township or zone, issues no notice)."""
    by_actor = Rel(Quant.SOME, RelType.RUNS, False, ENTITY, within_pred(region))
    code = region.removeprefix(f"{KIND_BY_LABEL[Label.REGION].id_prefix}:")
    if not code.isdigit():
        return by_actor
    issued_within = Text("code", ((Op.STARTS_WITH, code_prefix(code)),))
    by_notice = Rel(Quant.SOME, RelType.HAS_ACTIVITY, False, Label.NOTICE, issued_within)
    return Or((by_actor, by_notice))


def activity_pred(f: Any | None) -> Pred:
    """The predicate of an ActivityFilter over an activity node."""
    if f is None:
        return TRUE
    parts: list[Pred] = []
    if f.types:
        parts.append(Prop("types", Op.HAS_ANY, _enum_values(f.types)))
    if f.text is not None:
        phrases = query_parts(f.text)
        parts.append(Prop("search_text", Op.CONTAINS_ALL, tuple(phrases)))
        parts.extend(_indexed(phrases))
    if f.actor is not None:
        who: list[Pred] = [Prop("id", Op.EQ, str(f.actor))]
        if f.role is not None:
            who.append(Prop("role", Op.EQ, str(f.role.value), on_edge=True))
        parts.append(Rel(Quant.SOME, RelType.RUNS, False, ENTITY, conj(*who)))
    for field, rel_type, label in ACTIVITY_LINKS:
        value = getattr(f, field, None)
        if value is not None:
            parts.append(Rel(Quant.SOME, rel_type, True, label, Prop("id", Op.EQ, str(value))))
    parts.extend(_notice_scope(f))
    if getattr(f, "within", None) is not None:
        parts.append(activity_within(str(f.within)))
    if f.title is not None:
        parts.append(Text("title_fold", string_ops(f.title)))
    if f.section is not None:
        parts.append(Text("section_fold", string_ops(f.section)))
    if f.participants is not None:
        parts.extend(_quantified(f.participants, RelType.RUNS, False, ENTITY, actor_pred))
    parts.extend(_combined(f, activity_pred))
    return conj(*parts) if parts else TRUE


def actor_pred(f: Any | None) -> Pred:
    """The predicate of an ActorFilter over an actor node."""
    if f is None:
        return TRUE
    parts: list[Pred] = []
    if f.kinds:
        parts.append(Prop("kind", Op.IN, _enum_values(f.kinds)))
    if f.name is not None:
        parts.append(Prop("name_folds", Op.HAS, fold(f.name.strip())))
    if f.name_filter is not None:
        parts.append(Text("name_folds", string_ops(f.name_filter), many=True))
    if f.code is not None:
        parts.append(Text("code", string_ops(f.code)))
    if getattr(f, "within", None) is not None:
        parts.append(within_pred(str(f.within)))
    if f.runs is not None:
        parts.append(Rel(Quant.SOME, RelType.RUNS, True, Label.ACTIVITY, activity_pred(f.runs)))
    if scope := _notice_scope(f):  # the actor runs an activity of that notice (both conditions: the same one)
        parts.append(Rel(Quant.SOME, RelType.RUNS, True, Label.ACTIVITY, conj(*scope)))
    if f.activities is not None:
        parts.extend(_quantified(f.activities, RelType.RUNS, True, Label.ACTIVITY, activity_pred))
    parts.extend(_combined(f, actor_pred))
    return conj(*parts) if parts else TRUE
