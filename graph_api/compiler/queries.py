"""Whole statements: a root field's filter, order and Relay page in one statement; nested
lists for a batch of owners in one statement; facets; counts from the model registry.

Each builder returns a :class:`cypher.Generated` and its parameters. Page slices are
parameters too (``$skip``/``$end``), so one text serves every page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ParamSpec, cast

from cypher import Generated
from graph_api.compiler import fulltext
from graph_api.compiler.emit import Emitter
from graph_api.compiler.ir import And, Indexed, Op, Pred, Prop, Quant, Rel, conj, has_rel
from loaders.model import (
    ACTOR_LABELS,
    ENTITY,
    KIND_BY_LABEL,
    LINKS,
    NODE_KINDS,
    REL_BY_NAME,
    SCOPED_LINKS,
    Label,
)
from loaders.model import Rel as RelName

ACTOR_KINDS = tuple(KIND_BY_LABEL[label].kind for label in ACTOR_LABELS)


# Which node a nested activity list hangs from: an actor (over RUNS) or a linked node (each
# link with a scope in the registry). Scope.ACTOR, Scope.CAMPAIGN … are its members.
Scope: Any = cast(Any, StrEnum)("Scope", {"ACTOR": "actor", **{s.upper(): s for s in SCOPED_LINKS}})

# Owner → its activities: (relationship type, whether it points from the owner to the activity).
SCOPES: dict[str, tuple[str, bool]] = {
    Scope.ACTOR: (RelName.RUNS, True),
    **{Scope(name): (link.rel, False) for name, link in SCOPED_LINKS.items()},
}
assert all(rel in REL_BY_NAME for rel, _ in SCOPES.values())

ACTIVITY_ORDERS: dict[str, str] = {
    "DOCUMENT": "v0.sort_key, v0.id",
    "TITLE_ASC": "v0.title, v0.id",
    "TITLE_DESC": "v0.title DESC, v0.id DESC",
}
ACTOR_ORDERS: dict[str, str] = {
    "NAME_ASC": "v0.sort_key, v0.id",
    "NAME_DESC": "v0.sort_key DESC, v0.id DESC",
    "ACTIVITY_COUNT_DESC": "n DESC, v0.sort_key, v0.id",
}


@dataclass(frozen=True)
class Page:
    """A Relay page as offsets: skip ``skip`` items, return at most ``size``; with ``skip``
    None, the last ``size`` items (``last`` without ``before``: the total is not known yet)."""

    skip: int | None
    size: int
    floor: int = 0  # with ``skip`` None: the resolver leaves out items before this offset

    def params(self) -> dict[str, int | None]:
        """``$skip`` and ``$end`` of the page slice, or ``$last`` for the last items."""
        if self.skip is None:
            return {"skip": None, "end": None, "last": self.size}
        return {"skip": self.skip, "end": self.skip + self.size, "last": None}


Statement = tuple[Generated, dict[str, Any]]
P = ParamSpec("P")
# Statements kept per distinct (filter, order, page …): a repeated question compiles once.
COMPILED_KEPT = 512


def compiled_once(build: Callable[P, Statement]) -> Callable[P, Statement]:
    """``build`` memoized on its arguments (frozen IR values, strings, pages); each caller gets
    its own parameters dict, so nothing a caller adds leaks into the next."""
    kept = functools.lru_cache(maxsize=COMPILED_KEPT)(build)

    @functools.wraps(build)
    def memo(*args: P.args, **kwargs: P.kwargs) -> Statement:
        try:
            statement, params = kept(*args, **kwargs)  # type: ignore[arg-type]
        except TypeError:  # an unhashable argument: built every time, as before
            return build(*args, **kwargs)
        return statement, dict(params)

    memo.cache_info = kept.cache_info  # type: ignore[attr-defined]
    return memo


def _filtered(e: Emitter, head: list[str], pred: Pred, keep: list[str]) -> list[str]:
    """``head`` then the clauses that keep only the rows whose ``v0`` satisfies ``pred``."""
    clauses, expr = e.where(pred, "v0", None, list(keep))
    if expr == "true":
        return [*head, *clauses]
    if not clauses and len(head) == 1 and head[0].startswith("MATCH ") and " WHERE " not in head[0]:
        return [f"{head[0]} WHERE {expr}"]  # a WHERE on the MATCH itself: the planner uses indexes
    if not clauses:
        return [*head, f"WITH {', '.join(keep)} WHERE {expr}"]
    return [*head, *clauses, f"WITH {', '.join(keep)} WHERE {expr}"]


def _drive(pred: Pred) -> tuple[Rel | None, Pred]:
    """A top-level ``some`` quantifier without nested ones, to start the match from (its
    target is often found by index), and what remains of the predicate."""
    parts = list(pred.parts) if isinstance(pred, And) else [pred]
    for i, part in enumerate(parts):
        if isinstance(part, Rel) and part.quant == Quant.SOME and not part.chain and not has_rel(part.where):
            return part, conj(*parts[:i], *parts[i + 1 :])
    return None, pred


def _indexed(pred: Pred) -> Indexed | None:
    """A search-index hint among the top-level conjuncts of ``pred``."""
    parts = pred.parts if isinstance(pred, And) else (pred,)
    return next((p for p in parts if isinstance(p, Indexed)), None)


def _from_index(e: Emitter, hint: Indexed, var: str, label: str) -> list[str]:
    """Clauses binding ``var`` to the ``label`` nodes the full-text index holds every token for
    (FalkorDB's call; :func:`_generated` gives Neo4j its own)."""
    redisearch = e.param(fulltext.redisearch_query(hint.tokens))
    lucene = e.param(fulltext.lucene_query(hint.tokens))
    falkordb_call = fulltext.call("falkordb", redisearch, var)
    e.variants.append((falkordb_call, fulltext.call("neo4j", lucene, var)))
    return [falkordb_call, f"WITH {var} WHERE {var}:{label}"]


def _generated(name: str, text: str, e: Emitter) -> Generated:
    """The statement, with a Neo4j variant when it calls the full-text index."""
    neo4j = text
    for falkordb_call, neo4j_call in e.variants:
        neo4j = neo4j.replace(falkordb_call, neo4j_call)
    return Generated(name, text, (("neo4j", neo4j),) if neo4j != text else ())


def _root_head(e: Emitter, label: str, pred: Pred) -> tuple[list[str], Pred]:
    """The opening of a root list: from the search index when a text condition allows it, or
    driven by a ``some`` quantifier (whose target is often found by index) where there is one."""
    rel, rest = _drive(pred)
    if rel is None:
        hint = _indexed(pred)
        if hint is None:
            return [f"MATCH (v0:{label})"], pred
        return _from_index(e, hint, "v0", label), pred
    n = e.fresh()
    v, r = f"v{n}", f"r{n}"
    arrow = f"-[{r}:{rel.rel_type}]->" if rel.outgoing else f"<-[{r}:{rel.rel_type}]-"
    hint = _indexed(rel.where)
    start = _from_index(e, hint, v, rel.label) if hint else []
    clauses, expr = e.where(rel.where, v, r, ["v0", v, r])
    assert not clauses  # _drive only picks quantifiers without nested ones
    where = "" if expr == "true" else f" WHERE {expr}"
    target = v if hint else f"{v}:{rel.label}"
    return [*start, f"MATCH (v0:{label}){arrow}({target}){where}", "WITH DISTINCT v0"], rest


def _page_tail(keys: list[str], order: str, page: Page) -> list[str]:
    group = ", ".join(keys)
    lead = f"{group}, " if keys else ""
    # The last $last items without knowing the total: a slice of the reversed list (a negative
    # index past the start would wrap around instead of stopping).
    window = "CASE WHEN $skip IS NULL THEN reverse(reverse(hits)[0..$last]) ELSE hits[$skip..$end] END"
    return [
        f"ORDER BY {order}",
        f"WITH {lead}collect(v0) AS hits",
        f"RETURN {lead}size(hits) AS total, [h IN {window} | h {{.*}}] AS page",
    ]


@compiled_once
def activity_page(pred: Pred, order: str, page: Page) -> Statement:
    """Matching activities: total count and one page of node properties."""
    e = Emitter()
    head, rest = _root_head(e, Label.ACTIVITY, pred)
    clauses = _filtered(e, head, rest, ["v0"])
    text = "\n".join([*clauses, "WITH v0", *_page_tail([], ACTIVITY_ORDERS[order], page)])
    return _generated("activity_page", text, e), {**e.params, **page.params()}


@compiled_once
def actor_page(pred: Pred, order: str, page: Page) -> Statement:
    """Matching actors: total count and one page of node properties."""
    e = Emitter()
    pred = conj(Prop("kind", Op.IN, ACTOR_KINDS), pred)
    head, rest = _root_head(e, ENTITY, pred)
    clauses = _filtered(e, head, rest, ["v0"])
    if order == "ACTIVITY_COUNT_DESC":
        clauses += [f"OPTIONAL MATCH (v0)-[:{RelName.RUNS}]->(c:{Label.ACTIVITY})", "WITH v0, count(DISTINCT c) AS n"]
    else:
        clauses.append("WITH v0")
    text = "\n".join([*clauses, *_page_tail([], ACTOR_ORDERS[order], page)])
    return _generated("actor_page", text, e), {**e.params, **page.params()}


def _scoped_head(scope: str, role: str | None, e: Emitter) -> list[str]:
    rel_type, outgoing = SCOPES[scope]
    arrow = f"-[r0:{rel_type}]->" if outgoing else f"<-[r0:{rel_type}]-"
    where = f" WHERE r0.role = {e.param(role)}" if role is not None else ""
    if rel_type == RelName.IMPLEMENTS:  # an item's own notice's activities; other notices' are implementedBy
        where = " WHERE NOT coalesce(r0.across, false)"
    return [
        "UNWIND $owners AS owner",
        f"MATCH (o:{ENTITY} {{id: owner}}){arrow}(v0:{Label.ACTIVITY}){where}",
        "WITH DISTINCT owner, v0",
    ]


@compiled_once
def scoped_activity_pages(scope: str, pred: Pred, order: str, page: Page, role: str | None = None) -> Statement:
    """For each owner in ``$owners``: its matching activities' total and one page."""
    e = Emitter()
    clauses = _filtered(e, _scoped_head(scope, role, e), pred, ["owner", "v0"])
    text = "\n".join([*clauses, "WITH owner, v0", *_page_tail(["owner"], ACTIVITY_ORDERS[order], page)])
    return _generated(f"{scope}_activity_pages", text, e), {**e.params, **page.params()}


# One UNION ALL branch per facet, each counting over the same filtered activities (the
# filter's text and parameters are shared). Measured on FalkorDB 4.16 at 20 copies of the
# notice: several times faster than collecting every activity's links and unwinding them.
_FACET_BRANCHES = [
    "RETURN {group}'total' AS facet, '' AS key, null AS label, count(v0) AS count",
    "UNWIND v0.types AS y\nRETURN {group}'type' AS facet, y AS key, null AS label, count(*) AS count",
    f"MATCH (x:{ENTITY})-[:{RelName.RUNS}]->(v0)\nWITH DISTINCT {{keep}}, x.kind AS k\n"
    "RETURN {group}'kind' AS facet, k AS key, null AS label, count(*) AS count",
    f"MATCH (x:{ENTITY})-[:{RelName.RUNS}]->(v0) WHERE x.kind = '{Label.REGION.name}'\nWITH DISTINCT {{keep}}, x\n"
    "RETURN {group}'region' AS facet, x.id AS key, x.name AS label, count(*) AS count",
    "RETURN {group}'year' AS facet, toString(v0.year) AS key, null AS label, count(*) AS count",
    f"MATCH (n:{Label.NOTICE})-[:{RelName.HAS_ACTIVITY}]->(v0)\nWITH DISTINCT {{keep}}, n\n"
    "RETURN {group}'level' AS facet, coalesce(n.level, 'NATIONAL') AS key, null AS label, count(*) AS count",
    f"MATCH (n:{Label.NOTICE})-[:{RelName.HAS_ACTIVITY}]->(v0)\nWITH DISTINCT {{keep}}, n\n"
    f"RETURN {{group}}'jurisdiction' AS facet, CASE WHEN n.code IS NULL THEN 'NATIONAL' "
    f"ELSE '{KIND_BY_LABEL[Label.REGION].id_prefix}:' + n.code END AS key, n.jurisdiction AS label, count(*) AS count",
    *(
        f"MATCH (v0)-[:{link.rel}]->(c:{link.target})\nWITH DISTINCT {{keep}}, c\n"
        f"RETURN {{group}}'{link.facet}' AS facet, c.id AS key, c.name AS label, count(*) AS count"
        for link in LINKS
        if link.facet
    ),
]


@compiled_once
def facets(pred: Pred, scope: str | None = None) -> Statement:
    """Group-by counts of matching activities (per owner in ``$owners`` with a scope):
    rows of facet, key, label, count, in no particular order."""
    e = Emitter()
    if scope is None:
        head, rest = _root_head(e, Label.ACTIVITY, pred)
        keep = ["v0"]
    else:
        head, rest = _scoped_head(scope, None, e), pred
        keep = ["owner", "v0"]
    match = "\n".join(_filtered(e, head, rest, keep))
    group = "owner, " if scope is not None else ""
    branches = [f"{match}\n{b.format(keep=', '.join(keep), group=group)}" for b in _FACET_BRANCHES]
    name = "facets" if scope is None else f"{scope}_facets"
    return _generated(name, "\nUNION ALL\n".join(branches), e), e.params


def count_by_kind() -> Statement:
    """Node counts per kind, one label count each (answered from the label counts, no scan)."""
    parts = [f"MATCH (n:{k.label}) RETURN '{k.kind}' AS kind, count(n) AS count" for k in NODE_KINDS]
    return Generated("count_by_kind", "\nUNION ALL\n".join(parts)), {}
