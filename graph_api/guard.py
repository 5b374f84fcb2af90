"""The schema extension that bounds every request before validation and execution.

Parsing: graphql-core's token limit (``QGRAPH_MAX_TOKENS``), through Strawberry's shared parse
LRU, so a repeated document is parsed once (one extension doing what MaxTokensLimiter and
ParserCache did: every extension costs Strawberry hook set-up on every request).

Before validation: the linear document check of :mod:`graph_api.limits` (depth, aliases,
cost, argument values with variables substituted) and the introspection setting; then the
standard validation. Both verdicts are kept per (document text, variables) in a bounded LRU
shared by every request of one schema, so a repeated question is checked once. Around each
resolver with arguments: values a store cannot take (NUL, lone surrogates) fail that field
alone with ``BAD_USER_INPUT``.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from enum import Enum
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.extensions.parser_cache import _get_parse_cache
from strawberry.schema.schema import validate_document

from graph_api.errors import BadUserInput, LimitExceeded, QGraphError
from graph_api.limits import DocumentCheck, Forbidden
from graph_api.settings import Settings
from graph_api.store.params import unstorable

# Parsed documents kept (Strawberry's module-level LRU of graphql-core's parse).
PARSED_KEPT = 256
# Whether the current request carries the admin bearer token (set by the HTTP view).
CALLER_IS_ADMIN: ContextVar[bool] = ContextVar("qgraph_caller_is_admin", default=False)


def allowed(access: str) -> bool:
    """Whether a feature set to ``on``/``off``/``admin`` is open to the current caller."""
    return access == "on" or (access == "admin" and CALLER_IS_ADMIN.get())


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the checks before execution decided about one document with its variables."""

    errors: tuple[GraphQLError, ...]  # a refusal, or validation's errors; empty when valid
    introspection: bool  # the document asks for __schema/__type (allowed per caller)


class Verdicts:
    """A bounded LRU of verdicts keyed by (document text, variables): entries and key text are
    both bounded, so documents near the token limit cannot grow it past ``max_chars``."""

    def __init__(self, max_entries: int = 256, max_chars: int = 4_000_000) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.chars = 0
        self._lru: OrderedDict[tuple[str, str], Verdict] = OrderedDict()
        self._lock = threading.Lock()  # one schema may serve several event loops' threads

    def __len__(self) -> int:
        return len(self._lru)

    @staticmethod
    def key(query: str, variables: Mapping[str, Any] | None) -> tuple[str, str]:
        """The memo key: the document's text and its variables as canonical JSON."""
        return query, json.dumps(variables or {}, sort_keys=True, ensure_ascii=False, default=repr)

    def get(self, key: tuple[str, str]) -> Verdict | None:
        """The verdict kept for ``key``, now the most recently used; None when not kept."""
        with self._lock:
            verdict = self._lru.get(key)
            if verdict is not None:
                self._lru.move_to_end(key)
            return verdict

    def put(self, key: tuple[str, str], verdict: Verdict) -> None:
        """Keep ``verdict``, dropping the least recently used entries beyond the bounds."""
        size = len(key[0]) + len(key[1])
        if size > self.max_chars:
            return
        with self._lock:
            if key in self._lru:
                return
            self._lru[key] = verdict
            self.chars += size
            while len(self._lru) > self.max_entries or self.chars > self.max_chars:
                old, _ = self._lru.popitem(last=False)
                self.chars -= len(old[0]) + len(old[1])


class RequestLimits(SchemaExtension):
    """Refuses over-limit documents before validation, then validates; replaces Strawberry's
    ValidationCache, which would run validation (and overwrite the refusal) regardless."""

    def __init__(self, settings: Settings, verdicts: Verdicts | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.verdicts = verdicts if verdicts is not None else Verdicts()

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = self.settings.max_tokens
        context.graphql_document = _get_parse_cache(PARSED_KEPT)(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            key = Verdicts.key(context.query or "", context.variables)
            verdict = self.verdicts.get(key)
            if verdict is None:
                verdict = self.judge(context.schema._schema, document, context.variables, context.validation_rules)
                self.verdicts.put(key, verdict)
            if not verdict.errors and verdict.introspection and not allowed(self.settings.introspection):
                off = Forbidden("introspection is turned off on this service (QGRAPH_INTROSPECTION)")
                context.pre_execution_errors = [GraphQLError(off.message, original_error=off)]
            else:
                context.pre_execution_errors = list(verdict.errors)  # [] = validated (Strawberry skips its own)
        yield

    def judge(self, schema: Any, document: Any, variables: Mapping[str, Any] | None, rules: Any) -> Verdict:
        """The limits verdict, then (when within them) validation's errors, for one document."""
        try:
            check = DocumentCheck(schema, self.settings, variables)
            check.check(document)
        except QGraphError as exc:
            return Verdict((GraphQLError(exc.message, original_error=exc),), False)
        except RecursionError:
            deep = LimitExceeded("the document nests too deep", limit="QGRAPH_MAX_DEPTH")
            return Verdict((GraphQLError(deep.message, original_error=deep),), False)
        errors = validate_document(schema, document, rules)
        return Verdict(tuple(errors), check.introspection)

    def resolve(
        self, _next: Callable[..., Any], root: Any, info: GraphQLResolveInfo[Any], *args: str, **kwargs: Any
    ) -> Any:
        for name, value in kwargs.items():
            reason = _find_unstorable(value)
            if reason:
                raise BadUserInput(f"argument `{name}` contains {reason}, which the store cannot take", argument=name)
        return _next(root, info, *args, **kwargs)


def _find_unstorable(value: Any) -> str | None:
    """The first reason a string in an argument (lists, input objects) cannot be stored."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if reason := unstorable(item):
                return reason
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif dataclasses.is_dataclass(item) and not isinstance(item, type | Enum):
            stack.extend(vars(item).values())
    return None
