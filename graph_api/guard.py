"""The schema extension that bounds every request before validation and execution.

Before validation: the linear document check of :mod:`graph_api.limits` (depth, aliases,
cost, argument values with variables substituted) and the introspection setting; then the
cached standard validation. Around each resolver with arguments: values a store cannot take
(NUL, lone surrogates) fail that field alone with ``BAD_USER_INPUT``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from enum import Enum
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo
from strawberry.extensions import SchemaExtension, ValidationCache

from graph_api.errors import BadUserInput, LimitExceeded, QGraphError
from graph_api.limits import DocumentCheck, Forbidden
from graph_api.settings import Settings
from graph_api.store.params import unstorable

# Whether the current request carries the admin bearer token (set by the HTTP view).
CALLER_IS_ADMIN: ContextVar[bool] = ContextVar("qgraph_caller_is_admin", default=False)


def allowed(access: str) -> bool:
    """Whether a feature set to ``on``/``off``/``admin`` is open to the current caller."""
    return access == "on" or (access == "admin" and CALLER_IS_ADMIN.get())


class RequestLimits(SchemaExtension):
    """Refuses over-limit documents before validation; replaces Strawberry's ValidationCache,
    which would run validation (and overwrite the refusal) regardless."""

    def __init__(self, settings: Settings, cache_size: int = 256) -> None:
        super().__init__()
        self.settings = settings
        self.validation = ValidationCache(maxsize=cache_size)

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            try:
                check = DocumentCheck(context.schema._schema, self.settings, context.variables)
                check.check(document)
                if check.introspection and not allowed(self.settings.introspection):
                    raise Forbidden("introspection is turned off on this service (QGRAPH_INTROSPECTION)")
            except QGraphError as exc:
                context.pre_execution_errors = [GraphQLError(exc.message, original_error=exc)]
            except RecursionError:
                deep = LimitExceeded("the document nests too deep", limit="QGRAPH_MAX_DEPTH")
                context.pre_execution_errors = [GraphQLError(deep.message, original_error=deep)]
            else:
                context.pre_execution_errors = self.validation.cached_validate_document(
                    context.schema._schema, document, context.validation_rules
                )
        yield

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
