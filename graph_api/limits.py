"""Bounded work per request: depth, aliases, cost and input limits, checked before validation.

One pass over the parsed document, linear in its size: every fragment is measured once and
its measure reused at each spread, so fragment doubling (``fragment X2 { ...X1 ...X1 }``)
costs one visit per fragment, not 2^n (Strawberry's QueryDepthLimiter and MaxAliasesLimiter
re-walk a fragment at every spread). Argument values are checked where they are written,
with variables substituted from the raw request, so filters are bounded before any
resolver (or filter compiler) sees them.

The cost is an upper bound on the fields an answer can hold, as GitHub's node limit counts
it: a field costs 1 plus its selections times its list size; the list size is the field's
``first``/``limit`` (default ``QGRAPH_DEFAULT_PAGE``), the length of ``ids``, or for a plain
list field ``QGRAPH_COST_LIST_SIZE`` (``LONG_LISTS`` for the few known to run long). A
connection's ``nodes``/``edges`` hold ``first`` items; its ``totalCount`` and ``pageInfo``
one. GraphQL Armor's cost limit weighs objects, scalars and depth but not list sizes, and
walks a fragment at each spread; this keeps its design of refusing before execution.
Argument values are checked in :mod:`graph_api.inputs`.

Introspection (the subtrees of ``__schema`` and ``__type``) is measured apart, against its own
bounds (:mod:`graph_api.introspection`): the standard introspection query is deeper than any
data query needs to be, and its lists are as long as the schema, not as a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NoReturn

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    parse,
    value_from_ast_untyped,
)

from graph_api import introspection
from graph_api.depth import document_depth
from graph_api.errors import Forbidden, LimitExceeded
from graph_api.inputs import MAX_NUMBER_CHARS, ArgumentCheck, check_variables
from graph_api.introspection import INTROSPECTION_FIELDS, MAX_INTROSPECTION_DEPTH, is_introspection_type
from graph_api.measure import (
    CONNECTION_LISTS,
    LONG_LISTS,
    SIZE_ARGUMENTS,
    ZERO,
    Measure,
    field_definition,
    is_list,
)
from graph_api.settings import Settings

__all__ = ["DocumentCheck", "Forbidden", "Measure", "introspection_allowance"]

# Times one response key may be selected in one selection set (inline fragments included):
# validation compares every pair of same-named fields (OverlappingFieldsCanBeMerged), so 400
# copies of `stats { nodes }`, well inside the token limit, took 1.7 s to validate.
MAX_SAME_FIELD = 10
# Nesting the recursive walk follows (three frames a level) before it stops and counts the
# document's depth without recursion (a 600-level document would exhaust the stack).
WALK_CEILING = 100


class DocumentCheck:
    """Measures one document against the settings; raises the first limit it exceeds."""

    def __init__(self, schema: GraphQLSchema, settings: Settings, variables: Mapping[str, Any] | None) -> None:
        self.schema = schema
        self.settings = settings
        self.variables = variables or {}
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        self._memo: dict[tuple[str, int | None, bool], Measure] = {}
        self._visiting: set[tuple[str, int | None, bool]] = set()
        self.arguments = ArgumentCheck(settings, self.variables)
        self.introspection = False
        self.meta_sizes = introspection.list_sizes(schema)
        self._nesting = 0
        self._meta = 0  # fields nested inside an introspection subtree
        self._keys_memo: dict[str, dict[str, int]] = {}
        self._keys_visiting: set[str] = set()

    def check(self, document: DocumentNode) -> Measure:
        """The measure of the document's costliest operation; raises on any limit exceeded."""
        check_variables(self.variables, self.settings)
        try:
            worst = self.measure(document)
        except _TooDeep:
            self.refuse_too_deep(document)
        s = self.settings
        if worst.depth > s.max_depth:
            self.refuse_depth(worst.depth)
        if worst.meta_depth > MAX_INTROSPECTION_DEPTH:
            raise introspection.refuse_depth(worst.meta_depth)
        if worst.aliases > s.max_aliases:
            raise LimitExceeded(
                f"{worst.aliases} aliases exceed the limit of {s.max_aliases} (QGRAPH_MAX_ALIASES)",
                limit="QGRAPH_MAX_ALIASES", value=worst.aliases, maximum=s.max_aliases,
            )  # fmt: skip
        if worst.cost > s.max_cost:
            raise LimitExceeded(
                f"query cost {worst.cost} exceeds the limit of {s.max_cost} (QGRAPH_MAX_COST): ask for smaller "
                "pages (`first`) or fewer nested lists",
                limit="QGRAPH_MAX_COST", value=min(worst.cost, 2**62), maximum=s.max_cost,
            )  # fmt: skip
        if worst.meta_cost:
            allowance = introspection_allowance(self.schema)
            if worst.meta_cost > allowance:
                raise introspection.refuse_cost(worst.meta_cost, allowance)
        return worst

    def measure(self, document: DocumentNode) -> Measure:
        """The measure of the document's costliest operation, before any limit but nesting."""
        # Declared defaults count where a variable is not sent (`query($n: Int = 100)`).
        defaults = {
            v.variable.name.value: value_from_ast_untyped(v.default_value)
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            for v in d.variable_definitions or ()
            if v.default_value is not None
        }
        self.variables = {**defaults, **self.variables}
        self.arguments = ArgumentCheck(self.settings, self.variables)
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        worst = ZERO
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                root = self.schema.get_root_type(definition.operation)
                worst = worst.worst(self.selection_set(root, definition.selection_set, page=None))
        # Fragments no operation spreads are still validated: their nesting counts too.
        for name in self.fragments:
            alone = self.fragment(name, page=None)
            worst = worst.worst(Measure(depth=alone.depth, meta_depth=alone.meta_depth))
        return worst

    # -- selections --------------------------------------------------------------------
    def selection_set(
        self, parent: GraphQLNamedType | None, node: SelectionSetNode, *, page: int | None, inline: bool = False
    ) -> Measure:
        """The measure of a selection set; ``page`` is the size of the connection it selects on."""
        if not inline:
            self.check_repeats(node)
        total = ZERO
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total = total + self.field(parent, selection, page=page)
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition
                target = self.schema.get_type(cond.name.value) if cond else parent
                total = total + self.selection_set(target, selection.selection_set, page=page, inline=True)
            elif isinstance(selection, FragmentSpreadNode):
                total = total + self.fragment(selection.name.value, page=page)
        return total

    def check_repeats(self, node: SelectionSetNode) -> None:
        """Refuse a response key selected more than ``MAX_SAME_FIELD`` times in one selection
        set, counting inline fragments and fragment spreads (which validation merges)."""
        for key, count in self.response_keys(node).items():
            if count > MAX_SAME_FIELD:
                raise LimitExceeded(
                    f"`{key}` is selected more than {MAX_SAME_FIELD} times in one selection set",
                    argument=key, limit="MAX_SAME_FIELD", maximum=MAX_SAME_FIELD,
                )  # fmt: skip

    def response_keys(self, node: SelectionSetNode) -> dict[str, int]:
        """How often each response key is selected, saturating just past the limit so that
        doubling fragments keep small counts; each fragment is counted once."""
        counts: dict[str, int] = {}

        def add(key: str, n: int) -> None:
            counts[key] = min(counts.get(key, 0) + n, MAX_SAME_FIELD + 1)

        stack = [node]
        while stack:
            for selection in stack.pop().selections:
                if isinstance(selection, FieldNode):
                    add((selection.alias or selection.name).value, 1)
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    for key, n in self.fragment_keys(selection.name.value).items():
                        add(key, n)
        return counts

    def fragment_keys(self, name: str) -> dict[str, int]:
        if name in self._keys_memo:
            return self._keys_memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self._keys_visiting:
            return {}
        self._keys_visiting.add(name)
        keys = self.response_keys(definition.selection_set)
        self._keys_visiting.discard(name)
        self._keys_memo[name] = keys
        return keys

    def fragment(self, name: str, *, page: int | None) -> Measure:
        key = (name, page, self._meta > 0)
        if key in self._memo:
            return self._memo[key]
        definition = self.fragments.get(name)
        if definition is None or key in self._visiting:
            return ZERO  # unknown fragment or a cycle: validation names it
        self._visiting.add(key)
        target = self.schema.get_type(definition.type_condition.name.value)
        measure = self.selection_set(target, definition.selection_set, page=page)
        self._visiting.discard(key)
        self._memo[key] = measure
        return measure

    def field(self, parent: GraphQLNamedType | None, node: FieldNode, *, page: int | None) -> Measure:
        meta = self._meta > 0 or node.name.value in INTROSPECTION_FIELDS or is_introspection_type(parent)
        self._nesting += 1
        self._meta += meta
        try:
            if self._nesting > max(self.settings.max_depth, WALK_CEILING):
                raise _TooDeep
            return self._field(parent, node, page=page, meta=meta)
        finally:
            self._nesting -= 1
            self._meta -= meta

    def refuse_depth(self, depth: int) -> NoReturn:
        s = self.settings
        raise LimitExceeded(
            f"query depth {depth} exceeds the limit of {s.max_depth} (QGRAPH_MAX_DEPTH)",
            limit="QGRAPH_MAX_DEPTH", value=depth, maximum=s.max_depth,
        )  # fmt: skip

    def refuse_too_deep(self, document: DocumentNode) -> NoReturn:
        """Refuse a document too deep to walk, naming the depth it has."""
        data = document_depth(document)
        if data > self.settings.max_depth:
            self.refuse_depth(data)
        meta = document_depth(document, introspection=True)
        if meta > MAX_INTROSPECTION_DEPTH:
            raise introspection.refuse_depth(meta)
        self.refuse_depth(max(data, meta))  # not reached: one of them is past the walk's ceiling

    def _field(self, parent: GraphQLNamedType | None, node: FieldNode, *, page: int | None, meta: bool) -> Measure:
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            self.introspection = True
        for argument in node.arguments or ():
            self.arguments.value(argument.name.value, argument.value, depth=1, hops=0)
        aliases = 1 if node.alias else 0
        if node.selection_set is None:
            return Measure(aliases=aliases, meta_depth=1, meta_cost=1) if meta else Measure(1, aliases, 1)
        definition = field_definition(parent, name)
        inner_type = get_named_type(definition.type) if definition else None
        size = self.list_size(definition, node, page=page, meta=meta)
        connection = size is not None and not is_list(definition)  # its nodes/edges are the page
        inner = self.selection_set(inner_type, node.selection_set, page=size if connection else None)
        times = 1 if connection or size is None else size
        if meta:
            return Measure(
                aliases=aliases + inner.aliases, meta_depth=1 + inner.meta_depth, meta_cost=1 + times * inner.meta_cost
            )
        return Measure(
            1 + inner.depth, aliases + inner.aliases, 1 + times * inner.cost, inner.meta_depth, times * inner.meta_cost
        )

    def list_size(
        self, definition: GraphQLField | None, node: FieldNode, *, page: int | None, meta: bool = False
    ) -> int | None:
        """How many items the field may return: its size argument, its ids, or the default;
        an introspection list: the most items it holds in this schema."""
        if definition is None:
            return None
        if meta:
            return self.meta_sizes.get(node.name.value, self.settings.cost_list_size) if is_list(definition) else None
        given = {a.name.value: a.value for a in node.arguments or ()}
        sizes = [self.literal(given.get(name)) for name in SIZE_ARGUMENTS if name in definition.args]
        if sizes:
            counted = [v for v in sizes if isinstance(v, int) and not isinstance(v, bool)]
            # a negative `first` must not offset a sibling's cost
            return max(0, *counted) if counted else self.settings.default_page
        if not is_list(definition):
            return None
        if page is not None and node.name.value in CONNECTION_LISTS:
            return page
        ids = self.literal(given.get("ids")) if "ids" in definition.args else None
        if isinstance(ids, list):
            return len(ids)
        return LONG_LISTS.get(node.name.value, self.settings.cost_list_size)

    def literal(self, node: ValueNode | None) -> Any:
        """A value as written, with variables substituted; ``None`` when absent."""
        if node is None:
            return None
        if isinstance(node, VariableNode):
            return self.variables.get(node.name.value)
        if isinstance(node, IntValueNode):
            return int(node.value) if len(node.value) <= MAX_NUMBER_CHARS else None
        if isinstance(node, ListValueNode):
            return [self.literal(v) for v in node.values]
        return None


class _TooDeep(Exception):
    """The walk reached its nesting ceiling (internal: the check then counts the true depth)."""


@lru_cache(maxsize=8)
def introspection_allowance(schema: GraphQLSchema) -> int:
    """The introspection cost a request may have on ``schema``: a few standard full queries."""
    standard = DocumentCheck(schema, Settings(), None).measure(parse(introspection.STANDARD_QUERY))
    return introspection.STANDARD_QUERIES_ALLOWED * standard.meta_cost
