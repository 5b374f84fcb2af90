"""One answer, one graph version.

A GraphQL answer may take several statements (a page, then the participants of its
activities, then their partners …). A load that is swapped in between two of them would
give an answer that is half one graph and half the other. The repository pins the version
it saw just before its first statement; when the operation is done, the version is read
once more, and an operation that straddled a swap runs again on a fresh context. Loads are
rare, so a second run is rare, and an operation of one statement never needs the check.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from strawberry.types import ExecutionResult

from graph_api.errors import QGraphError
from graph_api.schema.context import Context, call

# Runs of one operation while loads keep landing under it; then the client is told to retry.
ATTEMPTS = 3


class GraphChanged(QGraphError):
    """The graph changed under every run of an operation: a storm of loads."""

    code = "UNAVAILABLE"
    public = True


async def on_one_version(
    execute: Callable[[Context], Awaitable[ExecutionResult]],
    context: Context,
    fresh_context: Callable[[], Awaitable[Context]],
) -> tuple[ExecutionResult, Context]:
    """Run ``execute`` until one run read a single graph version (at most ``ATTEMPTS``); the
    answer comes with the context that computed it (its repository knows the version)."""
    for _ in range(ATTEMPTS):
        result = await execute(context)
        # One statement or none read one version by definition: no store call (no thread hop).
        if context.repo.statements <= 1 or await call(context.repo.read_one_version):
            return result, context
        context = await fresh_context()
    raise GraphChanged("the graph was reloaded while the request ran; retry", retryAfter=1)
