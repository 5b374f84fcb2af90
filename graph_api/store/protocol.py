"""The one interface every backend implements; resolvers and tests depend on it only."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from cypher import Generated, Q

Row = dict[str, Any]
# Called after each write step with (steps done, steps in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class WriteStep:
    """One statement of a load, with its parameters and optional allow-listed label/type."""

    name: Q
    params: Mapping[str, Any] = field(default_factory=dict)
    label: str | None = None
    rel_type: str | None = None


@runtime_checkable
class GraphStore(Protocol):
    """A graph database the service reads and loads."""

    backend: str
    round_trips: int

    def run(
        self,
        name: Q | Generated,
        params: Mapping[str, Any] | None = None,
        *,
        label: str | None = None,
        rel_type: str | None = None,
        version: str | None = None,
    ) -> list[Row]:
        """Run a named read statement in a read-only transaction and return its rows.

        ``version``: the graph version the caller pinned (:meth:`version`); a store with read
        replicas sends the statement to one only when it holds that version."""
        ...

    def write(self, steps: Sequence[WriteStep], progress: Progress | None = None) -> None:
        """Run every step in one all-or-nothing write; readers see all of it or none."""
        ...

    def version(self) -> str:
        """The graph version readers see now ("" before any load); every completed write
        changes it in the same atomic step that makes the write visible."""
        ...

    def health(self) -> None:
        """Return when the store answers; raise StoreUnavailable otherwise."""
        ...

    def close(self) -> None:
        """Release connections (and stop an embedded server this process started)."""
        ...
