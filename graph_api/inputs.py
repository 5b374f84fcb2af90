"""Bounded argument values: strings, lists, nesting, value counts, filter width and hops.

Checked where a value is written, with variables substituted from the raw request, so
filters are bounded before any resolver (or filter compiler) sees them; the raw variables are
bounded as sent too, used or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import IntValueNode, ListValueNode, ObjectValueNode, StringValueNode, ValueNode, VariableNode
from graphql.language import FloatValueNode

from graph_api.errors import BadUserInput, LimitExceeded
from graph_api.settings import Settings

# Filter keys that follow a relation: each one multiplies the work of what it holds.
HOP_KEYS = frozenset({"runs", "some", "none", "all"})
WIDTH_KEYS = frozenset({"AND", "OR"})
# Digits beyond any Int or Float the schema takes; Python refuses to convert over 4300.
MAX_NUMBER_CHARS = 40


class ArgumentCheck:
    """Checks the argument values of one document against the settings; raises the first
    limit a value exceeds."""

    def __init__(self, settings: Settings, variables: Mapping[str, Any]) -> None:
        self.settings = settings
        self.variables = variables
        self.input_values = 0

    def value(self, name: str, node: ValueNode, *, depth: int, hops: int) -> None:
        """Check one argument value as written; variables are checked where they are used."""
        if isinstance(node, VariableNode):
            if node.name.value in self.variables:
                self.raw_value(name, self.variables[node.name.value], depth=depth, hops=hops)
            return
        self.count_value(name)
        if isinstance(node, StringValueNode):
            self.check_string(name, node.value)
        elif isinstance(node, IntValueNode | FloatValueNode):
            if len(node.value) > MAX_NUMBER_CHARS:
                raise BadUserInput(f"argument `{name}`: a number of {len(node.value)} characters", argument=name)
        elif isinstance(node, ListValueNode):
            self.check_container(name, depth, len(node.values))
            for item in node.values:
                self.value(name, item, depth=depth + 1, hops=hops)
        elif isinstance(node, ObjectValueNode):
            self.check_container(name, depth, 0)
            for field in node.fields:
                key = field.name.value
                self.check_key(key, field.value, hops)
                self.value(key, field.value, depth=depth + 1, hops=hops + (key in HOP_KEYS))

    def raw_value(self, name: str, value: Any, *, depth: int, hops: int) -> None:
        """Check a variable's JSON value at the place it is used."""
        self.count_value(name)
        if isinstance(value, str):
            self.check_string(name, value)
        elif isinstance(value, list):
            self.check_container(name, depth, len(value))
            for item in value:
                self.raw_value(name, item, depth=depth + 1, hops=hops)
        elif isinstance(value, dict):
            self.check_container(name, depth, 0)
            for key, item in value.items():
                self.check_key(key, item, hops)
                self.raw_value(key, item, depth=depth + 1, hops=hops + (key in HOP_KEYS))

    def count_value(self, name: str) -> None:
        self.input_values += 1
        if self.input_values > self.settings.max_input_size:
            limit = self.settings.max_input_size
            raise LimitExceeded(
                f"the arguments hold more than {limit} values (QGRAPH_MAX_INPUT_SIZE)",
                argument=name, limit="QGRAPH_MAX_INPUT_SIZE", maximum=limit,
            )  # fmt: skip

    def check_string(self, name: str, text: str) -> None:
        _check_string(name, text, self.settings)

    def check_container(self, name: str, depth: int, length: int) -> None:
        _check_container(name, depth, length, self.settings)

    def check_key(self, key: str, value: Any, hops: int) -> None:
        """Filter width (AND/OR branches) and relation hops, whatever the engine evaluating it."""
        s = self.settings
        if key in HOP_KEYS and hops + 1 > s.max_filter_hops:
            raise LimitExceeded(
                f"filter nests {hops + 1} relation quantifiers (`{key}`), more than the limit of "
                f"{s.max_filter_hops} (QGRAPH_FILTER_HOPS)",
                argument=key, limit="QGRAPH_FILTER_HOPS", maximum=s.max_filter_hops,
            )  # fmt: skip
        if key in WIDTH_KEYS:
            items = value.values if isinstance(value, ListValueNode) else value
            width = len(items) if isinstance(items, list | tuple) else 1
            if width > s.max_filter_width:
                raise LimitExceeded(
                    f"filter `{key}` has {width} branches, more than the limit of {s.max_filter_width} "
                    "(QGRAPH_FILTER_WIDTH)",
                    argument=key, limit="QGRAPH_FILTER_WIDTH", maximum=s.max_filter_width,
                )  # fmt: skip


def _check_string(name: str, text: str, s: Settings) -> None:
    if len(text) > s.max_string:
        raise LimitExceeded(
            f"argument `{name}` has {len(text)} characters, more than the limit of {s.max_string} (QGRAPH_MAX_STRING)",
            argument=name, limit="QGRAPH_MAX_STRING", maximum=s.max_string,
        )  # fmt: skip


def _check_container(name: str, depth: int, length: int, s: Settings) -> None:
    if depth > s.max_input_depth:
        raise LimitExceeded(
            f"argument `{name}` nests deeper than the limit of {s.max_input_depth} (QGRAPH_MAX_INPUT_DEPTH)",
            argument=name, limit="QGRAPH_MAX_INPUT_DEPTH", maximum=s.max_input_depth,
        )  # fmt: skip
    if length > s.max_list:
        raise LimitExceeded(
            f"argument `{name}` has {length} items, more than the limit of {s.max_list} (QGRAPH_MAX_LIST)",
            argument=name, limit="QGRAPH_MAX_LIST", maximum=s.max_list,
        )  # fmt: skip


def check_variables(variables: Mapping[str, Any], s: Settings) -> None:
    """Bound the raw variables as sent, used or not: nesting, list lengths, strings, values."""
    count = 0
    stack: list[tuple[str, Any, int]] = [(k, v, 1) for k, v in variables.items()]
    while stack:
        name, value, depth = stack.pop()
        count += 1
        if count > s.max_input_size:
            raise LimitExceeded(
                f"the variables hold more than {s.max_input_size} values (QGRAPH_MAX_INPUT_SIZE)",
                limit="QGRAPH_MAX_INPUT_SIZE", maximum=s.max_input_size,
            )  # fmt: skip
        if isinstance(value, str):
            _check_string(name, value, s)
        elif isinstance(value, list):
            _check_container(name, depth, len(value), s)
            stack.extend((name, item, depth + 1) for item in value)
        elif isinstance(value, dict):
            _check_container(name, depth, 0, s)
            stack.extend((str(k), item, depth + 1) for k, item in value.items())
