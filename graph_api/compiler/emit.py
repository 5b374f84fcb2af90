"""Cypher for IR predicates: values only as ``$params``, keys and types from the IR's allow-list.

A relation quantifier becomes ``OPTIONAL MATCH`` of the relation, then a ``WITH`` that keeps
the variables in scope and counts the reached nodes that match (``some``/``none``) or miss
(``all``); the predicate reads that count. Nested quantifiers nest the same way, one
``OPTIONAL MATCH``/``WITH`` pair per level, so no comprehension is ever nested (FalkorDB
answers a nested pattern comprehension with a silent null) and no pattern sits in ``WHERE``
(FalkorDB refuses it). Beneath a ``NOT`` (and inside ``all``, which counts misses with
``NOT``) every comparison is wrapped in ``coalesce(…, false)``, so a missing property is
false and ``NOT`` means what it says; elsewhere null and false both drop the row, and the
bare comparison lets the planner use an index (``v.kind IN $p``, ``$p IN a.types``).
"""

from __future__ import annotations

from typing import Any

from graph_api.compiler.ir import And, CompileError, Indexed, Not, Op, Or, Pred, Prop, Quant, Rel, Text

_COMPARE = {
    Op.EQ: "{x} = {p}",
    Op.IN: "{x} IN {p}",
    Op.CONTAINS: "{x} CONTAINS {p}",
    Op.STARTS_WITH: "{x} STARTS WITH {p}",
}


class Emitter:
    """Collects the parameters and fresh variable names of one statement."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}
        # (FalkorDB text, Neo4j text) of each full-text index call: the one dialect difference.
        self.variants: list[tuple[str, str]] = []
        self._vars = 0

    def param(self, value: Any) -> str:
        """A new ``$p<n>`` holding ``value`` (tuples become lists)."""
        name = f"p{len(self.params)}"
        self.params[name] = list(value) if isinstance(value, tuple) else value
        return f"${name}"

    def fresh(self) -> int:
        """A number for a new pair of node/edge variables (``v<n>``, ``r<n>``)."""
        self._vars += 1
        return self._vars

    def where(self, pred: Pred, node: str, edge: str | None, scope: list[str]) -> tuple[list[str], str]:
        """Clauses that compute ``pred``'s relation counts, and its boolean expression.

        ``scope`` names the variables every ``WITH`` must keep (``node`` among them); the
        counters it adds are appended to it.
        """
        clauses: list[str] = []
        expr = self._expr(pred, node, edge, scope, clauses, strict=False)
        return clauses, expr

    def _expr(
        self, pred: Pred, node: str, edge: str | None, scope: list[str], clauses: list[str], *, strict: bool
    ) -> str:
        if isinstance(pred, Prop):
            return _strict(self._prop(pred, node, edge), strict)
        if isinstance(pred, Text):
            return _strict(self._text(pred, node), strict)
        if isinstance(pred, Indexed):
            return "true"  # implied by the text condition beside it; only ever a starting point
        if isinstance(pred, And | Or):
            tested = [p for p in pred.parts if not isinstance(p, Indexed)]
            parts = [self._expr(p, node, edge, scope, clauses, strict=strict) for p in tested]
            if not parts:
                return "true" if isinstance(pred, And) else "false"
            if len(parts) == 1:
                return parts[0]
            joiner = " AND " if isinstance(pred, And) else " OR "
            return "(" + joiner.join(parts) + ")"
        if isinstance(pred, Not):
            return f"NOT ({self._expr(pred.part, node, edge, scope, clauses, strict=True)})"
        return self._rel(pred, node, scope, clauses)

    def _rel(self, rel: Rel, node: str, scope: list[str], clauses: list[str]) -> str:
        n = self.fresh()
        v, r, q = f"v{n}", f"r{n}", f"q{n}"
        edge = f"[:{rel.rel_type}*0..]" if rel.chain else f"[{r}:{rel.rel_type}]"  # a chain binds no edge
        arrow = f"-{edge}->" if rel.outgoing else f"<-{edge}-"
        clauses.append(f"OPTIONAL MATCH ({node}){arrow}({v}:{rel.label})")
        reached = (None, [*scope, v]) if rel.chain else (r, [*scope, v, r])
        inner = self._expr(rel.where, v, reached[0], reached[1], clauses, strict=rel.quant == Quant.ALL)
        test = f"NOT ({inner})" if rel.quant == Quant.ALL else inner
        test = f"{v} IS NOT NULL" if test == "true" else f"{v} IS NOT NULL AND {test}"
        clauses.append(f"WITH {', '.join(scope)}, count(CASE WHEN {test} THEN 1 END) AS {q}")
        scope.append(q)
        return f"{q} > 0" if rel.quant == Quant.SOME else f"{q} = 0"

    def _prop(self, prop: Prop, node: str, edge: str | None) -> str:
        if prop.on_edge and edge is None:
            raise CompileError(f"{prop.key!r} is an edge property, but no edge reaches this node")
        x = f"{edge if prop.on_edge else node}.{prop.key}"
        if prop.op == Op.HAS_ANY and isinstance(prop.value, tuple) and len(prop.value) == 1:
            return f"{self.param(prop.value[0])} IN {x}"  # the form an array index serves
        p = self.param(prop.value)
        if prop.op in _COMPARE:
            return _COMPARE[prop.op].format(x=x, p=p)
        if prop.op == Op.HAS:
            return f"{p} IN {x}"
        if prop.op == Op.HAS_ANY:
            return f"any(s IN {x} WHERE s IN {p})"
        return f"all(s IN {p} WHERE coalesce({x}, '') CONTAINS s)"

    def _text(self, text: Text, node: str) -> str:
        x = f"{node}.{text.key}"

        def ops(subject: str) -> str:
            tests = [_COMPARE[op].format(x=subject, p=self.param(value)) for op, value in text.ops]
            return " AND ".join(tests) or "true"

        if text.many:
            return f"any(s IN {x} WHERE {ops('s')})"
        return f"({x} IS NOT NULL AND {ops(x)})"


def _strict(expr: str, strict: bool) -> str:
    """``expr`` made two-valued (null → false) where a ``NOT`` above it needs that."""
    return f"coalesce({expr}, false)" if strict else expr
