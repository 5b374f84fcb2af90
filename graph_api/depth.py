"""The true depth of a document, counted without recursion.

The limit check walks a document recursively and stops once it nests deeper than it can
safely follow; the error must still name the depth the document has. graphql-core's
``visit`` keeps its own stack, and each fragment is measured once, then added at its spreads.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    ExecutableDefinitionNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    Visitor,
    visit,
)
from graphql.language.visitor import SKIP, VisitorAction

from graph_api.introspection import INTROSPECTION_FIELDS


def document_depth(document: DocumentNode, *, introspection: bool = False) -> int:
    """The deepest nesting of fields in ``document``, fragments spread in place: of the data
    fields (``introspection=False``, subtrees of ``__schema``/``__type`` left out), or of the
    introspection subtrees alone (``introspection=True``)."""
    definitions = [d for d in document.definitions if isinstance(d, ExecutableDefinitionNode)]
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    scans: dict[str, _Scan] = {}
    resolved: dict[str, int] = {}

    def scan(definition: ExecutableDefinitionNode) -> _Scan:
        on_meta = isinstance(definition, FragmentDefinitionNode) and definition.type_condition.name.value.startswith(
            "__"
        )
        found = _Scan(introspection, on_meta)
        if on_meta and not introspection:
            return found  # a fragment on an introspection type holds no data fields
        visit(definition.selection_set, found)
        return found

    def scanned(name: str) -> _Scan:
        if name not in scans:
            scans[name] = scan(fragments[name])
        return scans[name]

    def fragment_depth(root: str) -> int:
        stack, open_ = [root], set()
        while stack:
            name = stack[-1]
            if name in resolved:
                stack.pop()
                continue
            open_.add(name)
            spreads = scanned(name).spreads
            pending = [s for s, _ in spreads if s in fragments and s not in resolved and s not in open_]
            if pending:
                stack.extend(pending)
                continue
            # a cycle (or an unknown fragment) adds nothing: validation refuses it
            resolved[name] = max([scanned(name).deepest, *(level + resolved.get(s, 0) for s, level in spreads)])
            open_.discard(name)
            stack.pop()
        return resolved[root]

    deepest = 0
    for definition in definitions:
        found = scan(definition)
        spread = [level + fragment_depth(s) for s, level in found.spreads if s in fragments]
        deepest = max(deepest, found.deepest, *spread)
    return deepest


class _Scan(Visitor):
    """One definition's own deepest field and the level of each fragment spread in it."""

    def __init__(self, introspection: bool, on_meta: bool) -> None:
        super().__init__()
        self.introspection = introspection
        self.always = on_meta  # every field of a fragment on an introspection type counts
        self.level = 0
        self.deepest = 0
        self.spreads: list[tuple[str, int]] = []
        self._counted: list[bool] = []

    def enter_field(self, node: FieldNode, *_: Any) -> VisitorAction:
        opens = node.name.value in INTROSPECTION_FIELDS
        if opens and not self.introspection:
            return SKIP
        counted = not self.introspection or self.always or self.level > 0 or opens
        self._counted.append(counted)
        if counted:
            self.level += 1
            self.deepest = max(self.deepest, self.level)
        return None

    def leave_field(self, node: FieldNode, *_: Any) -> None:
        if self._counted.pop():
            self.level -= 1

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.spreads.append((node.name.value, self.level))
